// The e-mailed receipt: the same ReceiptDocument the register prints, as a plain-text body (the
// printed layout at 48 columns) and a simple HTML body (one table, inline styles, because mail
// clients drop style sheets). Only what the paper receipt carries: tenders are already masked
// (shared/receipt/sale-receipt.ts prints a card's last four only).
import { toDecimalString } from '../money';
import type { ReceiptDocument } from './receipt-document';
import { TRAINING_BANNER } from './receipt-document';
import { registerHeading } from './register-label';
import { columns, rule, wrap } from './text-layout';

export interface ReceiptEmail {
  subject: string;
  text: string;
  html: string;
}

const WIDTH = 48;

interface Row {
  label: string;
  amount?: string;
  /** Indented detail under a line (quantity, note, discount, card). */
  sub?: boolean;
  strong?: boolean;
}

/** The receipt's body as rows, shared by both renderings so text and HTML cannot disagree. */
function rowsOf(doc: ReceiptDocument): { head: string[]; body: Row[][]; tail: string[] } {
  const money = (amount: number): string => toDecimalString({ amount, currency: doc.currency });
  const head = [
    ...(doc.trainingMode ? [`*** ${TRAINING_BANNER} ***`] : []),
    doc.store.name,
    ...doc.store.addressLines,
    ...(doc.store.phone ? [doc.store.phone] : []),
    ...(doc.store.taxId ? [`Tax ID ${doc.store.taxId}`] : []),
    ...(doc.copyLabel ? [doc.copyLabel] : []),
    `${doc.numberLabel ?? 'Order'} ${doc.orderNumber}  ${doc.printedAt}`,
    [doc.registerName ? registerHeading(doc.registerName) : '', doc.cashierName ? `Cashier ${doc.cashierName}` : '']
      .filter(Boolean)
      .join(', '),
  ].filter((l) => l !== '');
  const lines: Row[] = [];
  for (const line of doc.lines) {
    lines.push({
      label: line.isReturn ? `RETURN ${line.description}` : line.description,
      amount: money(line.lineTotal),
    });
    if (line.weightGrams !== undefined)
      lines.push({ label: `${(line.weightGrams / 1000).toFixed(3)} kg x ${money(line.unitPrice)}/kg`, sub: true });
    else if (line.quantity !== 1) lines.push({ label: `${line.quantity} x ${money(line.unitPrice)}`, sub: true });
    if (line.note) lines.push({ label: `Note: ${line.note}`, sub: true });
    if (line.discount)
      lines.push({ label: line.discount.description, amount: money(-line.discount.amount), sub: true });
  }
  const sums: Row[] = [{ label: 'Subtotal', amount: money(doc.subtotal) }];
  for (const d of doc.discounts) sums.push({ label: d.description, amount: money(-d.amount) });
  for (const tax of doc.taxes)
    sums.push({
      label: doc.taxInclusive
        ? `${tax.label} ${tax.rateText} incl. on ${money(tax.taxable)}`
        : `${tax.label} ${tax.rateText}`,
      amount: money(tax.amount),
    });
  sums.push({ label: `TOTAL ${doc.currency}`, amount: money(doc.total), strong: true });
  const paid: Row[] = [];
  for (const t of doc.tenders) {
    paid.push({ label: t.label, amount: money(t.amount) });
    if (t.detail) paid.push({ label: t.detail, sub: true });
  }
  if (doc.changeDue !== 0) paid.push({ label: 'Change', amount: money(doc.changeDue), strong: true });
  const tail = [
    ...(doc.returnPolicy ? [doc.returnPolicy] : []),
    ...(doc.footerLines ?? []),
    ...(doc.trainingMode ? [`*** ${TRAINING_BANNER} ***`] : []),
  ];
  return { head, body: [lines, sums, paid].filter((b) => b.length > 0), tail };
}

function textOf(doc: ReceiptDocument): string {
  const { head, body, tail } = rowsOf(doc);
  const out: string[] = head.flatMap((l) => wrap(l, WIDTH));
  for (const block of body) {
    out.push(rule(WIDTH));
    for (const row of block) {
      const label = row.sub ? `  ${row.label}` : row.label;
      out.push(...(row.amount === undefined ? wrap(label, WIDTH) : columns(label, row.amount, WIDTH)));
    }
  }
  out.push(rule(WIDTH), ...tail.flatMap((l) => wrap(l, WIDTH)));
  return `${out.join('\n')}\n`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every text in the mail comes from documents (a line note is typed by a clerk): escape it all. */
/** The shape an address must have before a receipt is e-mailed to it (register form and data layer). */
export function looksLikeEmail(text: string): boolean {
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function htmlOf(doc: ReceiptDocument): string {
  const { head, body, tail } = rowsOf(doc);
  const cell = 'padding:2px 0;';
  const rows = body
    .map((block) =>
      block
        .map((row) => {
          const style = `${cell}${row.sub ? 'padding-left:16px;color:#555;' : ''}${row.strong ? 'font-weight:bold;' : ''}`;
          return `<tr><td style="${style}">${escapeHtml(row.label)}</td><td style="${cell}text-align:right;${row.strong ? 'font-weight:bold;' : ''}">${escapeHtml(row.amount ?? '')}</td></tr>`;
        })
        .join(''),
    )
    .join('<tr><td colspan="2"><hr style="border:0;border-top:1px dashed #999;"></td></tr>');
  const [first, ...rest] = head;
  return [
    '<!doctype html><html><body style="font-family:Arial,sans-serif;color:#111;">',
    '<div style="max-width:420px;margin:0 auto;">',
    `<h1 style="font-size:20px;text-align:center;margin:0 0 4px;">${escapeHtml(first ?? '')}</h1>`,
    ...rest.map((l) => `<p style="text-align:center;margin:0;">${escapeHtml(l)}</p>`),
    `<table style="width:100%;border-collapse:collapse;margin-top:12px;">${rows}</table>`,
    ...tail.map((l) => `<p style="text-align:center;margin:8px 0 0;">${escapeHtml(l)}</p>`),
    '</div></body></html>',
  ].join('\n');
}

/** The mail for a receipt: subject names the store and the order number. */
export function buildReceiptEmail(doc: ReceiptDocument): ReceiptEmail {
  const label = doc.numberLabel ?? 'Order';
  return {
    subject: `${doc.trainingMode ? '[TRAINING] ' : ''}Your receipt from ${doc.store.name} - ${label} ${doc.orderNumber}`,
    text: textOf(doc),
    html: htmlOf(doc),
  };
}
