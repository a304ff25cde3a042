// Turns a completed return into the documents the register writes: the `returns` document (lines
// pointing at the original order's lines, tax mirrored per rate), one refund payment per tender
// the money went back to, the stock movements of each line's disposition, and an approval event
// per manager override. Pure: ids and time come in, so a journal replay rebuilds nothing.
import { APPROVAL_ACTION, type ApprovalKind } from '../pricing';
import { isOpenPriceLine } from '../orders/open-price';
import type { InventoryMovement, Order, OrderEvent, Payment, Return } from '../schemas';
import { priorReturnsFor, soldLinesFromOrder, taxLineCode } from './from-documents';
import type { RefundAllocation } from './policy';
import type { PriorReturn } from './quantities';
import { quoteRefund } from './refund';

export const DISPOSITIONS = ['back_to_stock', 'damaged', 'return_to_vendor'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
export type ReturnReason = Return['lines'][number]['reason'];
export type ReturnCondition = Return['lines'][number]['condition'];

export interface ReturnLineInput {
  lineId: string;
  quantity: number;
  reason: ReturnReason;
  condition: ReturnCondition;
  disposition: Disposition;
}

export interface GrantedReturnApproval {
  kind: ApprovalKind;
  approverId: string;
  reason: string;
  at: string;
}

/** A refund that was executed (or queued, for a card while offline) for one allocation. */
export interface ExecutedRefund {
  paymentId: string;
  allocation: RefundAllocation;
  /** The original payment's method when it differs (a gift card refunded back to the same card). */
  method: Payment['method'];
  status: 'approved' | 'pending_offline';
  gateway?: { name: string; reference: string };
  offline?: { capturedAt: string; expiresAt: string };
  giftCard?: { token: string; last4: string };
  storeCreditCustomerId?: string;
}

export interface ReturnDocumentsInput {
  returnId: string;
  /** RT-S001-R01-000012-K (local-data/returns-number.ts). */
  returnNumber?: string;
  order: Order;
  /** Returns of the order already counted (so the refund shares continue where they stopped). */
  priorReturns: readonly Return[];
  /**
   * The authority's count of what was already returned (countedReturns of the returnable view);
   * when given it is used instead of `priorReturns`, which only hold the returns this store knows.
   */
  counted?: readonly PriorReturn[];
  postVoid?: boolean;
  lines: readonly ReturnLineInput[];
  refunds: readonly ExecutedRefund[];
  approvals: readonly GrantedReturnApproval[];
  storeId: string;
  registerId: string;
  deviceId: string;
  shiftId: string | undefined;
  staffId: string;
  now: string;
  newId: () => string;
}

export interface ReturnDocuments {
  ret: Return;
  /** The new order of an exchange (shared/returns/exchange-documents.ts). */
  order?: Order;
  payments: Payment[];
  movements: InventoryMovement[];
  events: OrderEvent[];
}

const DISPOSITION_NOTE: Record<Exclude<Disposition, 'back_to_stock'>, string> = {
  damaged: 'returned damaged: written off',
  return_to_vendor: 'returned: set aside for the vendor',
};

/** The manager approvals of a return as order events (kept with the return, who asked and who approved). */
export function approvalEvents(
  approvals: readonly GrantedReturnApproval[],
  at: { orderId: string; storeId: string; staffId: string; deviceId: string; now: string; newId: () => string },
): OrderEvent[] {
  return approvals.map((a) => ({
    id: at.newId(),
    orderId: at.orderId,
    storeId: at.storeId,
    actor: { kind: 'staff' as const, staffId: at.staffId, deviceId: at.deviceId },
    type: 'approval',
    createdAt: a.at,
    updatedAt: at.now,
    payload: {
      action: APPROVAL_ACTION[a.kind],
      approvedBy: a.approverId,
      requestedBy: at.staffId,
      reason: a.reason.slice(0, 200),
    },
  }));
}

export function buildReturnDocuments(input: ReturnDocumentsInput): ReturnDocuments {
  const { order, now, storeId, deviceId, staffId } = input;
  const quote = quoteRefund(
    soldLinesFromOrder(order),
    input.counted ?? priorReturnsFor(order.id, [...input.priorReturns]),
    input.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
  );
  const events = approvalEvents(input.approvals, {
    orderId: order.id,
    storeId,
    staffId,
    deviceId,
    now,
    newId: input.newId,
  });
  const approvalRefs = events.map((e, i) => ({
    eventId: e.id,
    approvedBy: input.approvals[i]!.approverId,
    action: APPROVAL_ACTION[input.approvals[i]!.kind],
  }));
  const lines: Return['lines'] = quote.lines.map((q) => {
    const original = order.lines.find((l) => l.id === q.lineId)!;
    const asked = input.lines.find((l) => l.lineId === q.lineId)!;
    const byCode = new Map(original.taxes.map((t) => [taxLineCode(t), t]));
    return {
      id: input.newId(),
      originalLineId: q.lineId,
      productId: original.productId,
      sku: original.sku,
      quantity: q.quantity,
      refundAmount: order.taxMode === 'exclusive' ? q.net : q.net + q.tax,
      taxes: q.taxComponents.map((c) => {
        const t = byCode.get(c.code)!;
        return {
          jurisdiction: t.jurisdiction,
          name: t.name,
          ratePpm: t.ratePpm,
          taxableAmount: q.net,
          amount: c.amount,
        };
      }),
      restock: asked.disposition === 'back_to_stock' && !isOpenPriceLine(original),
      condition: asked.condition,
      reason: asked.reason,
    };
  });
  const refundSubtotal = lines.reduce((s, l) => s + l.refundAmount, 0);
  const refundTax = lines.reduce((s, l) => s + l.taxes.reduce((t, x) => t + x.amount, 0), 0);
  const payments: Payment[] = input.refunds.map((r) => ({
    id: r.paymentId,
    orderId: order.id,
    returnId: input.returnId,
    storeId,
    registerId: input.registerId,
    deviceId,
    ...(input.shiftId ? { tillShiftId: input.shiftId } : {}),
    kind: 'refund',
    method: r.method,
    status: r.status,
    amount: r.allocation.amount,
    currency: order.currency,
    ...(r.method === 'card' && r.allocation.token && r.allocation.last4
      ? {
          card: {
            token: r.allocation.token,
            last4: r.allocation.last4,
            brand: 'other' as const,
            entryMode: 'ecommerce' as const,
          },
        }
      : {}),
    ...(r.giftCard ? { giftCard: r.giftCard } : {}),
    ...(r.storeCreditCustomerId ? { storeCreditCustomerId: r.storeCreditCustomerId } : {}),
    ...(r.offline ? { offline: r.offline } : {}),
    ...(r.gateway ? { gateway: r.gateway } : {}),
    ...(r.allocation.paymentId ? { refundsPaymentId: r.allocation.paymentId } : {}),
    createdBy: staffId,
    createdAt: now,
    updatedAt: now,
  }));
  const movements: InventoryMovement[] = lines.flatMap((l) => {
    const asked = input.lines.find((x) => x.lineId === l.originalLineId)!;
    // An open-price item was never in stock: its refund restocks nothing and writes nothing off.
    if (isOpenPriceLine(order.lines.find((o) => o.id === l.originalLineId)!)) return [];
    // Derived from the return line id, so a replay writes the same movements.
    const back: InventoryMovement = {
      id: l.id,
      storeId,
      sku: l.sku,
      type: 'return',
      quantity: l.quantity,
      referenceType: 'return',
      referenceId: input.returnId,
      deviceId,
      staffId,
      createdAt: now,
      updatedAt: now,
    };
    if (asked.disposition === 'back_to_stock') return [back];
    return [
      back,
      {
        ...back,
        id: input.newId(),
        type: 'adjustment',
        quantity: -l.quantity,
        reason: DISPOSITION_NOTE[asked.disposition],
      },
    ];
  });
  const ret: Return = {
    id: input.returnId,
    ...(input.returnNumber ? { returnNumber: input.returnNumber } : {}),
    ...(input.postVoid ? { postVoid: true } : {}),
    originalOrderId: order.id,
    storeId,
    registerId: input.registerId,
    ...(input.shiftId ? { tillShiftId: input.shiftId } : {}),
    receiptless: false,
    ...(order.customerId ? { customerId: order.customerId } : {}),
    currency: order.currency,
    taxMode: order.taxMode,
    lines,
    refundSubtotal,
    refundTax,
    refundTotal: order.taxMode === 'exclusive' ? refundSubtotal + refundTax : refundSubtotal,
    tenders: payments.map((p) => ({ method: p.method, amount: p.amount, paymentId: p.id })),
    approvals: approvalRefs,
    status: 'completed',
    createdBy: staffId,
    createdAt: now,
    updatedAt: now,
  };
  return { ret, payments, movements, events };
}
