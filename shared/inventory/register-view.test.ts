import { describe, expect, it } from 'vitest';
import type { LedgerMovement } from './ledger';
import { registerLevel, styleOf } from './register-view';

const S = 'store-1';
const m = (id: string, type: LedgerMovement['type'], quantity: number, sku = 'MUG'): LedgerMovement => ({
  id,
  storeId: S,
  sku,
  type,
  quantity,
});

describe('register view of its own stock', () => {
  const receipt = m('r1', 'receipt', 10);
  const synced = m('s1', 'sale', -1);
  const unsynced = m('s2', 'sale', -2);

  it('adds only movements the server had not counted, once each', () => {
    const snapshot = {
      level: { storeId: S, sku: 'MUG', onHand: 9, reserved: 0, available: 9 },
      countedIds: ['r1', 's1'],
    };
    expect(
      registerLevel(S, 'MUG', snapshot, [receipt, synced, unsynced, unsynced, m('x', 'receipt', 5, 'TEA')]),
    ).toEqual({ storeId: S, sku: 'MUG', onHand: 7, reserved: 0, available: 7, pendingCount: 1 });
  });

  it('with no server answer yet, sums the ledger copy the register holds', () => {
    expect(registerLevel(S, 'MUG', undefined, [receipt, synced, unsynced, m('h', 'reservation', 3)])).toMatchObject({
      onHand: 7,
      reserved: 3,
      available: 4,
      pendingCount: 4,
    });
  });

  it('names the style of variant SKUs only', () => {
    expect(styleOf('TEE-BLK-M')).toBe('TEE-BLK');
    expect(styleOf('ELE-00101')).toBeUndefined();
  });
});
