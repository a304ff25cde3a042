// The return receipt as a shared/receipt document (so it prints as HTML and as ESC/POS like a sale
// receipt): what came back, negative amounts, how each part was refunded, and the policy.
import type { ReceiptDocument } from '../../../shared/receipt/receipt-document';
import type { Order, Return } from '../../../shared/schemas';
import type { CompletedReturn } from './returns-port';

export interface ReturnReceiptInput {
  ret: Pick<
    Return,
    'id' | 'returnNumber' | 'currency' | 'lines' | 'refundSubtotal' | 'refundTax' | 'refundTotal' | 'taxMode'
  >;
  /** The original sale; absent on a return without a receipt. */
  order: Order | undefined;
  /** Names of the products returned without a receipt, by SKU. */
  names?: Readonly<Record<string, string>>;
  completed: CompletedReturn;
  store: { name: string; addressLines: string[] };
  printedAt: string;
  cashierName?: string;
  policyText: string;
}

const LABEL: Record<string, string> = {
  cash: 'Cash refund',
  card: 'Card refund',
  store_credit: 'Store credit',
  gift_card: 'Gift card refund',
};

export function returnReceipt(input: ReturnReceiptInput): ReceiptDocument {
  const { ret, order } = input;
  return {
    store: { name: input.store.name, addressLines: input.store.addressLines },
    // The slip carries the return's own number; the barcode names the original sale (scanning it
    // at the desk reopens that sale) and the banner says this slip is a return.
    orderNumber: ret.returnNumber ?? order?.orderNumber ?? 'NO RECEIPT',
    ...(ret.returnNumber ? { numberLabel: 'Return' } : {}),
    ...(ret.returnNumber && order ? { footerLines: [`Original sale ${order.orderNumber}`] } : {}),
    copyLabel: order ? 'RETURN' : 'RETURN WITHOUT RECEIPT',
    printedAt: input.printedAt,
    ...(input.cashierName ? { cashierName: input.cashierName } : {}),
    currency: input.ret.currency,
    lines: ret.lines.map((l) => {
      const original = order?.lines.find((o) => o.id === l.originalLineId);
      return {
        description: `RETURN ${original?.name ?? input.names?.[l.sku] ?? l.sku} (${l.reason.replace(/_/g, ' ')})`,
        quantity: -l.quantity,
        unitPrice: Math.round(l.refundAmount / l.quantity),
        lineTotal: -l.refundAmount,
        isReturn: true,
      };
    }),
    discounts: [],
    subtotal: -ret.refundSubtotal,
    taxes: [...new Map(ret.lines.flatMap((l) => l.taxes).map((t) => [t.name, t])).values()].map((t) => ({
      label: t.name,
      rateText: `${t.ratePpm / 10_000}%`,
      taxable: -ret.lines
        .flatMap((l) => l.taxes)
        .filter((x) => x.name === t.name)
        .reduce((s, x) => s + x.taxableAmount, 0),
      amount: -ret.lines
        .flatMap((l) => l.taxes)
        .filter((x) => x.name === t.name)
        .reduce((s, x) => s + x.amount, 0),
    })),
    taxInclusive: ret.taxMode === 'inclusive',
    total: -ret.refundTotal,
    tenders: input.completed.refunds.map((r) => ({
      label: LABEL[r.method] ?? r.method,
      amount: -r.amount,
      ...(r.last4 ? { detail: `**** ${r.last4}${r.queued ? ' (sent when online)' : ''}` } : {}),
    })),
    changeDue: 0,
    barcodeValue: order?.orderNumber ?? ret.returnNumber ?? input.ret.id.replace(/-/g, '').toUpperCase(),
    returnPolicy: input.policyText,
    trainingMode: false,
  };
}

export interface ExchangeReceiptInput extends ReturnReceiptInput {
  order: Order;
  /** Cash the customer handed over for the difference, and the change given. */
  cash: { tendered: number; change: number } | undefined;
}

/**
 * An exchange slip: the returned lines (negative) and the new items on one receipt, the total is
 * the difference, and the barcode is the new order's number, so the new items can be returned
 * later by scanning it.
 */
export function exchangeReceipt(input: ExchangeReceiptInput): ReceiptDocument {
  const base = returnReceipt(input);
  const exchange = input.completed.exchange;
  if (!exchange) return base;
  const newOrder = exchange.order;
  const newLines = newOrder.lines.map((l) => {
    const net = l.unitPrice * l.quantity - l.discounts.reduce((s, d) => s + d.amount, 0);
    return { description: l.name, quantity: l.quantity, unitPrice: l.unitPrice, lineTotal: net };
  });
  const newTotal = newOrder.totals?.total ?? 0;
  const { settlement } = exchange;
  const taxes = new Map(base.taxes.map((t) => [t.label, { ...t }]));
  for (const t of newOrder.lines.flatMap((l) => l.taxes)) {
    const entry = taxes.get(t.name) ?? { label: t.name, rateText: `${t.ratePpm / 10_000}%`, taxable: 0, amount: 0 };
    taxes.set(t.name, { ...entry, taxable: entry.taxable + t.taxableAmount, amount: entry.amount + t.amount });
  }
  return {
    ...base,
    copyLabel: 'EXCHANGE',
    footerLines: [...(base.footerLines ?? []), `New order ${exchange.orderNumber}`],
    lines: [...base.lines, ...newLines],
    subtotal: base.subtotal + (newOrder.totals?.subtotal ?? 0) - (newOrder.totals?.discountTotal ?? 0),
    taxes: [...taxes.values()],
    total: newTotal - input.ret.refundTotal,
    tenders:
      settlement.direction === 'customer-pays'
        ? [{ label: 'Cash', amount: input.cash?.tendered ?? settlement.amount }]
        : base.tenders,
    changeDue: settlement.direction === 'customer-pays' ? (input.cash?.change ?? 0) : 0,
    barcodeValue: exchange.orderNumber,
  };
}
