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
