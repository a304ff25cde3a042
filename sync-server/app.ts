// Builds the Fastify app: health, and (in browser mode) the POS renderer as static files.
import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Storage } from './storage/storage';

export interface AppOptions {
  storage: Storage;
  logLevel?: string;
  posDir?: string | undefined;
  version?: string;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info' },
    // Live pull streams stay open; without this close() would wait for them forever.
    forceCloseConnections: true,
    bodyLimit: 16 * 1024 * 1024,
  });
  const startedAt = new Date().toISOString();

  app.get('/health', async () => ({
    status: 'ok',
    storage: options.storage.kind,
    location: options.storage.location,
    version: options.version ?? '0.1.0',
    startedAt,
  }));

  if (options.posDir && existsSync(options.posDir)) {
    await app.register(fastifyStatic, { root: options.posDir, prefix: '/', index: ['index.html'] });
  }
  return app;
}
