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
}

export class StreamHub {
  private readonly connections = new Set<StreamConnection>();
  private readonly unsubscribe: () => void;

  constructor(
    storage: Storage,
    private readonly metrics: Metrics,
  ) {
    this.unsubscribe = storage.onCommit((notice) => this.broadcast(notice));
  }

  add(connection: StreamConnection): () => void {
    this.connections.add(connection);
    this.metrics.connectedRegisters = this.connections.size;
    return () => {
      this.connections.delete(connection);
      this.metrics.connectedRegisters = this.connections.size;
    };
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
    this.connections.clear();
  }
}

export function collectionsFor(principal: Principal, notice: CommitNotice): string[] {
  const names = new Set<string>();
  for (const change of notice.changes) {
    if (principal.storeId === null || change.scope === null || change.scope === principal.storeId || change.previousScope === principal.storeId) {
      names.add(change.collection);
    }
  }
  return [...names];
}
