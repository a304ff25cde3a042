import { describe, expect, it } from 'vitest';
import { fixtures } from '../../test/support/fixtures/documents';
import { parseDocument } from '../schemas/validate';
import { closingMovements, reservationMovements, returnMovements } from './documents';
import { projectLevels } from './ledger';

const ctx = { deviceId: 'server-1', at: '2026-11-27T10:00:00.000Z' };

describe('movements derived from documents', () => {
  const fo = structuredClone(fixtures.fulfillment_orders);
  const store = fo.assignedStoreId;

  it('reserve then hand over: reserved back to zero, on hand down by the picked units', () => {
    const picked = { ...fo, lines: fo.lines.map((l) => ({ ...l, pickedQuantity: l.quantity })) };
    const receipt = { id: 'r', storeId: store, sku: 'MUG-RED-12', type: 'receipt' as const, quantity: 10 };
    const held = projectLevels([receipt, ...reservationMovements(fo, ctx)]).levels.get(`${store}:MUG-RED-12`);
    expect(held).toMatchObject({ onHand: 10, reserved: 2, available: 8 });
    const done = projectLevels([
      receipt,
      ...reservationMovements(fo, ctx),
      ...closingMovements(picked, 'handed_over', ctx),
    ]).levels.get(`${store}:MUG-RED-12`);
    expect(done).toMatchObject({ onHand: 8, reserved: 0, available: 8 });
  });

  it('a cancelled order only releases its hold', () => {
    const level = projectLevels([
      ...reservationMovements(fo, ctx),
      ...closingMovements(fo, 'released', ctx),
    ]).levels.get(`${store}:MUG-RED-12`);
    expect(level).toMatchObject({ onHand: 0, reserved: 0 });
  });

  it('is idempotent: deriving twice gives the same ids, so a retried step changes nothing', () => {
    const once = [...reservationMovements(fo, ctx), ...closingMovements(fo, 'released', ctx)];
    const twice = [...once, ...reservationMovements(fo, ctx), ...closingMovements(fo, 'released', ctx)];
    expect(new Set(twice.map((m) => m.id)).size).toBe(once.length);
    expect(projectLevels(twice).levels).toEqual(projectLevels(once).levels);
  });

  it('restocks sellable returned units only, and every derived movement is a valid document', () => {
    const ret = structuredClone(fixtures.returns);
    const all = [
      ...returnMovements(ret, ctx),
      ...reservationMovements(fo, ctx),
      ...closingMovements(fo, 'handed_over', { ...ctx, staffId: fixtures.staff.id }),
    ];
    for (const m of all) expect(() => parseDocument('inventory_movements', m)).not.toThrow();
    expect(returnMovements(ret, ctx)).toHaveLength(1);
    expect(returnMovements({ ...ret, lines: ret.lines.map((l) => ({ ...l, restock: false })) }, ctx)).toHaveLength(0);
  });
});
