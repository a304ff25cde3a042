// The till over a shift: open with a float, a paid-out, sales in cash and by card, blind close:
// expected cash, over/short and the Z figures come out of the stored documents.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDomainError } from '../../../shared/errors';
import { completeSale } from './sales';
import { addCashMovement, closeShift, currentShift, openShift, shiftReport, ShiftError, type TillScope } from './till';
import { cashSale, DEVICE_ID, memoryDb, STORE_ID } from '../../../test/support/register-data';
import type { Db } from './types';

describe('till shift', () => {
  let db: Db;
  let scope: TillScope;
  beforeEach(async () => {
    localStorage.clear();
    db = await memoryDb();
    scope = { db, storeId: STORE_ID, deviceId: DEVICE_ID, registerId: () => undefined, currency: () => 'USD' };
  });
  afterEach(async () => {
    await db.remove();
  });

  it('opens once, records cash movements and closes with the Z report', async () => {
    const shift = await openShift(scope, 15000, 'clerk');
    await expect(openShift(scope, 100, 'clerk')).rejects.toSatisfy((e) => isDomainError(e, ShiftError.ALREADY_OPEN));
    await addCashMovement(scope, shift.id, {
      kind: 'paid_out',
      amount: 1200,
      reason: 'window cleaner',
      staffId: 'clerk',
    });
    await addCashMovement(scope, shift.id, {
      kind: 'paid_in',
      amount: 500,
      reason: 'change from bank',
      staffId: 'clerk',
    });
    const sale = cashSale();
    await completeSale({ db, storeId: STORE_ID, deviceId: DEVICE_ID }, { ...sale, shiftId: shift.id });
    const x = await shiftReport(scope, shift.id);
    expect(x.figures.transactions).toBe(1);
    expect(x.figures.salesTotal).toBe(2175);
    expect(x.figures.cash.expected).toBe(15000 + 2175 - 1200 + 500);
    expect(x.close).toBeUndefined();
    // Counted: $164.75 in notes and coins against $164.75 expected, minus one quarter.
    const z = await closeShift(
      scope,
      shift.id,
      [
        { denomination: 10000, count: 1 },
        { denomination: 5000, count: 1 },
        { denomination: 1000, count: 1 },
        { denomination: 100, count: 4 },
        { denomination: 50, count: 1 },
      ],
      'manager',
    );
    expect(z.close).toEqual({ counted: 16450, overShort: 16450 - 16475 });
    expect(z.shift).toMatchObject({
      status: 'closed',
      zNumber: 1,
      expectedCash: 16475,
      countedCash: 16450,
      overShort: -25,
      closedBy: 'manager',
    });
    expect(await currentShift(scope)).toBeUndefined();
    await expect(
      addCashMovement(scope, shift.id, { kind: 'drop', amount: 1, reason: 'x', staffId: 'clerk' }),
    ).rejects.toSatisfy((e) => isDomainError(e, ShiftError.NOT_OPEN));
    const next = await openShift(scope, 10000, 'clerk');
    const z2 = await closeShift(scope, next.id, [{ denomination: 10000, count: 1 }], 'clerk');
    expect(z2.shift.zNumber).toBe(2);
    expect(z2.close).toEqual({ counted: 10000, overShort: 0 });
  });
});
