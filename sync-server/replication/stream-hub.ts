// Live streams: one Server-Sent Events connection per register. A commit notice becomes a
// "change" poke for the collections in that register's scope; the register then pulls. Pokes
// carry no documents, so a checkpoint can never move past a document the register has not seen.
import type { Principal } from '../auth/auth-service';
import type { CommitNotice, Storage } from '../storage/storage';
import type { Metrics } from '../http/metrics';
import { STREAM_EVENT } from '../../shared/protocol/live-stream';

export interface StreamConnection {
  principal: Principal;
  send(event: string, data: unknown): void;
  /** Ends the stream (revoked device); the connection's own close handler removes it. */
  end(): void;
}

export interface StreamLimits {
  perDevice: number;
  total: number;
  /** How often open streams are checked against revocations made on any server instance. */
  revocationCheckMs: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { perDevice: 3, total: 2_000, revocationCheckMs: 500 };

export class StreamHub {
  private readonly connections = new Set<StreamConnection>();
  private readonly unsubscribe: () => void;
  private sweep: NodeJS.Timeout | undefined;

  constructor(
    private readonly storage: Storage,
    private readonly metrics: Metrics,
    private readonly limits: StreamLimits = DEFAULT_STREAM_LIMITS,
  ) {
    this.unsubscribe = storage.onCommit((notice) => this.broadcast(notice));
  }

  /** Why a new stream for this principal is refused (too many), or null. */
  refusal(principal: Principal): string | null {
    if (this.connections.size >= this.limits.total)
      return `This server already serves ${this.limits.total} live streams; try again shortly.`;
    if (principal.kind === 'hq') return null;
    let own = 0;
    for (const c of this.connections) if (c.principal.deviceId === principal.deviceId) own++;
    return own >= this.limits.perDevice
      ? `This register already has ${own} live streams open; close the other windows.`
      : null;
  }

  add(connection: StreamConnection): () => void {
    this.connections.add(connection);
    this.metrics.connectedRegisters = this.connections.size;
    this.startSweep();
    return () => {
      this.connections.delete(connection);
      this.metrics.connectedRegisters = this.connections.size;
    };
  }

  /** Ends every stream of a device at once (revoked here); other instances find it on their next sweep. */
  endDevice(deviceId: string): void {
    for (const c of this.connections) if (c.principal.deviceId === deviceId) c.end();
  }

  // One device-list read per interval while streams are open, however many streams there are: a
  // revoked register's stream closes within the interval on every instance (PostgreSQL too).
  private startSweep(): void {
    if (this.sweep) return;
    this.sweep = setInterval(() => {
      if (this.connections.size === 0) {
        clearInterval(this.sweep);
        this.sweep = undefined;
        return;
      }
      this.storage
        .listDevices()
        .then((devices) => {
          const revoked = new Set(devices.filter((d) => d.revokedAt !== null).map((d) => d.id));
          for (const c of this.connections) if (revoked.has(c.principal.deviceId)) c.end();
        })
        .catch(() => undefined); // database briefly away: the next sweep tries again
    }, this.limits.revocationCheckMs);
    this.sweep.unref();
  }

  get size(): number {
    return this.connections.size;
  }

  private broadcast(notice: CommitNotice): void {
    this.metrics.latestSeq = Math.max(this.metrics.latestSeq, notice.seq);
    this.metrics.replicationLagSeconds = Math.max(0, (Date.now() - notice.committedAt) / 1000);
    for (const connection of this.connections) {
      const collections = collectionsFor(connection.principal, notice);
      if (collections.length > 0) connection.send(STREAM_EVENT.CHANGE, { collections, seq: notice.seq });
    }
  }

  close(): void {
    this.unsubscribe();
    clearInterval(this.sweep);
    this.sweep = undefined;
    this.connections.clear();
  }
}

export function collectionsFor(principal: Principal, notice: CommitNotice): string[] {
  const names = new Set<string>();
  for (const change of notice.changes) {
    if (
      principal.storeId === null ||
      change.scope === null ||
      change.scope === principal.storeId ||
      change.previousScope === principal.storeId
    ) {
      names.add(change.collection);
    }
  }
  return [...names];
}
