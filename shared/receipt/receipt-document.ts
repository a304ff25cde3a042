// The printable receipt, independent of how it is printed: the register builds it from an order,
// renders HTML from it for driver printers and encodes it to ESC/POS bytes for thermal printers.
// Amounts are integer minor units of `currency`; texts are already in the store's language.

export interface ReceiptStore {
  name: string;
  addressLines: readonly string[];
  phone?: string;
  /** VAT number / tax registration, printed when the jurisdiction requires it. */
  taxId?: string;
}

export interface ReceiptLine {
  description: string;
  quantity: number;
  /** Weighed items print their weight instead of "qty x price". */
  weightGrams?: number;
  unitPrice: number;
  lineTotal: number;
  /** E.g. "Promo 10% off" printed under the line, with the amount taken off (positive number). */
  discount?: { description: string; amount: number };
  /** The clerk's note on the line ("Gift wrap"), printed under it. */
  note?: string;
  /** A return line (negative quantity and total) on an exchange receipt. */
  isReturn?: boolean;
}

export interface ReceiptDiscount {
  description: string;
  /** Positive amount taken off the order. */
  amount: number;
}

export interface ReceiptTax {
  label: string;
  /** Printed as given, e.g. "20%". */
  rateText: string;
  taxable: number;
  amount: number;
}

export interface ReceiptTender {
  label: string;
  amount: number;
  /** E.g. "VISA **** 4242 AUTH 123456": never a full card number. */
  detail?: string;
}

export interface ReceiptDocument {
  store: ReceiptStore;
  orderNumber: string;
  /** The word printed before the number: "Order" unless given (a return slip says "Return"). */
  numberLabel?: string;
  /** Already formatted for the store's locale. */
  printedAt: string;
  /** HQ's register name (shared/receipt/register-label.ts), printed in the header; absent on documents that are not a register's sale. */
  registerName?: string;
  cashierName?: string;
  currency: string;
  lines: readonly ReceiptLine[];
  discounts: readonly ReceiptDiscount[];
  subtotal: number;
  taxes: readonly ReceiptTax[];
  /** True where prices include tax (VAT): the tax block then reads "included". */
  taxInclusive: boolean;
  total: number;
  tenders: readonly ReceiptTender[];
  changeDue: number;
  /** Printed as a Code 128 barcode so a return can scan the receipt. */
  barcodeValue: string;
  returnPolicy?: string;
  footerLines?: readonly string[];
  /** Training sales are not real: the receipt says so at the top and the bottom. */
  trainingMode: boolean;
  /** "DUPLICATE" / "REPRINT" banner for copies. */
  copyLabel?: string;
}

export const ReceiptError = {
  INVALID_DOCUMENT: 'RECEIPT_INVALID_DOCUMENT',
  INVALID_BARCODE: 'RECEIPT_INVALID_BARCODE',
} as const;

export const TRAINING_BANNER = 'TRAINING - NOT A VALID RECEIPT';
