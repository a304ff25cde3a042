// Till shifts on this register: open with a float, cash movements, blind close. Figures (X/Z,
// expected cash, over/short) come from shared/till over this shift's orders and payments.
import { DomainError } from '../../../shared/errors';
import type { Order, Payment, Return, TillShift } from '../../../shared/schemas';
import { shiftFigures, zReport, type ReportInput } from '../../../shared/till/reports';
import type { CashMovementInput, DenominationCount, ShiftReportData } from '../model/backend';
import { uuidv7 as newId } from '../../../shared/ids';
import type { Db } from './types';

export const ShiftError = { ALREADY_OPEN: 'TILL_ALREADY_OPEN', NOT_OPEN: 'TILL_NOT_OPEN' } as const;

export interface TillScope {
  db: Db;
  storeId: string;
  registerId: () => string | undefined;
  deviceId: string;
  currency: () => string;
}

function registerKey(scope: TillScope): string {
  // Shifts belong to the register config id when HQ published one, else to this device.
  return scope.registerId() ?? scope.deviceId;
}

export async function currentShift(scope: TillScope): Promise<TillShift | undefined> {
  const open = await scope.db.till_shifts
    .findOne({ selector: { registerId: registerKey(scope), status: 'open' } })
    .exec();
  return open ? (open.toJSON() as TillShift) : undefined;
}

export async function openShift(scope: TillScope, openingFloat: number, staffId: string): Promise<TillShift> {
  if (await currentShift(scope))
    throw new DomainError(ShiftError.ALREADY_OPEN, 'The till is already open. Close it before opening a new shift.');
  const now = new Date().toISOString();
  const shift: TillShift = {
    id: newId(),
    storeId: scope.storeId,
    registerId: registerKey(scope),
    status: 'open',
    currency: scope.currency() as TillShift['currency'],
    openedBy: staffId,
    openedAt: now,
    openingFloat,
    cashMovements: [],
    updatedAt: now,
  };
  await scope.db.till_shifts.insert(shift);
  return shift;
}

async function openShiftDoc(scope: TillScope, shiftId: string) {
  const doc = await scope.db.till_shifts.findOne(shiftId).exec();
  if (!doc || doc.status !== 'open')
    throw new DomainError(ShiftError.NOT_OPEN, 'This till is not open any more. Open the till again to continue.');
  return doc;
}

export async function addCashMovement(scope: TillScope, shiftId: string, m: CashMovementInput): Promise<TillShift> {
  const doc = await openShiftDoc(scope, shiftId);
  const now = new Date().toISOString();
  const movement = {
    id: newId(),
    kind: m.kind,
    amount: m.amount,
    reason: m.reason,
    staffId: m.staffId,
    at: now,
    ...(m.approvedBy ? { approval: { eventId: newId(), approvedBy: m.approvedBy, action: 'paid_out' as const } } : {}),
  };
  const updated = await doc.incrementalPatch({ cashMovements: [...doc.cashMovements, movement], updatedAt: now });
  return updated.toJSON() as TillShift;
}

async function reportInput(scope: TillScope, shift: TillShift): Promise<ReportInput> {
  // Orders and payments of this shift: bounded by store and opening time through the indexes.
  const orders = (
    await scope.db.orders
      .find({ selector: { storeId: scope.storeId, createdAt: { $gte: shift.openedAt.slice(0, 10) } } })
      .exec()
  )
    .map((d) => d.toJSON() as Order)
    .filter((o) => o.tillShiftId === shift.id);
  const payments = (await scope.db.payments.find({ selector: { storeId: scope.storeId } }).exec())
    .map((d) => d.toJSON() as Payment)
    .filter((p) => p.tillShiftId === shift.id);
  return {
    currency: shift.currency,
    openingFloat: shift.openingFloat,
    sales: orders.map((o) => ({
      orderId: o.id,
      voided: o.status === 'voided',
      subtotal: o.totals?.subtotal ?? 0,
      discountTotal: o.totals?.discountTotal ?? 0,
      taxTotal: o.totals?.taxTotal ?? 0,
      total: o.totals?.total ?? 0,
      taxLines: o.lines.flatMap((l) =>
        l.taxes.map((t) => ({
          code: `${t.jurisdiction}:${t.name}`,
          name: t.name,
          taxable: t.taxableAmount,
          amount: t.amount,
        })),
      ),
    })),
    returns: [],
    postVoids: (
      await scope.db.returns
        .find({ selector: { storeId: scope.storeId, createdAt: { $gte: shift.openedAt.slice(0, 10) } } })
        .exec()
    )
      .map((d) => d.toJSON() as Return)
      .filter((r) => r.tillShiftId === shift.id && r.postVoid === true && r.status === 'completed')
      .map((r) => ({ returnId: r.id, total: r.refundTotal })),
    payments: payments.map((p) => ({ kind: p.kind, method: p.method, status: p.status, amount: p.amount })),
    cashMovements: shift.cashMovements.map((m) => ({ kind: m.kind, amount: m.amount })),
  };
}

export async function shiftReport(scope: TillScope, shiftId: string): Promise<ShiftReportData> {
  const doc = await scope.db.till_shifts.findOne(shiftId).exec();
  if (!doc) throw new DomainError(ShiftError.NOT_OPEN, 'That till shift is not on this register.');
  const shift = doc.toJSON() as TillShift;
  const figures = shiftFigures(await reportInput(scope, shift));
  return shift.status === 'closed' && shift.countedCash !== undefined
    ? { shift, figures, close: { counted: shift.countedCash, overShort: shift.overShort ?? 0 } }
    : { shift, figures };
}

export async function closeShift(
  scope: TillScope,
  shiftId: string,
  counts: DenominationCount[],
  staffId: string,
): Promise<ShiftReportData> {
  const doc = await openShiftDoc(scope, shiftId);
  const shift = doc.toJSON() as TillShift;
  const z = zReport(await reportInput(scope, shift), counts);
  const closed = (
    await scope.db.till_shifts.find({ selector: { registerId: shift.registerId, status: 'closed' } }).exec()
  ).map((d) => d.zNumber ?? 0);
  const now = new Date().toISOString();
  const updated = await doc.incrementalPatch({
    status: 'closed',
    closedBy: staffId,
    closedAt: now,
    closingCount: counts,
    countedCash: z.counted,
    expectedCash: z.cash.expected,
    overShort: z.overShort,
    zNumber: Math.max(0, ...closed) + 1,
    updatedAt: now,
  });
  return { shift: updated.toJSON() as TillShift, figures: z, close: { counted: z.counted, overShort: z.overShort } };
}
