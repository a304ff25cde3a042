// The push engine's rules on a real (temporary) SQLite store and the real collection policies.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDomainError } from '../../shared/errors';
import { fixtures, FIXTURE_IDS } from '../../test/support/fixtures/documents';
import { HQ_PRINCIPAL, type Principal } from '../auth/auth-service';
import { SqliteStorage } from '../storage/sqlite';
import { buildPolicies } from './collection-policies';
import { parsePushRows, pushBatch } from './push';

const policies = buildPolicies();
const orders = policies.get('orders')!;
const register: Principal = { kind: 'device', deviceId: 'd1', storeId: FIXTURE_IDS.store, role: 'register' };
const order = { ...fixtures.orders, status: 'open' } as Record<string, unknown>;
const state = (doc: Record<string, unknown>, deleted = false) => ({ ...doc, _deleted: deleted });

let dir: string;
let storage: SqliteStorage;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pos-push-'));
  storage = SqliteStorage.open(dir);
});
afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('pushBatch', () => {
  it('stores a row repeated in one batch once, with no conflict', async () => {
    const result = await pushBatch(storage, orders, register, [
      { newDocumentState: state(order) },
      { newDocumentState: state(order) },
    ]);
    expect(result.conflicts).toEqual([]);
    expect(result.written).toHaveLength(1);
  });

  it('answers an update without assumedMasterState, or with a stale one, with the master', async () => {
    await pushBatch(storage, orders, register, [{ newDocumentState: state(order) }]);
    const next = state({ ...order, status: 'suspended' });
    expect((await pushBatch(storage, orders, register, [{ newDocumentState: next }])).conflicts).toEqual([
      state(order),
    ]);
    const stale = state({ ...order, status: 'completed' });
    expect(
      (await pushBatch(storage, orders, register, [{ newDocumentState: next, assumedMasterState: stale }])).conflicts,
    ).toEqual([state(order)]);
    const ok = await pushBatch(storage, orders, register, [
      { newDocumentState: next, assumedMasterState: state(order) },
    ]);
    expect(ok.written.map((w) => w.data.status)).toEqual(['suspended']);
  });

  it('refuses an illegal status move with the field, and a register cannot turn a sale into a web order', async () => {
    await pushBatch(storage, orders, register, [{ newDocumentState: state(order) }]);
    const web = await pushBatch(storage, orders, register, [
      { newDocumentState: state({ ...order, channel: 'web', status: 'created' }), assumedMasterState: state(order) },
    ]);
    expect(web.rejected).toEqual([expect.objectContaining({ field: 'channel' })]);
    const other = { ...order, id: '01937a00-0000-7000-8000-0000000000ff', channel: 'web', status: 'created' };
    const created = await pushBatch(storage, orders, register, [{ newDocumentState: state(other) }]);
    expect(created.rejected).toEqual([expect.objectContaining({ field: 'channel' })]);
    expect((await pushBatch(storage, orders, HQ_PRINCIPAL, [{ newDocumentState: state(other) }])).rejected).toEqual([]);
  });

  it('keeps a head-office deletion as a tombstone with a new sequence; a register may not delete an order', async () => {
    const [first] = (await pushBatch(storage, orders, register, [{ newDocumentState: state(order) }])).written;
    const refused = await pushBatch(storage, orders, register, [
      { newDocumentState: state(order, true), assumedMasterState: state(order) },
    ]);
    expect(refused.rejected).toEqual([expect.objectContaining({ code: 'SYNC_DELETE_FORBIDDEN', field: '_deleted' })]);
    const [gone] = (
      await pushBatch(storage, orders, HQ_PRINCIPAL, [
        { newDocumentState: state(order, true), assumedMasterState: state(order) },
      ])
    ).written;
    expect(gone).toMatchObject({ deleted: true });
    expect(gone!.seq).toBeGreaterThan(first!.seq);
  });

  it('merges a register change made before the server set a server-owned field; head office still conflicts', async () => {
    const fos = policies.get('fulfillment_orders')!;
    const fo: Record<string, unknown> = state(fixtures.fulfillment_orders as Record<string, unknown>);
    await pushBatch(storage, fos, HQ_PRINCIPAL, [{ newDocumentState: fo }]);
    // The server adds the settlement the register has not pulled yet.
    const settlement = { currency: 'USD', lines: [], covered: 500, authorised: 0, paymentIds: [] };
    const settled = { ...fo, settlement };
    await pushBatch(storage, fos, HQ_PRINCIPAL, [{ newDocumentState: settled, assumedMasterState: fo }]);
    const lines = (fo.lines as Record<string, unknown>[]).map((l) => ({ ...l, pickedQuantity: 2 }));
    const pick = { ...fo, lines };
    const merged = await pushBatch(storage, fos, register, [
      { newDocumentState: pick, assumedMasterState: fo },
      { newDocumentState: pick, assumedMasterState: fo },
    ]);
    expect(merged).toMatchObject({ conflicts: [], rejected: [], merged: [fo.id] });
    expect(merged.written.map((w) => w.data)).toEqual([{ ...pick, settlement }]);
    const hq = await pushBatch(storage, fos, HQ_PRINCIPAL, [
      { newDocumentState: { ...fo, status: 'on_hold' }, assumedMasterState: fo },
    ]);
    expect(hq.conflicts).toEqual([{ ...pick, settlement }]);
  });
});

describe('parsePushRows', () => {
  it('refuses malformed envelopes with coded errors', () => {
    const code = (body: unknown) => {
      try {
        parsePushRows(body);
        return 'ok';
      } catch (error) {
        return isDomainError(error) ? error.code : 'crash';
      }
    };
    expect(code([{ newDocumentState: { id: 'a', _deleted: false } }])).toBe('ok');
    expect(code({})).toBe('SYNC_BAD_REQUEST');
    expect(code([{ newDocumentState: { id: 'a' } }])).toBe('SYNC_BAD_REQUEST');
    expect(code([{ newDocumentState: { id: 'x'.repeat(200), _deleted: false } }])).toBe('SYNC_BAD_REQUEST');
    expect(code(Array.from({ length: 1001 }, () => ({ newDocumentState: { id: 'a', _deleted: false } })))).toBe(
      'SYNC_BATCH_TOO_LARGE',
    );
  });
});
