// Cross-origin access for registers: the Electron renderer runs at app://pos and the dev server on
// a loopback port, both a different origin from the sync server. Requests authenticate with a
// bearer credential (no cookies), so CORS is not the security boundary; we still only echo
// origins we expect. CORS_ORIGINS (comma-separated, or *) widens the list, e.g. for a web POS.
// @fastify/cors does the protocol (preflight on every path, Vary, max-age).
import type { FastifyInstance } from 'fastify';
import fastifyCors from '@fastify/cors';
import { PROTOCOL_VERSION_HEADER } from '../../shared/protocol/version';

const DEFAULT_ORIGINS = [/^app:\/\/pos$/, /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/];

export function corsOriginsFrom(env: string | undefined): (origin: string) => boolean {
  const listed = (env ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  if (listed.includes('*')) return () => true;
  return (origin) => listed.includes(origin) || DEFAULT_ORIGINS.some((pattern) => pattern.test(origin));
}

export async function installCors(app: FastifyInstance, allowed: (origin: string) => boolean): Promise<void> {
  await app.register(fastifyCors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed(origin)),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', PROTOCOL_VERSION_HEADER],
    maxAge: 600,
    strictPreflight: false,
  });
}
