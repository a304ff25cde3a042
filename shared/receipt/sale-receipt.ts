// The receipt of a stored sale as a ReceiptDocument, from the order, its payments and the store's
// receipt texts. Pure, so the register (printed and on-screen receipt) and the sync server (the
// e-mailed receipt) build the same document from the same documents.
import type { ReceiptDocument, ReceiptTax, ReceiptTender } from './receipt-document';
import type { Order, Payment } from '../schemas';
import { money, ppmToPercentString, priceForWeight } from '../money';
import { registerLabel } from './register-label';

/** What a receipt needs besides the order and its payments. */
export interface SaleReceiptContext {
  store: { name: string; addressLines: readonly string[]; phone?: string | undefined };
  /** HQ's register name (S001-R01); absent prints "Register (not yet named)". */
  registerName?: string | undefined;
  returnPolicy: string;
  receiptFooter: string;
}

export interface SaleReceiptOptions {
  cashierName?: string;
  training?: boolean;
  copyLabel?: string;
  locale?: string;
  /** IANA zone for the printed time (the server has no store-local clock); the runtime's own when absent. */
  timeZone?: string;
}

const METHOD: Record<Payment['method'], string> = {
  cash: 'Cash',
  card: 'Card',
  store_credit: 'Store credit',
  gift_card: 'Gift card',
};

function tenderLine(p: Payment): ReceiptTender {
  if (p.method === 'card' && p.card) {
    const detail = `${p.card.brand.toUpperCase()} **** ${p.card.last4}${p.card.authCode ? ` AUTH ${p.card.authCode}` : ''}${p.status === 'pending_offline' ? ' (OFFLINE - to be sent)' : ''}`;
    return { label: METHOD.card, amount: p.amount, detail };
  }
  if (p.method === 'gift_card' && p.giftCard)
    return { label: METHOD.gift_card, amount: p.amount, detail: `**** ${p.giftCard.last4}` };
  if (p.method === 'cash' && p.cash) return { label: 'Cash', amount: p.cash.tendered };
  return { label: METHOD[p.method], amount: p.amount };
}

/** Split cash (10.00 then 5.00) prints as one "Cash" line with what was handed over in total. */
export function mergeCash<T extends { label: string; amount: number; detail?: string }>(lines: T[]): T[] {
  const cash = lines.filter((l) => l.label === 'Cash' && l.detail === undefined);
  if (cash.length < 2) return lines;
  const merged = { ...cash[0]!, amount: cash.reduce((n, l) => n + l.amount, 0) };
  return lines.flatMap((l) => (l === cash[0] ? [merged] : cash.includes(l) ? [] : [l]));
}

/** A store's postal address as receipt header lines ("City Region Postcode" on one line). */
export function receiptAddressLines(address: {
  line1: string;
  line2?: string | undefined;
  city: string;
  region?: string | undefined;
  postalCode?: string | undefined;
}): string[] {
  return [
    address.line1,
    address.line2,
    [address.city, address.region, address.postalCode].filter(Boolean).join(' '),
  ].filter((l): l is string => Boolean(l));
}

/** The return policy line a receipt prints for a policy's return window (none: a generic line). */
export function returnPolicyLine(windowDays: number | undefined): string {
  return windowDays === undefined
    ? 'Keep this receipt for returns.'
    : `Returns within ${windowDays} days with this receipt.`;
}

export function buildSaleReceipt(
  order: Order,
  payments: readonly Payment[],
  context: SaleReceiptContext,
  options: SaleReceiptOptions = {},
): ReceiptDocument {
  const taxes = new Map<string, ReceiptTax>();
  for (const line of order.lines) {
    for (const t of line.taxes) {
      const key = `${t.name}:${t.ratePpm}`;
      const entry = taxes.get(key) ?? {
        label: t.name,
        rateText: `${ppmToPercentString(t.ratePpm)}%`,
        taxable: 0,
        amount: 0,
      };
      entry.taxable += t.taxableAmount;
      entry.amount += t.amount;
      taxes.set(key, entry);
    }
  }
  const orderDiscountIds = new Set(order.orderDiscounts.map((d) => d.id));
  const sorted = [...payments].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return {
    store: {
      name: context.store.name,
      addressLines: context.store.addressLines,
      ...(context.store.phone ? { phone: context.store.phone } : {}),
    },
    orderNumber: order.orderNumber,
    printedAt: new Date(order.completedAt ?? order.createdAt).toLocaleString(
      options.locale ?? 'en-US',
      options.timeZone ? { timeZone: options.timeZone } : undefined,
    ),
    registerName: registerLabel(context.registerName),
    ...(options.cashierName ? { cashierName: options.cashierName } : {}),
    currency: order.currency,
    lines: order.lines.map((l) => {
      // A line's own discounts and promotions print under it; its share of an order discount
      // (same id as the order-level entry) prints once, in the order discounts.
      const own = l.discounts.filter((d) => !orderDiscountIds.has(d.id));
      const ownAmount = own.reduce((n, d) => n + d.amount, 0);
      return {
        description: l.name,
        quantity: l.quantity,
        ...(l.weightGrams !== undefined ? { weightGrams: l.weightGrams } : {}),
        unitPrice: l.unitPrice,
        lineTotal:
          l.weightGrams !== undefined
            ? priceForWeight(money(l.unitPrice, order.currency), l.weightGrams).amount
            : l.unitPrice * l.quantity,
        ...(l.note ? { note: l.note } : {}),
        ...(ownAmount > 0
          ? { discount: { description: own.map((d) => d.reason ?? 'Discount').join(', '), amount: ownAmount } }
          : {}),
      };
    }),
    discounts: order.orderDiscounts.map((d) => ({ description: d.reason ?? 'Discount', amount: d.amount })),
    subtotal: order.totals?.subtotal ?? 0,
    taxes: [...taxes.values()],
    taxInclusive: order.taxMode === 'inclusive',
    total: order.totals?.total ?? 0,
    tenders: mergeCash(sorted.map(tenderLine)),
    changeDue: sorted.reduce((n, p) => n + (p.cash?.change ?? 0), 0),
    barcodeValue: order.orderNumber,
    returnPolicy: context.returnPolicy,
    footerLines: [context.receiptFooter],
    trainingMode: options.training ?? false,
    ...(options.copyLabel ? { copyLabel: options.copyLabel } : {}),
  };
}
