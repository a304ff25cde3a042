// Server configuration from the environment, checked up front so a bad setting ends with
// one sentence that says what to fix instead of a stack trace later.
import { existsSync } from 'node:fs';
import { StartupError } from './startup-error';
import { DEFAULT_LIMITS, type ServerLimits } from './app';

export type StorageConfig = { kind: 'sqlite'; dataDir: string } | { kind: 'postgres'; url: string };

export interface ServerConfig {
  host: string;
  port: number;
  storage: StorageConfig;
  logLevel: string;
  /** Folder with the built POS renderer to serve at `/` (browser mode), if any. */
  posDir: string | undefined;
  /** HQ admin token (env HQ_TOKEN); when absent one is generated on first start. */
  hqToken?: string | undefined;
  /** HMAC key of gift card tokens (env GIFT_CARD_KEY, base64 or hex, ≥ 32 bytes); generated and stored when absent. */
  giftCardKey?: string | undefined;
  /** Days a retired gift card sealing key's seals stay accepted (env SYNC_SEAL_KEY_GRACE_DAYS; default 30). */
  sealKeyGraceDays?: number | undefined;
  /** Extra browser origins allowed to call the API (env CORS_ORIGINS, comma-separated or *). */
  corsOrigins?: string | undefined;
  /** Seed the demo chain into an empty database (`serve --seed-demo`). */
  seedDemo?: boolean;
  /** Timeouts, connection cap, rate limits and stream caps; defaults in app.ts DEFAULT_LIMITS. */
  limits?: Partial<ServerLimits> | undefined;
  /** PEM files for HTTPS (env HTTPS_CERT / HTTPS_KEY); both or neither. */
  tls?: { certFile: string; keyFile: string } | undefined;
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
  const certFile = env.HTTPS_CERT?.trim() || undefined;
  const keyFile = env.HTTPS_KEY?.trim() || undefined;
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw new StartupError(
      'Set both HTTPS_CERT and HTTPS_KEY (PEM files) to serve HTTPS, or neither to serve plain HTTP behind a TLS proxy or on loopback.',
    );
  }
  for (const file of [certFile, keyFile]) {
    if (file !== undefined && !existsSync(file))
      throw new StartupError(`The TLS file ${file} does not exist; check HTTPS_CERT / HTTPS_KEY.`);
  }
  const limits = limitsFrom(env);
  return {
    ...(certFile && keyFile ? { tls: { certFile, keyFile } } : {}),
    ...(limits ? { limits } : {}),
    host: env.HOST?.trim() || '127.0.0.1',
    port,
    storage,
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    posDir: env.POS_DIR?.trim() || undefined,
    hqToken: env.HQ_TOKEN?.trim() || undefined,
    giftCardKey: env.GIFT_CARD_KEY?.trim() || undefined,
    sealKeyGraceDays: countFrom(env, 'SYNC_SEAL_KEY_GRACE_DAYS'),
    corsOrigins: env.CORS_ORIGINS?.trim() || undefined,
  };
}

/** A positive whole number from the environment, or undefined when unset. */
function countFrom(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name]?.trim();
  if (!text) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
    throw new StartupError(`${name} must be a whole number of at least 1, not "${text.slice(0, 40)}".`);
  }
  return value;
}

/**
 * Capacity settings a chain sizes to its fleet (a rollout enrolling many registers from one
 * address, a server holding thousands of live streams): ENROLL_RATE_PER_MINUTE (per address),
 * MAX_STREAMS (live streams in total), MAX_CONNECTIONS. Unset ones keep app.ts DEFAULT_LIMITS.
 */
function limitsFrom(env: NodeJS.ProcessEnv): Partial<ServerLimits> | undefined {
  const enrollPerMinute = countFrom(env, 'ENROLL_RATE_PER_MINUTE');
  const total = countFrom(env, 'MAX_STREAMS');
  const maxConnections = countFrom(env, 'MAX_CONNECTIONS');
  if (enrollPerMinute === undefined && total === undefined && maxConnections === undefined) return undefined;
  return {
    rate: { ...DEFAULT_LIMITS.rate, ...(enrollPerMinute !== undefined ? { enrollPerMinute } : {}) },
    streams: { ...DEFAULT_LIMITS.streams, ...(total !== undefined ? { total } : {}) },
    http: { ...DEFAULT_LIMITS.http, ...(maxConnections !== undefined ? { maxConnections } : {}) },
  };
}
