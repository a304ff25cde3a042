// Turns a paid sale into the documents a register writes: the order (lines with their own
// discounts and taxes so a return can mirror them), one payment per tender (token + last four
// only), one stock movement per line, and an approval event per manager override. Pure: the
// register, the server's rules and the test fixtures build the same documents from it.
import { assertCurrency, percentToPpm } from '../money';
import { APPROVAL_ACTION, type ApprovalKind, type CartTotals, type Discount, type PricedLine } from '../pricing';
import type { TaxJurisdiction } from '../tax';
import { isOpenPriceLine, OPEN_PRICE_REASON } from './open-price';
import type { InventoryMovement, Order, OrderEvent, OrderLine, Payment } from '../schemas';

/** A manager approval given during the sale; becomes an `approval` order event. */
export interface SaleApproval {
  kind: ApprovalKind;
  /** Line id, or 'order' for the whole sale. */
  subject: string;
  approverId: string;
  at: string;
  detail: string;
}

export interface SaleLine {
  lineId: string;
  productId: string;
  sku: string;
  name: string;
  barcode: string | undefined;
  taxCategory: string;
  weightGrams: number | undefined;
  discount: Discount | undefined;
  priceOverride: number | undefined;
  /** The clerk's note on the line, stored as the order line's `note`. */
  note?: string;
  /**
   * An open-price item (shared/orders/open-price.ts): `priceOverride` is the typed price, `note`
   * the description; the line is marked with OPEN_PRICE_REASON and moves no stock.
   */
  openPrice?: boolean;
}

export interface SaleTender {
  id: string;
  method: Payment['method'];
  amount: number;
  status: 'approved' | 'pending_offline';
  cash?: { tendered: number; change: number };
  card?: {
    token: string;
    last4: string;
    brand: string;
    authCode?: string;
    entryMode: 'chip' | 'contactless' | 'swipe' | 'keyed';
  };
  giftCard?: { token: string; last4: string };
  storeCreditCustomerId?: string;
  offline?: { capturedAt: string; expiresAt: string };
  gateway?: { name: string; reference: string };
  at: string;
}

/** A paid sale as a register holds it: its lines, the priced totals, the tenders taken. */
export interface SaleToComplete {
  cart: {
    saleId: string;
    currency: string;
    startedAt: string;
    lines: SaleLine[];
    orderDiscount: Discount | undefined;
    customer: { id: string } | undefined;
    approvals: SaleApproval[];
  };
  totals: CartTotals;
  tenders: SaleTender[];
  clerk: { staffId: string };
  shiftId: string | undefined;
  context: {
    registerId: string | undefined;
    priceBookId: string;
    jurisdiction: Pick<TaxJurisdiction, 'code' | 'mode' | 'rounding'>;
  };
}

export interface SaleDocuments {
  order: Order;
  payments: Payment[];
  movements: InventoryMovement[];
  events: OrderEvent[];
}

export interface BuildInput extends SaleToComplete {
  storeId: string;
  deviceId: string;
  orderNumber: string;
  now: string;
  newId: () => string;
}

const BRANDS = ['visa', 'mastercard', 'amex', 'discover', 'jcb', 'unionpay', 'debit'] as const;
type Brand = (typeof BRANDS)[number] | 'other';
const brandOf = (b: string): Brand => ((BRANDS as readonly string[]).includes(b) ? (b as Brand) : 'other');

export interface TenderContext {
  orderId: string;
  storeId: string;
  registerId: string | undefined;
  deviceId: string;
  shiftId: string | undefined;
  currency: Payment['currency'];
  staffId: string;
  now: string;
}

/** The payment document of one tender taken at a register (a sale, or a balance paid at pickup). */
export function paymentFromTender(t: SaleTender, c: TenderContext): Payment {
  return {
    id: t.id,
    orderId: c.orderId,
    storeId: c.storeId,
    ...(c.registerId ? { registerId: c.registerId } : {}),
    deviceId: c.deviceId,
    ...(c.shiftId ? { tillShiftId: c.shiftId } : {}),
    kind: 'sale',
    method: t.method,
    status: t.status,
    amount: t.amount,
    currency: c.currency,
    ...(t.card
      ? {
          card: {
            token: t.card.token,
            last4: t.card.last4,
            brand: brandOf(t.card.brand),
            entryMode: t.card.entryMode,
            ...(t.card.authCode ? { authCode: t.card.authCode.replace(/[^A-Za-z0-9]/g, '').slice(0, 12) } : {}),
          },
        }
      : {}),
    ...(t.giftCard ? { giftCard: t.giftCard } : {}),
    ...(t.cash ? { cash: t.cash } : {}),
    ...(t.storeCreditCustomerId ? { storeCreditCustomerId: t.storeCreditCustomerId } : {}),
    ...(t.offline ? { offline: t.offline } : {}),
    ...(t.gateway ? { gateway: t.gateway } : {}),
    createdBy: c.staffId,
    createdAt: t.at,
    updatedAt: c.now,
  };
}

function approvalRefFor(
  approvals: Map<string, { eventId: string; approval: SaleApproval }>,
  kind: SaleApproval['kind'],
  subject: string,
) {
  const found = approvals.get(`${kind}:${subject}`);
  return found
    ? { eventId: found.eventId, approvedBy: found.approval.approverId, action: APPROVAL_ACTION[kind] }
    : undefined;
}

function orderLine(
  line: SaleLine,
  priced: PricedLine,
  input: BuildInput,
  approvals: Map<string, { eventId: string; approval: SaleApproval }>,
  orderDiscountId: string | undefined,
): OrderLine {
  const discounts: OrderLine['discounts'] = [];
  if (priced.lineDiscount > 0 && line.discount) {
    const approval = approvalRefFor(approvals, 'line_discount', line.lineId);
    discounts.push({
      id: input.newId(),
      kind: line.discount.kind,
      amount: priced.lineDiscount,
      reason: line.discount.reason,
      ...(line.discount.kind === 'percent' ? { ratePpm: percentToPpm(line.discount.percent) } : {}),
      ...(approval ? { approval } : {}),
    });
  }
  if (priced.promotion && priced.promotion.amount > 0) {
    discounts.push({
      id: input.newId(),
      kind: 'promotion',
      amount: priced.promotion.amount,
      reason: priced.promotion.name,
    });
  }
  if (priced.orderDiscount > 0 && orderDiscountId) {
    // The line's share of the order-level discounts carries the order discount's id, so a return
    // and the receipt can tell it from the line's own discounts.
    const approval = approvalRefFor(approvals, 'order_discount', 'order');
    discounts.push({
      id: orderDiscountId,
      kind: input.cart.orderDiscount?.kind ?? 'amount',
      amount: priced.orderDiscount,
      reason: input.cart.orderDiscount?.reason ?? 'order discount',
      ...(approval ? { approval } : {}),
    });
  }
  const override =
    line.priceOverride !== undefined ? approvalRefFor(approvals, 'price_override', line.lineId) : undefined;
  return {
    id: line.lineId,
    productId: line.productId,
    sku: line.sku,
    name: line.name,
    ...(line.barcode ? { scannedCode: line.barcode } : {}),
    taxCategory: line.taxCategory,
    quantity: priced.quantity,
    ...(line.weightGrams !== undefined ? { weightGrams: line.weightGrams } : {}),
    unitPrice: priced.unitPrice,
    ...(line.priceOverride !== undefined
      ? {
          priceOverride: {
            originalUnitPrice: priced.listUnitPrice,
            reason: line.openPrice ? OPEN_PRICE_REASON : 'price override at the register',
            ...(override ? { approval: override } : {}),
          },
        }
      : {}),
    ...(line.note ? { note: line.note } : {}),
    discounts,
    taxes: priced.taxComponents.map((t) => ({
      jurisdiction: input.context.jurisdiction.code,
      name: t.name,
      ratePpm: percentToPpm(t.percent),
      taxableAmount: priced.discounted,
      amount: t.amount,
    })),
    fulfillment: 'carry_out',
  };
}

export function buildSaleDocuments(input: BuildInput): SaleDocuments {
  const { cart, totals, clerk, context, now, storeId, deviceId } = input;
  const currency = cart.currency;
  assertCurrency(currency);
  const orderId = cart.saleId;
  const actor = { kind: 'staff' as const, staffId: clerk.staffId, deviceId };
  const approvals = new Map<string, { eventId: string; approval: SaleApproval }>();
  const events: OrderEvent[] = cart.approvals.map((approval) => {
    const eventId = input.newId();
    approvals.set(`${approval.kind}:${approval.subject}`, { eventId, approval });
    return {
      id: eventId,
      orderId,
      storeId,
      actor,
      createdAt: approval.at,
      updatedAt: now,
      type: 'approval',
      payload: {
        action: APPROVAL_ACTION[approval.kind],
        approvedBy: approval.approverId,
        requestedBy: clerk.staffId,
        reason: approval.detail.slice(0, 200),
      },
    };
  });
  const pricedByKey = new Map(totals.lines.map((l) => [l.key, l]));
  const orderDiscountIds = totals.orderDiscounts.map(() => input.newId());
  const manualIndex = totals.orderDiscounts.findIndex((d) => d.source === 'manual');
  const shareId = orderDiscountIds[manualIndex >= 0 ? manualIndex : 0];
  const lines = cart.lines.map((line) => orderLine(line, pricedByKey.get(line.lineId)!, input, approvals, shareId));
  const order: Order = {
    id: orderId,
    orderNumber: input.orderNumber,
    channel: 'pos',
    status: 'completed',
    storeId,
    ...(context.registerId ? { registerId: context.registerId } : {}),
    ...(cart.customer ? { customerId: cart.customer.id } : {}),
    currency,
    priceBookId: context.priceBookId,
    taxJurisdiction: context.jurisdiction.code,
    taxMode: context.jurisdiction.mode,
    taxRounding: context.jurisdiction.rounding,
    taxExempt: false,
    lines,
    orderDiscounts: totals.orderDiscounts.map((d, i) => ({
      id: orderDiscountIds[i]!,
      kind: d.source === 'promotion' ? 'promotion' : (cart.orderDiscount?.kind ?? 'amount'),
      amount: d.amount,
      reason: d.name,
    })),
    totals: {
      subtotal: totals.subtotal.amount,
      discountTotal: totals.discountTotal.amount,
      taxTotal: totals.taxTotal.amount,
      total: totals.grandTotal.amount,
    },
    fulfillment: { method: 'carry_out' },
    ...(input.shiftId ? { tillShiftId: input.shiftId } : {}),
    createdBy: clerk.staffId,
    createdAt: cart.startedAt,
    completedAt: now,
    updatedAt: now,
  };
  const payments: Payment[] = input.tenders.map((t) =>
    paymentFromTender(t, {
      orderId,
      storeId,
      registerId: context.registerId,
      deviceId,
      shiftId: input.shiftId,
      currency,
      staffId: clerk.staffId,
      now,
    }),
  );
  // Open-price items hold no stock: selling one moves none.
  const movements: InventoryMovement[] = lines
    .filter((l) => !isOpenPriceLine(l))
    .map((l) => ({
      // Derived from the line id, so re-running a half-finished completion writes the same ids.
      id: l.id,
      storeId,
      sku: l.sku,
      type: 'sale',
      quantity: -l.quantity,
      referenceType: 'order',
      referenceId: orderId,
      deviceId,
      staffId: clerk.staffId,
      createdAt: now,
      updatedAt: now,
    }));
  return { order, payments, movements, events };
}
