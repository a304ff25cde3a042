// The sync inbox: every document the server refused (validation, scope) or answered with a
// conflict is kept here with the server's code and message and the document as sent, in the
// register's database (RxDB local documents: never replicated, survive a restart). A supervisor
// retries it, corrects the fields a register may correct, or voids it with a reason (an audit
// entry; for a sale also an order event). Nothing leaves the inbox silently: voided and resolved
// entries stay listed with who did what and when.
import { BehaviorSubject, type Observable } from 'rxjs';
import { DomainError } from '../../../shared/errors';
import type { PushResponse } from '../../../shared/protocol/replication';
import type { LocalStore } from './waiting-ledger';

export const InboxError = {
  NOT_FOUND: 'SYNC_INBOX_NOT_FOUND',
  CLOSED: 'SYNC_INBOX_CLOSED',
  FIELD_NOT_CORRECTABLE: 'SYNC_INBOX_FIELD_NOT_CORRECTABLE',
  REASON_REQUIRED: 'SYNC_INBOX_REASON_REQUIRED',
} as const;

/** A refund refused because the return that justifies it was not on the server yet. */
const AUTO_RETRY_CODE = 'SYNC_VALUE_NOT_JUSTIFIED';
const AUTO_RETRIES = 5;
const AUTO_RETRY_DELAY_MS = 1500;
/** Who the history names for the register's own retries. */
const AUTO_RETRY_STAFF = 'register (automatic)';

export const InboxKind = { REFUSED: 'refused', CONFLICT: 'conflict' } as const;
export type InboxKind = (typeof InboxKind)[keyof typeof InboxKind];
export const InboxStatus = { OPEN: 'open', VOIDED: 'voided', RESOLVED: 'resolved' } as const;
export type InboxStatus = (typeof InboxStatus)[keyof typeof InboxStatus];

/**
 * Fields a register may correct, per collection (shared/schemas ownership: registers edit
 * customers' contact fields; on their own sales only the customer reference, e-mail and note).
 */
export const CORRECTABLE: Readonly<Record<string, readonly string[]>> = {
  customers: ['displayName', 'firstName', 'lastName', 'email', 'phone', 'address', 'notes'],
  orders: ['customerId', 'customerEmail', 'notes'],
};

type Doc = Record<string, unknown>;

export interface InboxAction {
  action: 'retried' | 'corrected' | 'voided' | 'accepted';
  at: string;
  staffId?: string;
  reason?: string;
  fields?: string[];
  outcome?: string;
}

export interface InboxEntry {
  key: string;
  collection: string;
  id: string;
  kind: InboxKind;
  status: InboxStatus;
  code: string;
  message: string;
  field: string;
  /** The document as this register sent it (after any correction). */
  document: Doc;
  /** For a conflict: the state the server holds. */
  serverDocument?: Doc;
  firstAt: string;
  lastAt: string;
  history: InboxAction[];
}

export interface InboxProblem {
  id: string;
  kind: InboxKind;
  code: string;
  message: string;
  field?: string;
  document: Doc;
  serverDocument?: Doc;
}

export interface InboxDeps {
  store: LocalStore;
  /** Sends rows to POST /sync/:collection/push and returns the server's answer. */
  push(collection: string, rows: { newDocumentState: Doc; assumedMasterState?: Doc }[]): Promise<PushResponse>;
  /** Writes a corrected document into the local collection (it replicates like any local write). */
  writeLocal(collection: string, document: Doc): Promise<void>;
  /** Records a void in the audit trail: an order event for sales (order_events, type note). */
  audit(entry: InboxEntry, reason: string, staffId: string): Promise<void>;
  now?: () => Date;
}

/** One local document holds every entry: each change is one atomic write (refusals are rare). */
const STORE_KEY = 'sync-inbox';

export class SyncInbox {
  private readonly entries = new Map<string, InboxEntry>();
  private readonly subject = new BehaviorSubject<InboxEntry[]>([]);
  private chain: Promise<unknown> = Promise.resolve();
  private readonly now: () => Date;

  private constructor(private readonly deps: InboxDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Opens the inbox and reads what it held when the register last stopped. */
  static async open(deps: InboxDeps): Promise<SyncInbox> {
    const inbox = new SyncInbox(deps);
    const stored = (await deps.store.get(STORE_KEY)) as InboxEntry[] | undefined;
    for (const entry of stored ?? []) inbox.entries.set(entry.key, entry);
    inbox.emit();
    return inbox;
  }

  get entries$(): Observable<InboxEntry[]> {
    return this.subject.asObservable();
  }

  list(): InboxEntry[] {
    return this.subject.value;
  }

  openCount(): number {
    return this.list().filter((e) => e.status === InboxStatus.OPEN).length;
  }

  /** Problems the push reported; stored before the push counts them as answered. */
  record(collection: string, problems: readonly InboxProblem[]): Promise<void> {
    // The return that justifies a refund may reach the server a moment after the refund (each
    // collection pushes on its own): try such refusals again shortly, a bounded number of times.
    if (problems.some((p) => p.code === AUTO_RETRY_CODE))
      setTimeout(() => void this.retryAwaitingJustification(), AUTO_RETRY_DELAY_MS);
    return this.serial(async () => {
      const at = this.now().toISOString();
      for (const p of problems) {
        const key = `${collection}:${p.id}`;
        const old = this.entries.get(key);
        const entry: InboxEntry = {
          key,
          collection,
          id: p.id,
          kind: p.kind,
          status: InboxStatus.OPEN,
          code: p.code,
          message: p.message,
          field: p.field ?? '',
          document: p.document,
          ...(p.serverDocument ? { serverDocument: p.serverDocument } : {}),
          firstAt: old?.firstAt ?? at,
          lastAt: at,
          history: old?.history ?? [],
        };
        await this.save(entry);
      }
    });
  }

  /** The server stored these documents (a later write went through): their open entries resolve. */
  accepted(collection: string, ids: readonly string[]): Promise<void> {
    // Something reached the server: it may be what a refused refund was waiting for.
    if (ids.length > 0 && collection !== 'payments') void this.retryAwaitingJustification();
    const open = ids
      .map((id) => this.entries.get(`${collection}:${id}`))
      .filter((e): e is InboxEntry => e?.status === InboxStatus.OPEN);
    if (open.length === 0) return Promise.resolve();
    return this.serial(async () => {
      for (const e of open)
        await this.save({
          ...e,
          status: InboxStatus.RESOLVED,
          history: [...e.history, { action: 'accepted', at: this.now().toISOString() }],
        });
    });
  }

  /** Sends again, at most AUTO_RETRIES times each, the open refusals that waited for their justifying return. */
  private async retryAwaitingJustification(): Promise<void> {
    const waiting = this.list().filter(
      (e) =>
        e.status === InboxStatus.OPEN &&
        e.code === AUTO_RETRY_CODE &&
        e.history.filter((h) => h.staffId === AUTO_RETRY_STAFF).length < AUTO_RETRIES,
    );
    for (const e of waiting) {
      await this.serial(async () => {
        const current = this.entries.get(e.key);
        if (current?.status === InboxStatus.OPEN)
          await this.resend(current, { action: 'retried', staffId: AUTO_RETRY_STAFF });
      }).catch(() => undefined); // offline or refused again: it stays open, with the outcome in its history
    }
  }

  /** Sends the document again as it is (after HQ fixed what refused it, or to take ours over the server's). */
  retry(key: string, staffId: string): Promise<InboxEntry> {
    return this.serial(async () => this.resend(this.need(key), { action: 'retried', staffId }));
  }

  /** Changes correctable fields and sends the corrected document. */
  correct(key: string, patch: Doc, staffId: string): Promise<InboxEntry> {
    return this.serial(async () => {
      const entry = this.need(key);
      const allowed = CORRECTABLE[entry.collection] ?? [];
      const refused = Object.keys(patch).filter((f) => !allowed.includes(f));
      if (refused.length > 0) {
        throw new DomainError(
          InboxError.FIELD_NOT_CORRECTABLE,
          allowed.length === 0
            ? `A register cannot correct ${entry.collection} documents: retry it after HQ fixes the cause, or void it with a reason.`
            : `A register may correct only ${allowed.join(', ')} here, not ${refused.join(', ')}. Void it with a reason if it cannot be fixed.`,
          { fields: refused },
        );
      }
      const document = { ...entry.document, ...patch, updatedAt: this.now().toISOString() };
      await this.deps.writeLocal(entry.collection, document);
      return this.resend({ ...entry, document }, { action: 'corrected', staffId, fields: Object.keys(patch) });
    });
  }

  /** Gives up sending it: kept here as voided, with the reason in the audit trail. */
  void(key: string, reason: string, staffId: string): Promise<InboxEntry> {
    return this.serial(async () => {
      const entry = this.need(key);
      const why = reason.trim();
      if (why.length < 3)
        throw new DomainError(
          InboxError.REASON_REQUIRED,
          'Say why it is voided (at least a few words); the reason goes into the audit trail.',
        );
      await this.deps.audit(entry, why, staffId);
      const voided: InboxEntry = {
        ...entry,
        status: InboxStatus.VOIDED,
        history: [...entry.history, { action: 'voided', at: this.now().toISOString(), staffId, reason: why }],
      };
      await this.save(voided);
      return voided;
    });
  }

  complete(): void {
    this.subject.complete();
  }

  private async resend(entry: InboxEntry, action: Omit<InboxAction, 'at'>): Promise<InboxEntry> {
    const row = {
      newDocumentState: { ...entry.document, _deleted: false },
      ...(entry.serverDocument ? { assumedMasterState: entry.serverDocument } : {}),
    };
    const answer = await this.deps.push(entry.collection, [row]);
    const at = this.now().toISOString();
    const rejected = answer.rejected.find((r) => r.id === entry.id);
    const conflict = answer.conflicts.find((c) => (c as Doc).id === entry.id) as Doc | undefined;
    let next: InboxEntry;
    if (rejected) {
      next = {
        ...entry,
        kind: InboxKind.REFUSED,
        status: InboxStatus.OPEN,
        code: rejected.code,
        message: rejected.message,
        field: rejected.field,
        lastAt: at,
        history: [...entry.history, { ...action, at, outcome: `refused again: ${rejected.message}` }],
      };
    } else if (conflict) {
      next = {
        ...entry,
        kind: InboxKind.CONFLICT,
        status: InboxStatus.OPEN,
        serverDocument: conflict,
        code: 'SYNC_CONFLICT',
        message: 'The server holds a different version of this document.',
        lastAt: at,
        history: [...entry.history, { ...action, at, outcome: 'conflict' }],
      };
    } else {
      next = {
        ...entry,
        status: InboxStatus.RESOLVED,
        lastAt: at,
        history: [...entry.history, { ...action, at, outcome: 'stored by the server' }],
      };
    }
    await this.save(next);
    return next;
  }

  private need(key: string): InboxEntry {
    const entry = this.entries.get(key);
    if (!entry)
      throw new DomainError(
        InboxError.NOT_FOUND,
        'That inbox entry is not on this register any more. Refresh the list.',
      );
    if (entry.status !== InboxStatus.OPEN)
      throw new DomainError(InboxError.CLOSED, `That entry is already ${entry.status}; nothing more to do.`);
    return entry;
  }

  private async save(entry: InboxEntry): Promise<void> {
    const next = new Map(this.entries).set(entry.key, entry);
    await this.deps.store.set(STORE_KEY, [...next.values()]);
    this.entries.set(entry.key, entry);
    this.emit();
  }

  private emit(): void {
    this.subject.next(
      [...this.entries.values()].sort((a, b) =>
        a.firstAt < b.firstAt ? -1 : a.firstAt > b.firstAt ? 1 : a.key.localeCompare(b.key),
      ),
    );
  }

  /** One change at a time, so two clicks cannot interleave their writes. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }
}
