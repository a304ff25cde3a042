// A cash drawer's shift: float, cash in and out, blind close count, over/short. Written only by
// the register that owns the drawer; the till arithmetic lives in shared/till (domain-B).
import { z } from 'zod';
import { defineCollection } from './define';
import {
  approvalRef, currency, isoTimestamp, minorAmount, signedMinorAmount, uuid,
} from './fields';

export const cashMovementSchema = z.strictObject({
  id: uuid,
  /** paid_in/paid_out: petty cash with a reason; drop: cash moved to the safe mid-shift. */
  kind: z.enum(['paid_in', 'paid_out', 'drop', 'no_sale']),
  amount: minorAmount,
  reason: z.string().max(200),
  staffId: uuid,
  approval: approvalRef.optional(),
  at: isoTimestamp,
});

export const denominationCountSchema = z.strictObject({
  /** Face value in minor units: 2000 for a $20 note, 25 for a quarter. */
  denomination: z.number().int().min(1).max(10_000_000),
  count: z.number().int().min(0).max(100_000),
});

export const tillShiftSchema = z.strictObject({
  id: uuid,
  storeId: uuid,
  registerId: uuid,
  status: z.enum(['open', 'closed']),
  currency,
  openedBy: uuid,
  openedAt: isoTimestamp,
  openingFloat: minorAmount,
  cashMovements: z.array(cashMovementSchema).max(1000),
  closedBy: uuid.optional(),
  closedAt: isoTimestamp.optional(),
  /** Blind count: the clerk counts before seeing the expected amount. */
  closingCount: z.array(denominationCountSchema).max(40).optional(),
  countedCash: minorAmount.optional(),
  expectedCash: minorAmount.optional(),
  overShort: signedMinorAmount.optional(),
  /** Z report number, per register, increasing. */
  zNumber: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  updatedAt: isoTimestamp,
});
export type TillShift = z.output<typeof tillShiftSchema>;

export const tillShifts = defineCollection('till_shifts', {
  description: 'Cash drawer shifts: float, paid in/out, blind close, over/short. Written by the owning register.',
  schema: tillShiftSchema,
  indexes: [['registerId', 'status'], ['storeId', 'openedAt']],
});
