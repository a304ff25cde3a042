// Human order numbers unique without coordination: store code + register code + that register's
// own sequence, e.g. S012-R03-000123-K. Two registers can never collide because their codes
// differ, so no network is needed. The last character is a Luhn mod 36 check character that
// catches every single mistyped character and most swapped neighbours when a clerk keys it in.
// Only capitals, digits and '-' are used, so it prints as Code 128 (set B) on the receipt.
import { DomainError } from '../errors';
import { IdError } from './errors';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const CODE = /^[A-Z0-9]{1,10}$/;
const ORDER_NUMBER = /^([A-Z0-9]{1,10})-([A-Z0-9]{1,10})-(\d{6,10})-([0-9A-Z])$/;
const MAX_ORDER_SEQUENCE = 9_999_999_999;

export interface OrderNumberParts {
  storeCode: string;
  registerCode: string;
  sequence: number;
}

function checkCharacter(payload: string): string {
  const n = ALPHABET.length;
  let factor = 2;
  let sum = 0;
  for (let i = payload.length - 1; i >= 0; i -= 1) {
    const code = ALPHABET.indexOf(payload.charAt(i));
    let addend = factor * code;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / n) + (addend % n);
    sum += addend;
  }
  return ALPHABET.charAt((n - (sum % n)) % n);
}

function payloadOf(parts: OrderNumberParts): string {
  return `${parts.storeCode}${parts.registerCode}${String(parts.sequence).padStart(6, '0')}`;
}

export function formatOrderNumber(parts: OrderNumberParts): string {
  const { storeCode, registerCode, sequence } = parts;
  if (!CODE.test(storeCode) || !CODE.test(registerCode)) {
    throw new DomainError(
      IdError.INVALID_ORDER_NUMBER,
      `Store and register codes must be 1–10 capital letters or digits (got "${storeCode}", "${registerCode}"). Fix the register's configuration.`,
    );
  }
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new DomainError(
      IdError.INVALID_ORDER_NUMBER,
      `An order sequence must be a whole number from 1 (got ${String(sequence)}).`,
    );
  }
  if (sequence > MAX_ORDER_SEQUENCE) {
    throw new DomainError(
      IdError.SEQUENCE_EXHAUSTED,
      'This register has used every order number; give it a new register code.',
    );
  }
  const seq = String(sequence).padStart(6, '0');
  return `${storeCode}-${registerCode}-${seq}-${checkCharacter(payloadOf(parts))}`;
}

/** Reads a typed or scanned order number; case and surrounding spaces are forgiven. */
export function parseOrderNumber(text: string): OrderNumberParts {
  const normalized = text.trim().toUpperCase();
  const match = ORDER_NUMBER.exec(normalized);
  if (!match) {
    throw new DomainError(
      IdError.INVALID_ORDER_NUMBER,
      `"${text.slice(0, 40)}" is not an order number. It looks like S012-R03-000123-K: check the receipt.`,
    );
  }
  const [, storeCode = '', registerCode = '', seq = '', check = ''] = match;
  const parts = { storeCode, registerCode, sequence: Number(seq) };
  if (seq.length > 6 && seq.startsWith('0')) {
    throw new DomainError(
      IdError.INVALID_ORDER_NUMBER,
      `"${normalized}" has extra leading zeros; order numbers pad the sequence to six digits only.`,
    );
  }
  if (checkCharacter(payloadOf(parts)) !== check) {
    throw new DomainError(
      IdError.ORDER_NUMBER_CHECK_FAILED,
      `The order number ${normalized} has a typo (its check character does not match). Scan the receipt or re-type it.`,
    );
  }
  return parts;
}

export function isValidOrderNumber(text: string): boolean {
  try {
    parseOrderNumber(text);
    return true;
  } catch {
    return false;
  }
}

/** Code 128 set B covers printable ASCII; order numbers must stay inside it to print as a barcode. */
export function isCode128Printable(text: string): boolean {
  return text.length > 0 && [...text].every((c) => c.charCodeAt(0) >= 32 && c.charCodeAt(0) <= 126);
}
