// The observable sync status a clerk and the register UI see: online or not, what is still
// waiting to go up, when the last sync succeeded, the last error, and refused documents.
import { BehaviorSubject, type Observable } from 'rxjs';
import { isDomainError } from '../../../shared/errors';
import { SyncErrorCode } from '../../../shared/protocol/errors';
import { SyncClientError } from './sync-http';

export interface RefusedDocument {
  collection: string;
  id: string;
  code: string;
  message: string;
  field: string;
  at: string;
}

export interface SyncError {
  code: string;
  message: string;
  at: string;
}

export interface SyncStatus {
  /** The last request or the live stream reached the server. */
  online: boolean;
  streamConnected: boolean;
  /** Local changes made since start that the server has not acknowledged yet. */
  pending: number;
  lastSyncAt: string | null;
  lastError: SyncError | null;
  /** Documents the server refused (validation or scope); they stay local until someone fixes them. */
  refused: RefusedDocument[];
  /** Pushes answered with the server's state (the register took the server's version). */
  conflicts: number;
}

const MAX_REFUSED = 200;

export const initialSyncStatus: SyncStatus = {
  online: false,
  streamConnected: false,
  pending: 0,
  lastSyncAt: null,
  lastError: null,
  refused: [],
  conflicts: 0,
};

export class SyncStatusStore {
  private readonly subject = new BehaviorSubject<SyncStatus>(initialSyncStatus);
  /** Per collection and id: how many local writes happened, so an older push cannot clear a newer write. */
  private readonly pendingWrites = new Map<string, number>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  get status$(): Observable<SyncStatus> {
    return this.subject.asObservable();
  }

  get current(): SyncStatus {
    return this.subject.value;
  }

  private update(patch: Partial<SyncStatus>): void {
    this.subject.next({ ...this.subject.value, ...patch });
  }

  localWrite(collection: string, id: string): void {
    const key = `${collection}/${id}`;
    this.pendingWrites.set(key, (this.pendingWrites.get(key) ?? 0) + 1);
    this.update({ pending: this.pendingWrites.size });
  }

  /** Snapshot before a push; pass it to `acknowledged` after the server answered. */
  snapshot(collection: string, ids: readonly string[]): Map<string, number> {
    return new Map(ids.map((id) => [`${collection}/${id}`, this.pendingWrites.get(`${collection}/${id}`) ?? 0]));
  }

  acknowledged(snapshot: Map<string, number>): void {
    for (const [key, count] of snapshot) {
      if ((this.pendingWrites.get(key) ?? 0) === count) this.pendingWrites.delete(key);
    }
    this.update({ pending: this.pendingWrites.size });
  }

  succeeded(): void {
    this.update({ online: true, lastSyncAt: this.now().toISOString() });
  }

  failed(code: string, message: string, offline: boolean): void {
    this.update({ lastError: { code, message, at: this.now().toISOString() }, ...(offline ? { online: false } : {}) });
  }

  /** A failed pull or push: a thrown value that is not a DomainError means the server was not reached. */
  failedWith(error: unknown): void {
    const code = isDomainError(error) ? error.code : SyncClientError.OFFLINE;
    const message = error instanceof Error ? error.message : String(error);
    this.failed(code, message, code === SyncClientError.OFFLINE || code === SyncErrorCode.UNAVAILABLE);
  }

  refused(documents: Omit<RefusedDocument, 'at'>[]): void {
    if (documents.length === 0) return;
    const at = this.now().toISOString();
    const keys = new Set(documents.map((d) => `${d.collection}/${d.id}`));
    const kept = this.subject.value.refused.filter((d) => !keys.has(`${d.collection}/${d.id}`));
    this.update({ refused: [...kept, ...documents.map((d) => ({ ...d, at }))].slice(-MAX_REFUSED) });
  }

  conflicted(count: number): void {
    if (count > 0) this.update({ conflicts: this.subject.value.conflicts + count });
  }

  stream(connected: boolean): void {
    this.update(connected ? { streamConnected: true, online: true } : { streamConnected: false });
  }

  complete(): void {
    this.subject.complete();
  }
}
