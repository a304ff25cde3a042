// Enrollment, device management (HQ) and "who am I".
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../../shared/errors';
import type { Principal } from '../auth/auth-service';
import { SyncError } from '../errors';
import type { ServerContext } from './context';
import { authenticateRequest, type RateLimits } from './guard';
import { SYNC_PATHS, SYNC_ROUTES } from '../../shared/protocol/paths';

export async function authenticate(ctx: ServerContext, request: FastifyRequest): Promise<Principal> {
  return authenticateRequest(ctx, request);
}

export async function requireHq(ctx: ServerContext, request: FastifyRequest): Promise<Principal> {
  const principal = await authenticate(ctx, request);
  if (principal.kind !== 'hq')
    throw new DomainError(SyncError.FORBIDDEN, 'Only head office (the HQ admin token) may do this.');
  return principal;
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)[name]
    : undefined;
}

/** HQ forms and enrollment are tiny; anything bigger is refused from its Content-Length. */
const SMALL_FORM_BODY_LIMIT = 4 * 1024;

export function registerAuthRoutes(app: FastifyInstance, ctx: ServerContext, limits: RateLimits): void {
  app.post(SYNC_PATHS.enrollmentCodes, { bodyLimit: SMALL_FORM_BODY_LIMIT }, async (request, reply) => {
    await requireHq(ctx, request);
    const code = await ctx.auth.createEnrollmentCode(field(request.body, 'storeId'), field(request.body, 'ttlMinutes'));
    return reply.status(201).send(code);
  });

  app.post(
    SYNC_PATHS.enroll,
    { bodyLimit: SMALL_FORM_BODY_LIMIT, config: { rateLimit: { max: limits.enrollPerMinute, timeWindow: 60_000 } } },
    async (request, reply) => {
      const enrollment = await ctx.auth.enroll(field(request.body, 'code'), field(request.body, 'name'));
      request.log.info({ deviceId: enrollment.deviceId, storeId: enrollment.storeId }, 'register enrolled');
      return reply.status(201).send(enrollment);
    },
  );

  app.get(SYNC_PATHS.devices, async (request) => {
    await requireHq(ctx, request);
    const devices = await ctx.storage.listDevices();
    return { devices: devices.map(({ credentialHash: _hash, ...device }) => device) };
  });

  app.post<{ Params: { id: string } }>(
    SYNC_ROUTES.revokeDevice,
    { bodyLimit: SMALL_FORM_BODY_LIMIT },
    async (request) => {
      await requireHq(ctx, request);
      await ctx.auth.revoke(request.params.id);
      ctx.hub.endDevice(request.params.id);
      request.log.info({ deviceId: request.params.id }, 'device revoked');
      return { revoked: true };
    },
  );

  app.get(SYNC_PATHS.me, async (request) => {
    const principal = await authenticate(ctx, request);
    return {
      deviceId: principal.deviceId,
      storeId: principal.storeId,
      role: principal.role,
      ...(principal.kind === 'device' && principal.registerName ? { registerName: principal.registerName } : {}),
    };
  });
}
