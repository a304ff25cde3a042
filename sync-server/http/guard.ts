// Checks that run before any request body is read: the credential (in onRequest, so a stranger's
// 15 MB upload is refused from its headers), HQ-only paths, NUL in the URL, and rate limits
// (@fastify/rate-limit) on enrollment, failed sign-ins and the order lookup.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { DomainError } from '../../shared/errors';
import type { Principal } from '../auth/auth-service';
import { SyncError } from '../errors';
import type { ServerContext } from './context';

export interface RateLimits {
  /** Enrollment attempts per client address per minute. */
  enrollPerMinute: number;
  /** Failed authentications per client address per minute before 429. */
  failedAuthPerMinute: number;
  /** Order lookups per credential per minute. */
  lookupPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { enrollPerMinute: 10, failedAuthPerMinute: 30, lookupPerMinute: 30 };

/** Paths that need a credential, and those that need the HQ token. Everything under /api/hq/ is HQ's. */
const CREDENTIAL_PREFIXES = [
  '/sync/',
  '/api/hq/',
  '/api/me',
  '/api/orders/',
  '/api/customers/',
  '/api/gift-cards/',
  '/api/staff/',
];
const HQ_PREFIXES = ['/api/hq/', '/metrics'];
/** The HQ console's API authenticates its users itself (session cookie + CSRF token, or the HQ
 * token) in sync-server/hq/guard.ts, so it is not held to the HQ-token-only rule above. */
const OWN_AUTH_PREFIXES = ['/api/hq/console/'];

const principals = new WeakMap<FastifyRequest, Principal>();

function rateLimited(): DomainError {
  return new DomainError(
    SyncError.RATE_LIMITED,
    'Too many attempts from this register or address; wait a minute and try again.',
  );
}

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '';
}

export async function installGuards(app: FastifyInstance, ctx: ServerContext, limits: RateLimits): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => rateLimited(),
  });
  const failedAuth = app.createRateLimit({ max: limits.failedAuthPerMinute, timeWindow: 60_000 });
  ctx.onFailedAuth = async (request) => {
    const counted = await failedAuth(request);
    if (!counted.isAllowed && counted.isExceeded) throw rateLimited();
  };

  app.addHook('onRequest', async (request) => {
    // A NUL in the path or query would reach the database as text PostgreSQL cannot hold.
    if (/%00/i.test(request.url)) {
      throw new DomainError(SyncError.INVALID_CHARACTERS, 'The address holds a NUL character (%00); remove it.');
    }
    if (request.method === 'OPTIONS') return;
    const path = pathOf(request);
    if (OWN_AUTH_PREFIXES.some((p) => path.startsWith(p))) return;
    const hqOnly = HQ_PREFIXES.some((p) => path === p || path.startsWith(p));
    if (!hqOnly && !CREDENTIAL_PREFIXES.some((p) => path === p || path.startsWith(p))) return;
    const principal = await authenticateRequest(ctx, request);
    if (hqOnly && principal.kind !== 'hq')
      throw new DomainError(SyncError.FORBIDDEN, 'Only head office (the HQ admin token) may do this.');
  });
}

/** The principal of a request: found once (in onRequest where the path is guarded), then reused. */
export async function authenticateRequest(ctx: ServerContext, request: FastifyRequest): Promise<Principal> {
  const known = principals.get(request);
  if (known) return known;
  try {
    const principal = await ctx.auth.authenticate(request.headers.authorization);
    principals.set(request, principal);
    if (principal.kind === 'device') ctx.onStoreSeen?.(principal.storeId);
    return principal;
  } catch (error) {
    ctx.metrics.reject('unauthenticated');
    await ctx.onFailedAuth?.(request);
    throw error;
  }
}
