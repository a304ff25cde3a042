// The sync inbox keeps refusals and conflicts across a restart and lets a supervisor retry,
// correct (only correctable fields) or void (reason required, audited); nothing leaves it silently.
import { describe, expect, it } from 'vitest';
import type { PushResponse } from '../../../shared/protocol/replication';
import { isDomainError } from '../../../shared/errors';
import { InboxError, SyncInbox, type InboxDeps, type InboxEntry } from './sync-inbox';
import { memoryStore } from './waiting-ledger';

const order = {
  id: 'o1',
  storeId: 's1',
  status: 'completed',
  notes: 'x',
  customerEmail: 'bad@',
  updatedAt: '2026-12-02T10:00:00.000Z',
};

function harness(answers: PushResponse[] = []) {
  const store = memoryStore();
  const pushed: unknown[] = [];
  const written: unknown[] = [];
  const audits: { entry: InboxEntry; reason: string; staffId: string }[] = [];
  const deps: InboxDeps = {
    store,
    now: () => new Date('2026-12-02T12:00:00Z'),
    push: (collection, rows) => {
      pushed.push({ collection, rows });
      return Promise.resolve(answers.shift() ?? { conflicts: [], rejected: [] });
    },
    writeLocal: (collection, document) => {
      written.push({ collection, document });
      return Promise.resolve();
    },
    audit: (entry, reason, staffId) => {
      audits.push({ entry, reason, staffId });
      return Promise.resolve();
    },
  };
  return { store, deps, pushed, written, audits };
}

const refusal = {
  id: 'o1',
  kind: 'refused' as const,
  code: 'SYNC_INVALID_DOCUMENT',
  message: 'customerEmail is not an e-mail address.',
  field: 'customerEmail',
  document: order,
};

describe('sync inbox', () => {
  it('keeps refused and conflicting documents with the server’s code and message across a restart', async () => {
    const h = harness();
    const inbox = await SyncInbox.open(h.deps);
    await inbox.record('orders', [refusal]);
    await inbox.record('customers', [
      {
        id: 'c1',
        kind: 'conflict',
        code: 'SYNC_CONFLICT',
        message: 'different',
        document: { id: 'c1', phone: '1' },
        serverDocument: { id: 'c1', phone: '2' },
      },
    ]);
    expect(inbox.openCount()).toBe(2);

    const reopened = await SyncInbox.open(h.deps);
    expect(reopened.list().map((e) => [e.key, e.kind, e.code, e.status])).toEqual([
      ['customers:c1', 'conflict', 'SYNC_CONFLICT', 'open'],
      ['orders:o1', 'refused', 'SYNC_INVALID_DOCUMENT', 'open'],
    ]);
    expect(reopened.list()[1]).toMatchObject({
      message: 'customerEmail is not an e-mail address.',
      field: 'customerEmail',
      document: order,
    });
  });

  it('retries as sent: refused again keeps it open with the new message; stored by the server resolves it', async () => {
    const h = harness([
      {
        conflicts: [],
        rejected: [{ id: 'o1', code: 'SYNC_INVALID_DOCUMENT', message: 'still wrong', field: 'customerEmail' }],
      },
      { conflicts: [], rejected: [] },
    ]);
    const inbox = await SyncInbox.open(h.deps);
    await inbox.record('orders', [refusal]);
    const again = await inbox.retry('orders:o1', 'staff-1');
    expect(again).toMatchObject({ status: 'open', message: 'still wrong' });
    expect(again.history.at(-1)).toMatchObject({
      action: 'retried',
      staffId: 'staff-1',
      outcome: 'refused again: still wrong',
    });
    const done = await inbox.retry('orders:o1', 'staff-1');
    expect(done.status).toBe('resolved');
    expect(h.pushed).toHaveLength(2);
    expect(inbox.openCount()).toBe(0);
    expect(inbox.list()).toHaveLength(1); // resolved entries stay listed
  });

  it('corrects only the fields a register may correct, writes the correction locally and sends it', async () => {
    const h = harness();
    const inbox = await SyncInbox.open(h.deps);
    await inbox.record('orders', [refusal]);
    const wrong = await inbox.correct('orders:o1', { totals: { total: 1 } }, 'staff-1').catch((e: unknown) => e);
    expect(isDomainError(wrong, InboxError.FIELD_NOT_CORRECTABLE)).toBe(true);
    expect((wrong as Error).message).toContain('customerId, customerEmail, notes');
    const fixed = await inbox.correct('orders:o1', { customerEmail: 'ann@example.com' }, 'staff-1');
    expect(fixed.status).toBe('resolved');
    expect(h.written).toEqual([
      {
        collection: 'orders',
        document: { ...order, customerEmail: 'ann@example.com', updatedAt: '2026-12-02T12:00:00.000Z' },
      },
    ]);
    expect(
      (h.pushed[0] as { rows: { newDocumentState: { customerEmail: string } }[] }).rows[0]!.newDocumentState
        .customerEmail,
    ).toBe('ann@example.com');
    await inbox.record('till_shifts', [{ ...refusal, id: 't1', document: { id: 't1' } }]);
    const notHere = await inbox.correct('till_shifts:t1', { openingFloat: 0 }, 'staff-1').catch((e: unknown) => e);
    expect((notHere as Error).message).toContain('cannot correct till_shifts');
  });

  it('voids only with a reason, audits it, and keeps the voided entry listed; closed entries refuse more actions', async () => {
    const h = harness();
    const inbox = await SyncInbox.open(h.deps);
    await inbox.record('orders', [refusal]);
    const noReason = await inbox.void('orders:o1', ' ', 'mgr').catch((e: unknown) => e);
    expect(isDomainError(noReason, InboxError.REASON_REQUIRED)).toBe(true);
    const voided = await inbox.void('orders:o1', 'test sale rung up by mistake', 'mgr');
    expect(voided).toMatchObject({ status: 'voided' });
    expect(h.audits).toEqual([expect.objectContaining({ reason: 'test sale rung up by mistake', staffId: 'mgr' })]);
    expect((await SyncInbox.open(h.deps)).list()[0]).toMatchObject({
      status: 'voided',
      history: [{ action: 'voided', reason: 'test sale rung up by mistake' }],
    });
    expect(isDomainError(await inbox.retry('orders:o1', 'mgr').catch((e: unknown) => e), InboxError.CLOSED)).toBe(true);
    expect(isDomainError(await inbox.retry('orders:nope', 'mgr').catch((e: unknown) => e), InboxError.NOT_FOUND)).toBe(
      true,
    );
  });

  it('resolves an open entry when a later push of the same document is stored', async () => {
    const h = harness();
    const inbox = await SyncInbox.open(h.deps);
    await inbox.record('orders', [refusal]);
    await inbox.accepted('orders', ['o1', 'unrelated']);
    expect(inbox.list()[0]).toMatchObject({ status: 'resolved', history: [{ action: 'accepted' }] });
  });

  it('sends a refund refused for want of its return again once the return is accepted, and stops after five tries', async () => {
    const notYet = {
      conflicts: [],
      rejected: [{ id: 'p1', code: 'SYNC_VALUE_NOT_JUSTIFIED', message: 'no such return yet', field: 'returnId' }],
    };
    const h = harness([notYet, { conflicts: [], rejected: [] }]);
    const inbox = await SyncInbox.open(h.deps);
    const refund = { id: 'p1', returnId: 'r1', kind: 'refund', method: 'store_credit', amount: 500 };
    await inbox.record('payments', [
      {
        id: 'p1',
        kind: 'refused',
        code: 'SYNC_VALUE_NOT_JUSTIFIED',
        message: 'no such return yet',
        field: 'returnId',
        document: refund,
      },
    ]);
    await inbox.accepted('returns', ['r1']); // first try: refused again
    await new Promise((r) => setTimeout(r, 10));
    expect(inbox.list()[0]).toMatchObject({ status: 'open' });
    await inbox.accepted('returns', ['r2']); // second try: stored
    await new Promise((r) => setTimeout(r, 10));
    expect(inbox.list()[0]).toMatchObject({ status: 'resolved' });
    expect(h.pushed).toHaveLength(2);

    const stuck = harness(Array.from({ length: 10 }, () => notYet));
    const box = await SyncInbox.open(stuck.deps);
    await box.record('payments', [
      { id: 'p1', kind: 'refused', code: 'SYNC_VALUE_NOT_JUSTIFIED', message: 'x', document: refund },
    ]);
    for (let i = 0; i < 8; i++) {
      await box.accepted('returns', [`r${i}`]);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(stuck.pushed).toHaveLength(5);
    expect(box.list()[0]).toMatchObject({ status: 'open' });
  });
});
