// Cross-origin access for registers: the Electron renderer runs at app://pos and the dev server on
// a loopback port, both a different origin from the sync server. Requests authenticate with a
// bearer credential (no cookies), so CORS is not the security boundary; we still only echo
// origins we expect. CORS_ORIGINS (comma-separated, or *) widens the list, e.g. for a web POS.
import type { FastifyInstance } from 'fastify';
import { PROTOCOL_VERSION_HEADER } from '../../shared/protocol/version';

const DEFAULT_ORIGINS = [/^app:\/\/pos$/, /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/];

export function corsOriginsFrom(env: string | undefined): (origin: string) => boolean {
  const listed = (env ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  if (listed.includes('*')) return () => true;
  return (origin) => listed.includes(origin) || DEFAULT_ORIGINS.some((pattern) => pattern.test(origin));
}

export function installCors(app: FastifyInstance, allowed: (origin: string) => boolean): void {
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin || !allowed(origin)) return;
    reply.header('access-control-allow-origin', origin);
    reply.header('vary', 'Origin');
    if (request.method === 'OPTIONS') {
      reply.header('access-control-allow-methods', 'GET, POST, OPTIONS');
      reply.header('access-control-allow-headers', `authorization, content-type, ${PROTOCOL_VERSION_HEADER}`);
      reply.header('access-control-max-age', '600');
      return reply.status(204).send();
    }
    return undefined;
  });
  // Preflights for any path; the hook above answers allowed ones before this runs.
  app.options('/*', async (_request, reply) => reply.status(204).send());
}
