// Replication endpoints shaped for RxDB's replicateRxCollection: pull by {seq} checkpoint,
// push with conflict detection, and the live stream. See docs/SYNC-API.md.
import type { FastifyInstance } from 'fastify';
import { DomainError, isDomainError } from '../../shared/errors';
import { SyncError } from '../errors';
import type { CollectionPolicy } from '../replication/policy';
import { parsePushRows, pushBatch } from '../replication/push';
import { authenticate } from './auth-routes';
import type { ServerContext } from './context';

const DEFAULT_PULL_LIMIT = 200;
const MAX_PULL_LIMIT = 1000;
const PING_MS = 15_000;

function policyOf(ctx: ServerContext, name: string): CollectionPolicy {
  const policy = ctx.policies.get(name);
  if (!policy) {
    throw new DomainError(SyncError.UNKNOWN_COLLECTION, `There is no collection "${name.slice(0, 64)}"; use one of: ${[...ctx.policies.keys()].join(', ')}.`);
  }
  return policy;
}

function wholeNumber(text: string | undefined, name: string, fallback: number, max: number): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!/^\d{1,16}$/.test(text) || !Number.isSafeInteger(value) || value > max) {
    throw new DomainError(SyncError.BAD_REQUEST, `${name} must be a whole number from 0 to ${max}.`, { field: name });
  }
  return value;
}

export function registerSyncRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Params: { collection: string }; Querystring: { seq?: string; limit?: string } }>('/sync/:collection/pull', async (request) => {
    const principal = await authenticate(ctx, request);
    const policy = policyOf(ctx, request.params.collection);
    const afterSeq = wholeNumber(request.query.seq, 'seq', 0, Number.MAX_SAFE_INTEGER);
    const limit = Math.max(1, wholeNumber(request.query.limit, 'limit', DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT));
    const docs = await ctx.storage.pull({ collection: policy.name, afterSeq, limit, storeId: principal.storeId });
    ctx.metrics.pulls++;
    ctx.metrics.pulledDocuments += docs.length;
    const last = docs[docs.length - 1];
    return { documents: docs.map((doc) => doc.data), checkpoint: { seq: last ? last.seq : afterSeq } };
  });

  app.post<{ Params: { collection: string } }>('/sync/:collection/push', async (request) => {
    const principal = await authenticate(ctx, request);
    const policy = policyOf(ctx, request.params.collection);
    let rows;
    try {
      rows = parsePushRows(request.body);
    } catch (error) {
      ctx.metrics.reject('malformed');
      throw error;
    }
    try {
      const result = await pushBatch(ctx.storage, policy, principal, rows, ctx.afterWrite);
      ctx.metrics.pushes++;
      ctx.metrics.pushedDocuments += result.written.length;
      ctx.metrics.conflicts += result.conflicts.length;
      if (result.rejected.length > 0) {
        ctx.metrics.reject('invalid', result.rejected.length);
        request.log.warn({ collection: policy.name, rejected: result.rejected.map((r) => ({ id: r.id, code: r.code, field: r.field })) }, 'documents refused');
      }
      return { conflicts: result.conflicts, rejected: result.rejected };
    } catch (error) {
      if (isDomainError(error, SyncError.FORBIDDEN)) {
        const ids = (error.details?.ids as string[] | undefined) ?? [];
        ctx.metrics.reject('forbidden', ids.length);
        request.log.warn({ collection: policy.name, deviceId: principal.deviceId, ids: ids.slice(0, 20) }, 'write outside scope refused');
      }
      throw error;
    }
  });

  app.get('/sync/stream', async (request, reply) => {
    const principal = await authenticate(ctx, request);
    const latest = await ctx.storage.latestSeq();
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (event: string, data: unknown) => {
      if (!raw.writableEnded) raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const remove = ctx.hub.add({ principal, send });
    const ping = setInterval(() => {
      if (!raw.writableEnded) raw.write(': ping\n\n');
    }, PING_MS);
    ping.unref();
    const cleanup = () => {
      clearInterval(ping);
      remove();
    };
    request.raw.once('close', cleanup);
    raw.once('close', cleanup);
    send('hello', { seq: latest });
  });
}
