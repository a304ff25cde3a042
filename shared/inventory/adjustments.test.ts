import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../schemas/validate';
import {
  ADJUSTMENT_REASONS,
  AdjustmentReason,
  adjustmentApprovalLimit,
  adjustmentMovement,
  adjustmentNeedsApproval,
  adjustmentReasonOf,
  DEFAULT_ADJUSTMENT_APPROVAL_OVER,
} from './adjustments';
import { InventoryError } from './errors';
import { projectLevels } from './ledger';

const STORE = '00000000-0000-4000-8000-00000000000a';
const STAFF = '00000000-0000-4000-8000-0000000000e1';
const MANAGER = '00000000-0000-4000-8000-0000000000e2';
const ctx = { deviceId: 'dev-1', at: '2026-12-03T08:00:00.000Z' };
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('stock adjustments', () => {
  it('each reason moves stock its way, is a valid ledger document, and the level follows', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            reason: fc.constantFrom(...Object.values(AdjustmentReason)),
            units: fc.integer({ min: 1, max: 30 }),
          }),
          {
            maxLength: 20,
          },
        ),
        (list) => {
          const docs = list.map((a, i) =>
            adjustmentMovement(
              { id: id(i + 1), storeId: STORE, sku: 'MUG', reason: a.reason, units: a.units, unitValue: 100 },
              { staffId: MANAGER, role: 'manager' },
              ctx,
              DEFAULT_ADJUSTMENT_APPROVAL_OVER,
            ),
          );
          for (const doc of docs) parseDocument('inventory_movements', doc);
          const expected = list.reduce((sum, a) => sum + ADJUSTMENT_REASONS[a.reason].sign * a.units, 0);
          expect(projectLevels(docs).levels.get(`${STORE}:MUG`)?.onHand ?? 0).toBe(expected);
          docs.forEach((d, i) => expect(adjustmentReasonOf(d.reason)).toBe(list[i]!.reason));
        },
      ),
    );
  });

  it('a clerk needs a manager above the value limit, not at or below it; a manager does not', () => {
    const req = { id: id(1), storeId: STORE, sku: 'MUG', reason: AdjustmentReason.DAMAGED, units: 5, unitValue: 1_000 };
    const limit = DEFAULT_ADJUSTMENT_APPROVAL_OVER;
    expect(adjustmentNeedsApproval({ ...req, units: 5 }, 'clerk', limit)).toBe(false);
    expect(adjustmentNeedsApproval({ ...req, units: 6 }, 'clerk', limit)).toBe(true);
    expect(adjustmentNeedsApproval({ ...req, units: 6 }, 'manager', limit)).toBe(false);
    expect(() => adjustmentMovement({ ...req, units: 6 }, { staffId: STAFF, role: 'clerk' }, ctx, limit)).toThrow(
      expect.objectContaining({ code: InventoryError.APPROVAL_REQUIRED, message: expect.stringContaining('50.00') }),
    );
    const approved = adjustmentMovement(
      { ...req, units: 6, note: 'dropped' },
      { staffId: STAFF, role: 'clerk', approverId: MANAGER },
      ctx,
      limit,
    );
    expect(approved).toMatchObject({ quantity: -6, staffId: MANAGER, reason: 'damaged: dropped', type: 'adjustment' });
  });

  it("the limit is the store policy's, 50.00 when the policy sets none", () => {
    const req = { id: id(1), storeId: STORE, sku: 'MUG', reason: AdjustmentReason.SHRINK, units: 6, unitValue: 1_000 };
    expect(adjustmentApprovalLimit(undefined)).toBe(5_000);
    expect(adjustmentApprovalLimit({})).toBe(5_000);
    const higher = adjustmentApprovalLimit({ inventory: { adjustmentApprovalOver: 10_000 } });
    expect(higher).toBe(10_000);
    // 60.00 of shrink: over the default, within a policy of 100.00; a policy of 0 asks for every one.
    expect(adjustmentNeedsApproval(req, 'clerk', adjustmentApprovalLimit(undefined))).toBe(true);
    expect(adjustmentNeedsApproval(req, 'clerk', higher)).toBe(false);
    expect(adjustmentMovement(req, { staffId: STAFF, role: 'clerk' }, ctx, higher).quantity).toBe(-6);
    const zero = adjustmentApprovalLimit({ inventory: { adjustmentApprovalOver: 0 } });
    expect(adjustmentNeedsApproval({ ...req, units: 1, unitValue: 1 }, 'clerk', zero)).toBe(true);
  });

  it('refuses bad input with a sentence', () => {
    const base = { id: id(1), storeId: STORE, sku: 'MUG', reason: AdjustmentReason.FOUND, units: 1, unitValue: 100 };
    for (const bad of [
      { units: 0 },
      { units: -2 },
      { units: 1.5 },
      { reason: 'gift' as AdjustmentReason },
      { sku: ' ' },
      { unitValue: -1 },
    ]) {
      expect(() => adjustmentMovement({ ...base, ...bad }, { staffId: MANAGER, role: 'manager' }, ctx, 5_000)).toThrow(
        expect.objectContaining({ code: InventoryError.BAD_ADJUSTMENT }),
      );
    }
  });
});
