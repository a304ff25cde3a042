// Starts and stops a complete sync server from a configuration; used by the CLI, `npm start`
// and the tests.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from './config';
import { buildApp } from './app';
import { openStorage } from './storage/open';
import type { Storage } from './storage/storage';
import { AuthService } from './auth/auth-service';
import { ensureHqToken } from './auth/hq-token';
import { ensureGiftCardKeys } from './gift-cards/keys';
import { buildPolicies } from './replication/collection-policies';
import { inventoryProjection } from './replication/inventory-projection';
import { balanceProjection, chainProjections } from './replication/balance-projection';
import type { Metrics } from './http/metrics';
import { returnsProjection } from './returns/returns-projection';
import { seedDemoIfEmpty, type SeedSummary } from './seed/seed-demo';
import { fulfillmentHook } from './orchestration/fulfillment-changes';
import { receiptEmailProjection } from './jobs/receipt-email';
import { createUuidV7Generator } from '../shared/ids/uuidv7';

export interface RunningServer {
  app: FastifyInstance;
  storage: Storage;
  metrics: Metrics;
  auth: AuthService;
  url: string;
  /** The HQ admin token when known to this process (configured or generated now); else undefined. */
  hqToken: string | undefined;
  /** True when this start generated the HQ token (the CLI prints it once). */
  hqTokenGenerated: boolean;
  /** Set when `seedDemo` was asked for: what was written (nothing when the database was not empty). */
  seeded: SeedSummary | undefined;
  close(): Promise<void>;
}

export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const storage = await openStorage(config.storage);
  let app: FastifyInstance | undefined;
  try {
    const dataDir = config.storage.kind === 'sqlite' ? config.storage.dataDir : undefined;
    const hq = await ensureHqToken(storage, config.hqToken, dataDir);
    const auth = new AuthService(storage, hq.hash);
    const giftCardKeys = await ensureGiftCardKeys(storage, config.giftCardKey, {
      sealKeyGraceDays: config.sealKeyGraceDays,
    });
    const policies = buildPolicies({ giftCardKeys });
    const afterWrite = chainProjections(
      inventoryProjection(policies),
      balanceProjection(policies, undefined, giftCardKeys),
      returnsProjection(),
      fulfillmentHook(storage),
      receiptEmailProjection(createUuidV7Generator()),
    );
    const seeded = config.seedDemo ? await seedDemoIfEmpty(storage, policies, afterWrite, giftCardKeys) : undefined;
    const https = config.tls
      ? { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) }
      : undefined;
    const built = await buildApp({
      storage,
      auth,
      policies,
      afterWrite,
      logLevel: config.logLevel,
      posDir: config.posDir,
      corsOrigins: config.corsOrigins,
      limits: config.limits,
      https,
      giftCardKeys,
    });
    app = built.app;
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const started = app;
    return {
      app: started,
      storage,
      metrics: built.metrics,
      auth,
      url: `${https ? 'https' : 'http'}://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`,
      hqToken: hq.token,
      hqTokenGenerated: hq.generated,
      seeded,
      async close() {
        await started.close();
        await storage.close();
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await storage.close().catch(() => undefined);
    throw error;
  }
}
