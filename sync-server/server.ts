// Starts and stops a complete sync server from a configuration; used by the CLI, `npm start`
// and the tests.
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from './config';
import { buildApp } from './app';
import { openStorage } from './storage/open';
import type { Storage } from './storage/storage';

export interface RunningServer {
  app: FastifyInstance;
  storage: Storage;
  url: string;
  close(): Promise<void>;
}

export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const storage = await openStorage(config.storage);
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp({ storage, logLevel: config.logLevel, posDir: config.posDir });
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app?.close().catch(() => undefined);
    await storage.close().catch(() => undefined);
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const started = app;
  return {
    app: started,
    storage,
    url: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`,
    async close() {
      await started.close();
      await storage.close();
    },
  };
}
