// Refund limits hold on the server, not only at the till (issue 10): a register that skips its own
// checks pushes receipt-less returns over the policy's cap, without a manager's approval (or with a
// clerk's, or another store's manager's), refunded in cash, or more offline refunds than the
// register's cap. Each is refused per document with its code, no balance moves, HQ gets an alert;
// the honest return within the limits still goes through.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures } from '../support/fixtures/documents';
import { backends, enrollDevice, startTwoStoreServer, type TwoStores } from '../integration/server-harness';
import { authorizeRefund, create, customerDoc, paymentDoc, push, returnDoc, stored, T } from './attacker';

const CAP = 5_000;
const OFFLINE_CAP = 3_000;

function policyDoc(key: string, receiptlessCap: number, offlineRefundCap: number): Record<string, unknown> {
  return {
    id: randomUUID(),
    kind: 'policy',
    key,
    active: true,
    updatedAt: T,
    payload: {
      currency: 'USD',
      returns: {
        windowDays: 30,
        receiptlessCap,
        receiptlessNeedsApproval: true,
        cashRefundApprovalOver: 100_000,
        offlineRefundCap,
      },
      approvals: {
        discountPpmOver: 200_000,
        discountAmountOver: 2000,
        priceOverride: true,
        voidSale: true,
        paidOutOver: 5000,
      },
      offlineCard: { enabled: true, perTransactionCap: 15_000, perRegisterCap: 100_000, expiryHours: 72 },
      pinLockout: { maxFailures: 5, windowSeconds: 300, lockSeconds: 300 },
    },
  };
}

const staffDoc = (role: string, storeIds: string[], over: Record<string, unknown> = {}) => ({
  ...fixtures.staff,
  id: randomUUID(),
  loginCode: String(100_000 + Math.floor(Math.random() * 899_999)),
  role,
  storeIds,
  ...over,
});

describe.each(backends)('refund limits are enforced by the server on %s', (backend) => {
  let env: TwoStores;
  let customerId: string;
  const staff: Record<string, string> = {};
  const storeA = () => env.a.storeId;

  const approval = (approvedBy: string) => ({ eventId: randomUUID(), approvedBy, action: 'receiptless_return' });

  /** A receipt-less return to store credit and its refund payment. */
  function receiptless(storeId: string, amount: number, over: Record<string, unknown> = {}) {
    const paymentId = randomUUID();
    const ret = returnDoc(storeId, amount, 'store_credit', paymentId, {
      originalOrderId: '',
      receiptless: true,
      customerId,
      lines: [
        { ...fixtures.returns.lines[0]!, id: randomUUID(), originalLineId: undefined, refundAmount: amount, taxes: [] },
      ],
      ...over,
    });
    const { originalLineId: _drop, ...line } = (ret.lines as Record<string, unknown>[])[0]!;
    ret.lines = [line];
    const payment = paymentDoc(storeId, {
      id: paymentId,
      orderId: ret.id,
      returnId: ret.id,
      kind: 'refund',
      method: 'store_credit',
      amount,
      storeCreditCustomerId: customerId,
    });
    return { ret, payment };
  }

  /** A return with a receipt refunded in cash, taken offline in the spell that began at `since`. */
  const offlineCash = (amount: number, since: string) =>
    returnDoc(storeA(), amount, 'cash', randomUUID(), { offline: { since } });

  const credit = async () => (await stored(env.hq, 'customers', customerId))!.storeCreditBalance as number;

  beforeAll(async () => {
    env = await startTwoStoreServer(backend);
    customerId = randomUUID();
    const people = {
      managerA: staffDoc('manager', [env.a.storeId]),
      adminAll: staffDoc('admin', [], { allStores: true }),
      clerkA: staffDoc('clerk', [env.a.storeId]),
      supervisorA: staffDoc('supervisor', [env.a.storeId]),
      managerB: staffDoc('manager', [env.b.storeId]),
      formerManagerA: staffDoc('manager', [env.a.storeId], { active: false }),
    };
    for (const [name, doc] of Object.entries(people)) staff[name] = doc.id;
    const hqPush = async (collection: string, docs: Record<string, unknown>[]) =>
      expect(
        (
          await push(
            env.hq,
            collection,
            docs.map((d) => create(d)),
          )
        ).body.rejected,
      ).toEqual([]);
    await hqPush('staff', Object.values(people));
    // The chain allows 50.00 without a receipt; store S002 overrides it with none at all.
    await hqPush('config', [policyDoc('default', CAP, OFFLINE_CAP), policyDoc('S002', 0, 0)]);
    await hqPush('customers', [customerDoc({ id: customerId })]);
  }, 60_000);
  afterAll(async () => env?.server.dispose());

  it('accepts a receipt-less return within the cap approved by a manager of the store, and credits it', async () => {
    const before = await credit();
    const byManager = receiptless(storeA(), 2_000, { approvals: [approval(staff.managerA!)] });
    const byAdmin = receiptless(storeA(), 1_000, { approvals: [approval(staff.adminAll!)] });
    // Taken online: each carries the server's authorisation, so neither counts against the offline cap.
    for (const r of [byManager, byAdmin]) {
      const auth = await authorizeRefund(env.a.api, r.ret, r.ret.refundTotal as number);
      expect(auth.status).toBe(200);
      r.ret.refundAuthorization = { id: auth.body.authorizationId };
    }
    const answer = await push(env.a.api, 'returns', [create(byManager.ret), create(byAdmin.ret)]);
    expect(answer.body.rejected).toEqual([]);
    const paid = await push(env.a.api, 'payments', [create(byManager.payment), create(byAdmin.payment)]);
    expect(paid.body.rejected).toEqual([]);
    expect(await credit()).toBe(before + 3_000);
  });

  it('refuses receipt-less returns over the cap, in cash, or without a manager of the store approving', async () => {
    const before = await credit();
    const ok = [approval(staff.managerA!)];
    const probes = [
      receiptless(storeA(), CAP + 1, { approvals: ok }),
      receiptless(storeA(), 1_000, {
        approvals: ok,
        tenders: [{ method: 'cash', amount: 1_000, paymentId: randomUUID() }],
      }),
      receiptless(storeA(), 1_000, { approvals: [] }),
      receiptless(storeA(), 1_000, { approvals: [approval(staff.clerkA!)] }),
      receiptless(storeA(), 1_000, { approvals: [approval(staff.supervisorA!)] }),
      receiptless(storeA(), 1_000, { approvals: [approval(staff.managerB!)] }),
      receiptless(storeA(), 1_000, { approvals: [approval(staff.formerManagerA!)] }),
      receiptless(storeA(), 1_000, { approvals: [approval(randomUUID())] }),
      // The right person approving something else does not approve a receipt-less return.
      receiptless(storeA(), 1_000, { approvals: [{ ...approval(staff.managerA!), action: 'cash_refund' }] }),
    ];
    const answer = await push(
      env.a.api,
      'returns',
      probes.map((p) => create(p.ret)),
    );
    expect(answer.status).toBe(200);
    expect(answer.body.rejected.map((r) => [r.id, r.code])).toEqual([
      [probes[0]!.ret.id, 'SYNC_RECEIPTLESS_OVER_CAP'],
      [probes[1]!.ret.id, 'SYNC_RECEIPTLESS_OVER_CAP'],
      ...probes.slice(2).map((p) => [p.ret.id, 'SYNC_APPROVAL_MISSING']),
    ]);
    for (const p of probes) expect(await stored(env.hq, 'returns', p.ret.id as string)).toBeUndefined();
    // Their store credit refunds have no return on the server to lean on: refused, balance unchanged.
    const paid = await push(
      env.a.api,
      'payments',
      probes.filter((p) => p.ret.tenders !== undefined).map((p) => create(p.payment)),
    );
    expect(new Set(paid.body.rejected.map((r) => r.code))).toEqual(new Set(['SYNC_VALUE_NOT_JUSTIFIED']));
    expect(await credit()).toBe(before);
  });

  it("applies the store's own policy over the chain default", async () => {
    const before = await credit();
    const atB = receiptless(env.b.storeId, 100, { approvals: [approval(staff.managerB!)] });
    const answer = await push(env.b.api, 'returns', [create(atB.ret)]);
    expect(answer.body.rejected.map((r) => r.code)).toEqual(['SYNC_RECEIPTLESS_OVER_CAP']);
    await push(env.b.api, 'payments', [create(atB.payment)]);
    expect(await credit()).toBe(before);
  });

  it('caps what one register refunds in cash while offline, per offline spell', async () => {
    const spell1 = '2026-11-27T08:00:00.000Z';
    const spell2 = '2026-11-28T08:00:00.000Z';
    const first = offlineCash(2_000, spell1);
    const over = offlineCash(1_500, spell1);
    const fits = offlineCash(1_000, spell1);
    // Without the offline marker and without a server authorisation a cash refund counts the same.
    const unmarked = returnDoc(storeA(), 9_000, 'cash', randomUUID());
    const answer = await push(env.a.api, 'returns', [create(first), create(over), create(fits), create(unmarked)]);
    expect(answer.body.rejected.map((r) => [r.id, r.code])).toEqual([
      [over.id, 'SYNC_OFFLINE_REFUND_CAP'],
      [unmarked.id, 'SYNC_OFFLINE_REFUND_CAP'],
    ]);
    // A resend of an accepted return is a no-op, not counted twice.
    expect((await push(env.a.api, 'returns', [create(first)])).body.rejected).toEqual([]);
    // Another register of the same store has its own cap.
    const other = await enrollDevice(env.server, env.a.storeId, 'Second register');
    expect((await push(other.api, 'returns', [create(offlineCash(3_000, spell1))])).body.rejected).toEqual([]);
    // A later spell starts from zero; a late return of the earlier spell counts against the current one.
    const next = offlineCash(2_500, spell2);
    const late = offlineCash(1_000, spell1);
    const second = await push(env.a.api, 'returns', [create(next), create(late)]);
    expect(second.body.rejected.map((r) => [r.id, r.code])).toEqual([[late.id, 'SYNC_OFFLINE_REFUND_CAP']]);
    expect(await stored(env.hq, 'returns', over.id as string)).toBeUndefined();
    expect(await stored(env.hq, 'returns', late.id as string)).toBeUndefined();
    expect(await stored(env.hq, 'returns', fits.id as string)).toBeDefined();
  });

  it('counts receipt-less store credit taken offline against the same cap', async () => {
    const since = '2026-11-29T08:00:00.000Z';
    const ok = [approval(staff.managerA!)];
    const cash = offlineCash(2_500, since);
    const credit1 = receiptless(storeA(), 600, { approvals: ok, offline: { since } });
    const answer = await push(env.a.api, 'returns', [create(cash), create(credit1.ret)]);
    expect(answer.body.rejected.map((r) => [r.id, r.code])).toEqual([[credit1.ret.id, 'SYNC_OFFLINE_REFUND_CAP']]);
  });

  it('raises an HQ alert for each refusal', async () => {
    const alerts = await env.hq.get<{ alerts: { code: string; deviceId: string }[] }>(
      '/api/hq/security-alerts?limit=500',
    );
    const codes = new Set(alerts.body.alerts.map((a) => a.code));
    for (const code of ['SYNC_RECEIPTLESS_OVER_CAP', 'SYNC_APPROVAL_MISSING', 'SYNC_OFFLINE_REFUND_CAP'])
      expect(codes).toContain(code);
  });
});
