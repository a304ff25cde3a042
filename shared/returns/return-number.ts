// Return numbers unique without coordination, like order numbers: "RT-" + store code + register
// code + that register's own return sequence + the Luhn mod 36 check character of shared/ids, e.g.
// RT-S001-R01-000012-K. The prefix keeps a return number from ever being read as an order number
// (the desk's lookup field takes both); it stays Code 128 printable for the return receipt.
import { DomainError } from '../errors';
import { formatOrderNumber, parseOrderNumber, type OrderNumberParts } from '../ids/order-number';
import { ReturnError } from './errors';

export const RETURN_NUMBER_PREFIX = 'RT-';
export const RETURN_NUMBER_PATTERN = /^RT-[A-Z0-9]{1,10}-[A-Z0-9]{1,10}-\d{6,10}-[0-9A-Z]$/;

export function formatReturnNumber(parts: OrderNumberParts): string {
  return `${RETURN_NUMBER_PREFIX}${formatOrderNumber(parts)}`;
}

/** Reads a typed or scanned return number; case and surrounding spaces are forgiven. */
export function parseReturnNumber(text: string): OrderNumberParts {
  const normalized = text.trim().toUpperCase();
  if (!RETURN_NUMBER_PATTERN.test(normalized)) {
    throw new DomainError(
      ReturnError.INVALID_RETURN_NUMBER,
      `"${text.slice(0, 40)}" is not a return number. It looks like RT-S001-R01-000012-K: check the return receipt.`,
    );
  }
  try {
    return parseOrderNumber(normalized.slice(RETURN_NUMBER_PREFIX.length));
  } catch {
    throw new DomainError(
      ReturnError.INVALID_RETURN_NUMBER,
      `The return number ${normalized} has a typo (its check character does not match). Scan the return receipt or re-type it.`,
    );
  }
}

export function isValidReturnNumber(text: string): boolean {
  try {
    parseReturnNumber(text);
    return text === text.trim().toUpperCase();
  } catch {
    return false;
  }
}

/**
 * The next return sequence of one register: one above the highest sequence among the return
 * numbers it finds (its stored counter and the returns in its database), so a cleared counter or a
 * restored database never reuses a number.
 */
export function nextReturnSequence(
  storeCode: string,
  registerCode: string,
  counter: number,
  knownNumbers: readonly (string | undefined)[],
): number {
  let highest = Number.isSafeInteger(counter) && counter > 0 ? counter : 0;
  for (const n of knownNumbers) {
    if (!n) continue;
    try {
      const p = parseReturnNumber(n);
      if (p.storeCode === storeCode && p.registerCode === registerCode) highest = Math.max(highest, p.sequence);
    } catch {
      // not a number this register could have written: ignore it
    }
  }
  return highest + 1;
}
