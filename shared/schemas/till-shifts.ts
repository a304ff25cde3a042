// A cash drawer's shift: float, cash in and out, blind close count, over/short. Written only by
// the register that owns the drawer; the till arithmetic lives in shared/till (domain-B).
import { z } from 'zod';
import { defineCollection, HQ_AND_REGISTERS, HQ_ONLY, STORE } from './define';
import { approvalRef, currency, isoTimestamp, minorAmount, signedMinorAmount, uuid } from './fields';

const cashMovementSchema = z.strictObject({
  id: uuid,
  /** paid_in/paid_out: petty cash with a reason; drop: cash moved to the safe mid-shift. */
  kind: z.enum(['paid_in', 'paid_out', 'drop', 'no_sale']),
  amount: minorAmount,
  reason: z.string().max(200),
  staffId: uuid,
  approval: approvalRef.optional(),
  at: isoTimestamp,
});

const denominationCountSchema = z.strictObject({
  /** Face value in minor units: 2000 for a $20 note, 25 for a quarter. */
  denomination: z.number().int().min(1).max(10_000_000),
  count: z.number().int().min(0).max(100_000),
});

export const tillShiftShape = z.strictObject({
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
export type TillShift = z.output<typeof tillShiftShape>;

const CLOSE_FIELDS = ['closedBy', 'closedAt', 'closingCount', 'countedCash', 'expectedCash', 'overShort'] as const;

/** A closed shift carries its whole close, and the close adds up; an open one carries none of it. */
const tillShiftSchema = tillShiftShape.superRefine((doc, ctx) => {
  for (const field of CLOSE_FIELDS) {
    const present = doc[field] !== undefined;
    if (doc.status === 'closed' && !present)
      ctx.addIssue({ code: 'custom', path: [field], message: `A closed shift records ${field}.` });
    if (doc.status === 'open' && present)
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `An open shift has no ${field} yet; close the shift to record it.`,
      });
  }
  const seen = new Set<number>();
  (doc.closingCount ?? []).forEach((c, i) => {
    if (seen.has(c.denomination))
      ctx.addIssue({
        code: 'custom',
        path: ['closingCount', i, 'denomination'],
        message: 'Each note or coin is counted once.',
      });
    seen.add(c.denomination);
  });
  if (doc.closingCount && doc.countedCash !== undefined) {
    const counted = doc.closingCount.reduce((s, c) => s + c.denomination * c.count, 0);
    if (counted !== doc.countedCash)
      ctx.addIssue({
        code: 'custom',
        path: ['countedCash'],
        message: `The count adds up to ${counted}, not ${doc.countedCash}.`,
      });
  }
  if (
    doc.countedCash !== undefined &&
    doc.expectedCash !== undefined &&
    doc.overShort !== undefined &&
    doc.overShort !== doc.countedCash - doc.expectedCash
  ) {
    ctx.addIssue({ code: 'custom', path: ['overShort'], message: 'overShort must be countedCash − expectedCash.' });
  }
});

export const tillShifts = defineCollection('till_shifts', {
  description: 'Cash drawer shifts: float, paid in/out, blind close, over/short. Written by the owning register.',
  schema: tillShiftSchema,
  indexes: [
    ['registerId', 'status'],
    ['storeId', 'openedAt'],
  ],
  // 1: fields added since the first release (see define's `version`).
  version: 1,
  access: {
    create: HQ_AND_REGISTERS,
    change: HQ_AND_REGISTERS,
    delete: HQ_ONLY,
    scope: STORE,
    registerPull: 'own_store',
    appendOnly: false,
    conflict: 'single_writer',
    note: 'Only the register owning the drawer writes its shifts; HQ corrects them.',
  },
});
