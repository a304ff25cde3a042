// What the route modules share: storage, auth, metrics, the live-stream hub and the policies.
import type { FastifyRequest } from 'fastify';
import type { AuthService } from '../auth/auth-service';
import type { Storage } from '../storage/storage';
import type { PolicyMap } from '../replication/policy';
import type { AfterWrite } from '../replication/push';
import type { StreamHub } from '../replication/stream-hub';
import type { Metrics } from './metrics';

export interface ServerContext {
  storage: Storage;
  auth: AuthService;
  metrics: Metrics;
  hub: StreamHub;
  policies: PolicyMap;
  afterWrite: AfterWrite | undefined;
  /** Counts a failed authentication of this client and throws 429 past the limit (http/guard.ts). */
  onFailedAuth?: ((request: FastifyRequest) => Promise<void>) | undefined;
  /** A register of this store made a request or holds a live stream (orchestration/presence.ts). */
  onStoreSeen?: ((storeId: string) => void) | undefined;
}
