// A return without a receipt: the goods come back at today's shelf price, the refund is store
// credit only (shared/returns planRefund: capped, manager approval per policy), and the documents
// name no original order. The store credit payment points at the return (orderId = returnId), so
// the server can see which return justifies the value.
import { APPROVAL_ACTION } from '../../../shared/pricing';
import { approvalEvents } from '../../../shared/returns';
import type { InventoryMovement, Payment, Return } from '../../../shared/schemas';
import type {
  Disposition,
  GrantedReturnApproval,
  ReturnCondition,
  ReturnDocuments,
  ReturnReason,
} from './returns-documents';

export interface ReceiptlessLine {
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  /** Today's shelf price per unit (minor units). */
  unitPrice: number;
  reason: ReturnReason;
  condition: ReturnCondition;
  disposition: Disposition;
}

export interface ReceiptlessInput {
  returnId: string;
  returnNumber?: string;
  currency: Return['currency'];
  taxMode: Return['taxMode'];
  customerId: string;
  lines: readonly ReceiptlessLine[];
  approvals: readonly GrantedReturnApproval[];
  storeId: string;
  registerId: string;
  deviceId: string;
  shiftId: string | undefined;
  staffId: string;
  now: string;
  newId: () => string;
}

export function receiptlessTotal(lines: readonly Pick<ReceiptlessLine, 'quantity' | 'unitPrice'>[]): number {
  return lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
}

export function buildReceiptlessDocuments(input: ReceiptlessInput): ReturnDocuments {
  const { now, storeId, deviceId, staffId, returnId } = input;
  const events = approvalEvents(input.approvals, {
    orderId: returnId,
    storeId,
    staffId,
    deviceId,
    now,
    newId: input.newId,
  });
  const lines: Return['lines'] = input.lines.map((l) => ({
    id: input.newId(),
    productId: l.productId,
    sku: l.sku,
    quantity: l.quantity,
    refundAmount: l.quantity * l.unitPrice,
    // No receipt, no record of the tax charged: the refund is the shelf price, tax not itemised.
    taxes: [],
    restock: l.disposition === 'back_to_stock',
    condition: l.condition,
    reason: l.reason,
  }));
  const total = receiptlessTotal(input.lines);
  const payment: Payment = {
    id: input.newId(),
    orderId: returnId,
    returnId,
    storeId,
    registerId: input.registerId,
    deviceId,
    ...(input.shiftId ? { tillShiftId: input.shiftId } : {}),
    kind: 'refund',
    method: 'store_credit',
    status: 'approved',
    amount: total,
    currency: input.currency,
    storeCreditCustomerId: input.customerId,
    ...(events[0]
      ? {
          approval: {
            eventId: events[0].id,
            approvedBy: input.approvals[0]!.approverId,
            action: APPROVAL_ACTION[input.approvals[0]!.kind],
          },
        }
      : {}),
    createdBy: staffId,
    createdAt: now,
    updatedAt: now,
  };
  const movements: InventoryMovement[] = lines.flatMap((l, i) => {
    const back: InventoryMovement = {
      id: l.id,
      storeId,
      sku: l.sku,
      type: 'return',
      quantity: l.quantity,
      referenceType: 'return',
      referenceId: returnId,
      deviceId,
      staffId,
      createdAt: now,
      updatedAt: now,
    };
    const d = input.lines[i]!.disposition;
    return d === 'back_to_stock'
      ? [back]
      : [
          back,
          {
            ...back,
            id: input.newId(),
            type: 'adjustment',
            quantity: -l.quantity,
            reason: d === 'damaged' ? 'returned damaged: written off' : 'returned: set aside for the vendor',
          },
        ];
  });
  const ret: Return = {
    id: returnId,
    ...(input.returnNumber ? { returnNumber: input.returnNumber } : {}),
    originalOrderId: '',
    storeId,
    registerId: input.registerId,
    ...(input.shiftId ? { tillShiftId: input.shiftId } : {}),
    receiptless: true,
    customerId: input.customerId,
    currency: input.currency,
    taxMode: input.taxMode,
    lines,
    refundSubtotal: total,
    refundTax: 0,
    refundTotal: total,
    tenders: total > 0 ? [{ method: 'store_credit', amount: total, paymentId: payment.id }] : [],
    approvals: events.map((e, i) => ({
      eventId: e.id,
      approvedBy: input.approvals[i]!.approverId,
      action: APPROVAL_ACTION[input.approvals[i]!.kind],
    })),
    status: 'completed',
    createdBy: staffId,
    createdAt: now,
    updatedAt: now,
  };
  return { ret, payments: total > 0 ? [payment] : [], movements, events };
}
