// Encodes a ReceiptDocument as ESC/POS bytes for a 42- or 48-column thermal printer, plus the
// small jobs settings needs (test page, cash-drawer kick). Pure: same document, same bytes.
import { DomainError } from '../errors';
import { toDecimalString } from '../money/format';
import { type Align, EscPos, encodeText } from './escpos-commands';
import { type ReceiptDocument, ReceiptError, TRAINING_BANNER } from './receipt-document';
import { registerHeading } from './register-label';
import { columns, rule, wrap } from './text-layout';

export type PaperColumns = 42 | 48;

class EscPosBuilder {
  private readonly bytes: number[] = [];
  constructor(readonly width: PaperColumns) {}

  raw(command: number[]): this {
    this.bytes.push(...command);
    return this;
  }
  text(line: string): this {
    return this.raw(encodeText(line)).raw(EscPos.lineFeed());
  }
  lines(lines: readonly string[]): this {
    for (const line of lines) this.text(line);
    return this;
  }
  align(align: Align): this {
    return this.raw(EscPos.align(align));
  }
  build(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

function assertValid(doc: ReceiptDocument, width: number): void {
  const problems: string[] = [];
  if (width !== 42 && width !== 48) problems.push('paper width must be 42 or 48 characters');
  if (!/^[A-Z]{3}$/.test(doc.currency)) problems.push(`currency "${doc.currency}" is not an ISO code`);
  const amounts = [
    doc.subtotal,
    doc.total,
    doc.changeDue,
    ...doc.lines.flatMap((l) => [l.unitPrice, l.lineTotal, l.quantity, l.discount?.amount ?? 0, l.weightGrams ?? 0]),
    ...doc.discounts.map((d) => d.amount),
    ...doc.taxes.flatMap((t) => [t.amount, t.taxable]),
    ...doc.tenders.map((t) => t.amount),
  ];
  if (amounts.some((a) => !Number.isSafeInteger(a)))
    problems.push('every amount must be a whole number of minor units');
  if (!doc.orderNumber) problems.push('the order number is missing');
  if (problems.length > 0) {
    throw new DomainError(
      ReceiptError.INVALID_DOCUMENT,
      `This receipt cannot be printed (${problems.join('; ')}). The sale is saved; reprint it from the order after the register is updated.`,
      { problems },
    );
  }
}

/** The receipt as ESC/POS bytes, ending with a cut. */
export function encodeReceipt(doc: ReceiptDocument, width: PaperColumns): Uint8Array {
  assertValid(doc, width);
  const money = (amount: number): string => toDecimalString({ amount, currency: doc.currency });
  const b = new EscPosBuilder(width);
  b.raw(EscPos.init()).raw(EscPos.codePagePc858());

  const banner = (): void => {
    b.align('center')
      .raw(EscPos.bold(true))
      .lines(wrap(`*** ${TRAINING_BANNER} ***`, width))
      .raw(EscPos.bold(false));
  };
  if (doc.trainingMode) banner();

  // Double-size characters are twice as wide, so the header wraps at half the columns.
  b.align('center')
    .raw(EscPos.bold(true))
    .raw(EscPos.size(true))
    .lines(wrap(doc.store.name, width / 2));
  b.raw(EscPos.size(false)).raw(EscPos.bold(false));
  for (const line of doc.store.addressLines) b.lines(wrap(line, width));
  if (doc.store.phone) b.text(doc.store.phone);
  if (doc.store.taxId) b.lines(wrap(`Tax ID ${doc.store.taxId}`, width));
  if (doc.copyLabel) b.raw(EscPos.bold(true)).text(doc.copyLabel).raw(EscPos.bold(false));

  b.align('left').raw(EscPos.lineFeed());
  b.lines(columns(`${doc.numberLabel ?? 'Order'} ${doc.orderNumber}`, doc.printedAt, width));
  const who = [
    doc.registerName ? registerHeading(doc.registerName) : '',
    doc.cashierName ? `Cashier ${doc.cashierName}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  if (who) b.lines(wrap(who, width));
  b.text(rule(width));

  for (const line of doc.lines) {
    b.lines(columns(line.isReturn ? `RETURN ${line.description}` : line.description, money(line.lineTotal), width));
    if (line.weightGrams !== undefined)
      b.text(`  ${(line.weightGrams / 1000).toFixed(3)} kg x ${money(line.unitPrice)}/kg`);
    else if (line.quantity !== 1) b.text(`  ${line.quantity} x ${money(line.unitPrice)}`);
    if (line.note) b.lines(wrap(`  Note: ${line.note}`, width));
    if (line.discount) b.lines(columns(`  ${line.discount.description}`, money(-line.discount.amount), width));
  }
  b.text(rule(width));

  b.lines(columns('Subtotal', money(doc.subtotal), width));
  for (const discount of doc.discounts) b.lines(columns(discount.description, money(-discount.amount), width));
  for (const tax of doc.taxes) {
    const label = doc.taxInclusive
      ? `${tax.label} ${tax.rateText} incl. on ${money(tax.taxable)}`
      : `${tax.label} ${tax.rateText}`;
    b.lines(columns(label, money(tax.amount), width));
  }
  b.raw(EscPos.bold(true))
    .raw(EscPos.size(true))
    .lines(columns(`TOTAL ${doc.currency}`, money(doc.total), width / 2));
  b.raw(EscPos.size(false)).raw(EscPos.bold(false));

  for (const tender of doc.tenders) {
    b.lines(columns(tender.label, money(tender.amount), width));
    if (tender.detail) b.lines(wrap(`  ${tender.detail}`, width));
  }
  if (doc.changeDue !== 0)
    b.raw(EscPos.bold(true))
      .lines(columns('Change', money(doc.changeDue), width))
      .raw(EscPos.bold(false));

  b.raw(EscPos.lineFeed()).align('center').raw(EscPos.code128(doc.barcodeValue)).raw(EscPos.lineFeed());
  if (doc.returnPolicy) b.lines(wrap(doc.returnPolicy, width));
  for (const line of doc.footerLines ?? []) b.lines(wrap(line, width));
  if (doc.trainingMode) banner();
  b.align('left').raw(EscPos.feed(3)).raw(EscPos.cut());
  return b.build();
}

/** A short page that proves the printer, the paper width and the code page work. */
export function encodeTestPage(width: PaperColumns, printerLabel: string): Uint8Array {
  const b = new EscPosBuilder(width);
  b.raw(EscPos.init())
    .raw(EscPos.codePagePc858())
    .align('center')
    .raw(EscPos.bold(true))
    .text('PRINTER TEST')
    .raw(EscPos.bold(false));
  b.lines(wrap(printerLabel, width)).align('left').text(rule(width));
  b.text('0123456789'.repeat(Math.ceil(width / 10)).slice(0, width));
  b.lines(columns('Left', 'Right', width)).text('Euro € Pound £ Umlaut äöü');
  b.align('center')
    .raw(EscPos.code128('TEST-123'))
    .raw(EscPos.lineFeed())
    .align('left')
    .raw(EscPos.feed(3))
    .raw(EscPos.cut());
  return b.build();
}

/** Just the drawer pulse, preceded by init so a half-received earlier job cannot swallow it. */
export function encodeDrawerKick(pin: 2 | 5): Uint8Array {
  return Uint8Array.from([...EscPos.init(), ...EscPos.drawerKick(pin)]);
}
