// Every failure leaves as { code, message, details? } with a 4xx for anything the client
// caused; only our own bugs become 500, and those are logged.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDomainError, toErrorBody } from '../../shared/errors';
import { httpStatusOf, SyncError, type SyncErrorCode } from '../errors';

const FASTIFY_CODES: Readonly<Record<string, SyncErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: SyncError.BODY_TOO_LARGE,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: SyncError.UNSUPPORTED_MEDIA_TYPE,
  FST_ERR_CTP_EMPTY_JSON_BODY: SyncError.INVALID_JSON,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: SyncError.BAD_REQUEST,
};

const FASTIFY_MESSAGES: Readonly<Partial<Record<SyncErrorCode, string>>> = {
  SYNC_BODY_TOO_LARGE: 'The request body is larger than the server accepts; send smaller batches.',
  SYNC_UNSUPPORTED_MEDIA_TYPE: 'Send the body as application/json.',
  SYNC_INVALID_JSON: 'The request body is empty or not valid JSON.',
  SYNC_BAD_REQUEST: 'The request is malformed.',
};

// The database is down or busy: not the client's fault and worth retrying (503 + Retry-After).
function isStorageUnavailable(error: { code?: unknown }): boolean {
  const code = typeof error.code === 'string' ? error.code : '';
  return (
    /^(08|57P|53)/.test(code) || // PostgreSQL: connection exception, operator intervention, insufficient resources
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code) ||
    /^SQLITE_(BUSY|LOCKED|FULL|IOERR)/.test(code) ||
    (error instanceof Error && /Connection terminated|timeout exceeded when trying to connect/i.test(error.message))
  );
}

/** Fastify's router errors, answered before any route runs (option `frameworkErrors`). */
export function frameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void reply.status(httpStatusOf[SyncError.URL_TOO_LONG]).send({
      code: SyncError.URL_TOO_LONG,
      message: 'A part of this address is longer than the server reads; check the id or number in it.',
    });
    return;
  }
  void reply
    .status(400)
    .send({ code: SyncError.BAD_REQUEST, message: 'The address is malformed; check how it is encoded.' });
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isDomainError(error)) {
      const status = httpStatusOf[error.code as SyncErrorCode] ?? 400;
      return reply.status(status).send(toErrorBody(error));
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped)
      return reply
        .status(httpStatusOf[mapped])
        .send({ code: mapped, message: FASTIFY_MESSAGES[mapped] ?? error.message });
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ code: SyncError.BAD_REQUEST, message: error.message });
    }
    if (isStorageUnavailable(error)) {
      request.log.warn({ code: error.code, message: error.message }, 'storage unavailable');
      return reply.status(httpStatusOf[SyncError.UNAVAILABLE]).header('retry-after', '2').send({
        code: SyncError.UNAVAILABLE,
        message: 'The sync server cannot reach its database right now; the register keeps its data and retries.',
      });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send(toErrorBody(error));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      code: SyncError.NOT_FOUND,
      message: `Nothing at ${request.method} ${request.url.split('?')[0]}; see docs/SYNC-API.md.`,
    }),
  );
}
