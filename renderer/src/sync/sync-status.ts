// The observable sync status a clerk and the register UI see: online or not (connectivity.ts),
// what is still waiting to go up (waiting-ledger.ts: from the local database, so it survives a
// restart), when the last sync succeeded, the last error, and refused documents. "All synced" is
// only claimed after the first full sync, with the waiting list read and empty, and no refusal open.
import { BehaviorSubject, type Observable, type Subscription } from 'rxjs';
import { isDomainError } from '../../../shared/errors';
import { SyncErrorCode } from '../../../shared/protocol/errors';
import { SyncClientError } from './sync-http';
import { ConnectivityMonitor, type Clock, type Connectivity } from './connectivity';
import { memoryStore, WaitingLedger } from './waiting-ledger';

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
  /** Local changes the server has not acknowledged yet (kept in the local database). */
  pending: number;
  /** The stored waiting list has been read (before that, `pending` may be short). */
  pendingKnown: boolean;
  connectivity: Connectivity;
  /** The register has completed its first full sync (set by the caller that ran it). */
  firstSyncDone: boolean;
  /** Refusals and conflicts still open in the sync inbox (sync-inbox.ts). */
  inboxOpen: number;
  /** Everything is on the server: first sync done, nothing waiting, nothing open in the inbox. */
  allSynced: boolean;
  /** One line for the status bar: "All synced", "3 waiting to sync", "Not synced yet", … */
  label: string;
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
  pendingKnown: false,
  connectivity: { state: 'offline', reason: 'not_contacted', since: 0 },
  firstSyncDone: false,
  inboxOpen: 0,
  allSynced: false,
  label: 'Not synced yet',
  lastSyncAt: null,
  lastError: null,
  refused: [],
  conflicts: 0,
};

export function syncLabel(s: Pick<SyncStatus, 'pending' | 'pendingKnown' | 'firstSyncDone' | 'inboxOpen'>): string {
  if (s.pending > 0) return `${s.pending} waiting to sync`;
  if (!s.pendingKnown) return 'Checking what waits to sync…';
  if (!s.firstSyncDone) return 'Not synced yet';
  if (s.inboxOpen > 0) return `${s.inboxOpen} in the sync inbox`;
  return 'All synced';
}

export interface SyncStatusOptions {
  now?: () => Date;
  /** Where waiting documents are kept; memory (lost on restart) when not given. */
  ledger?: WaitingLedger;
  clock?: Clock;
  browserOnline?: boolean;
}

export class SyncStatusStore {
  private readonly subject = new BehaviorSubject<SyncStatus>(initialSyncStatus);
  readonly ledger: WaitingLedger;
  readonly connectivity: ConnectivityMonitor;
  private readonly now: () => Date;
  private readonly subscriptions: Subscription[] = [];

  constructor(options: SyncStatusOptions | (() => Date) = {}) {
    const o = typeof options === 'function' ? { now: options } : options;
    this.now = o.now ?? (() => new Date());
    this.ledger = o.ledger ?? new WaitingLedger(memoryStore(), []);
    if (!o.ledger) void this.ledger.load();
    this.connectivity = new ConnectivityMonitor(o.clock, o.browserOnline ?? true);
    this.subscriptions.push(
      this.ledger.count$.subscribe((w) => this.update({ pending: w.count, pendingKnown: w.known })),
      this.connectivity.state$.subscribe((c) => this.update({ connectivity: c, online: c.state === 'online' })),
    );
  }

  get status$(): Observable<SyncStatus> {
    return this.subject.asObservable();
  }

  get current(): SyncStatus {
    return this.subject.value;
  }

  private update(patch: Partial<SyncStatus>): void {
    const next = { ...this.subject.value, ...patch };
    next.label = syncLabel(next);
    next.allSynced = next.label === 'All synced';
    this.subject.next(next);
  }

  localWrite(collection: string, id: string): void {
    this.ledger.written(collection, id);
  }

  /** Rows handed to the push handler: waiting even if their write happened before a restart. */
  sending(collection: string, ids: readonly string[]): void {
    this.ledger.sending(collection, ids);
  }

  /** Snapshot before a push; pass it to `acknowledged` after the server answered. */
  snapshot(collection: string, ids: readonly string[]): Map<string, number> {
    return this.ledger.snapshot(collection, ids);
  }

  acknowledged(snapshot: Map<string, number>): void {
    this.ledger.acknowledged(snapshot);
  }

  firstSync(done: boolean): void {
    if (this.subject.value.firstSyncDone !== done) this.update({ firstSyncDone: done });
  }

  inbox(open: number): void {
    if (this.subject.value.inboxOpen !== open) this.update({ inboxOpen: open });
  }

  succeeded(): void {
    this.connectivity.requestSucceeded();
    this.update({ lastSyncAt: this.now().toISOString() });
  }

  failed(code: string, message: string, offline: boolean): void {
    this.connectivity.requestFailed(!offline);
    this.update({ lastError: { code, message, at: this.now().toISOString() } });
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
    if (connected) this.connectivity.streamOpened();
    else this.connectivity.streamClosed();
    this.update({ streamConnected: connected });
  }

  /** Bytes on the live stream (an event or the server's 2-second heartbeat). */
  heartbeat(): void {
    this.connectivity.streamActivity();
  }

  complete(): void {
    for (const s of this.subscriptions) s.unsubscribe();
    this.connectivity.stop();
    this.subject.complete();
  }
}
