// The receipt of a stored sale, as shared/receipt's ReceiptDocument: the same document feeds
// the on-screen/HTML receipt and the ESC/POS byte stream, so both always agree.
import type { ReceiptDocument, ReceiptTax, ReceiptTender } from '../../../shared/receipt/receipt-document';
import type { Order, Payment } from '../../../shared/schemas';
import type { SaleContext } from '../model/sale-context';
import { money, ppmToPercentString, priceForWeight } from '../../../shared/money';
import { registerLabel } from '../../../shared/receipt/register-label';

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

export function buildReceipt(
  order: Order,
  payments: readonly Payment[],
  context: SaleContext,
  options: { cashierName?: string; training?: boolean; copyLabel?: string; locale?: string } = {},
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
    printedAt: new Date(order.completedAt ?? order.createdAt).toLocaleString(options.locale ?? 'en-US'),
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
