// A receipt's barcode scanned (or typed) where products are scanned: its value is an order number
// (S001-R01-000042-7) or a return slip's number (RT-…), letters and dashes that no product barcode
// has. The sell screen opens the sale instead of saying "unknown code".
import { isDomainError } from '../../../../shared/errors';
import { parseOrderNumber } from '../../../../shared/ids/order-number';
import { RETURN_NUMBER_PREFIX, parseReturnNumber } from '../../../../shared/returns/return-number';

export type ReceiptCode =
  { kind: 'order'; number: string } | { kind: 'return'; number: string } | { kind: 'invalid'; message: string };

/** Shaped like an order number (a return slip's with its prefix): store-register-sequence-check. */
const RECEIPT_SHAPE = /^(RT-)?[A-Z0-9]{1,10}-[A-Z0-9]{1,10}-\d{6,10}-[0-9A-Z]$/;

/** What a scanned text is if it is a receipt's number; undefined for anything else. */
export function receiptCodeOf(text: string): ReceiptCode | undefined {
  const number = text.trim().toUpperCase();
  if (!RECEIPT_SHAPE.test(number)) return undefined;
  try {
    if (number.startsWith(RETURN_NUMBER_PREFIX)) {
      parseReturnNumber(number);
      return { kind: 'return', number };
    }
    parseOrderNumber(number);
    return { kind: 'order', number };
  } catch (error) {
    // Shaped like a receipt but its check character is wrong: a misread label or a typo.
    if (isDomainError(error)) return { kind: 'invalid', message: error.message };
    throw error;
  }
}
