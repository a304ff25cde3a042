// Server configuration from the environment, checked up front so a bad setting ends with
// one sentence that says what to fix instead of a stack trace later.
import { StartupError } from './startup-error';

export type StorageConfig =
  | { kind: 'sqlite'; dataDir: string }
  | { kind: 'postgres'; url: string };

export interface ServerConfig {
  host: string;
  port: number;
  storage: StorageConfig;
  logLevel: string;
  /** Folder with the built POS renderer to serve at `/` (browser mode), if any. */
  posDir: string | undefined;
  /** HQ admin token (env HQ_TOKEN); when absent one is generated on first start. */
  hqToken?: string | undefined;
  /** Extra browser origins allowed to call the API (env CORS_ORIGINS, comma-separated or *). */
  corsOrigins?: string | undefined;
  /** Seed the demo chain into an empty database (`serve --seed-demo`). */
  seedDemo?: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const portText = env.PORT ?? '8787';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new StartupError(`PORT must be a whole number from 0 to 65535, not "${portText}".`);
  }
  const databaseUrl = env.DATABASE_URL?.trim();
  let storage: StorageConfig;
  if (databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
      throw new StartupError(
        `DATABASE_URL must be a postgres:// URL (e.g. postgres://user@127.0.0.1:5432/pos); unset it to use the embedded SQLite store.`,
      );
    }
    storage = { kind: 'postgres', url: databaseUrl };
  } else {
    storage = { kind: 'sqlite', dataDir: env.DATA_DIR?.trim() || './data' };
  }
  return {
    host: env.HOST?.trim() || '127.0.0.1',
    port,
    storage,
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    posDir: env.POS_DIR?.trim() || undefined,
    hqToken: env.HQ_TOKEN?.trim() || undefined,
    corsOrigins: env.CORS_ORIGINS?.trim() || undefined,
  };
}
