// Rules every string of every document follows, whatever its field: no card number (PCI) and
// nothing PostgreSQL cannot store (NUL, a lone UTF-16 surrogate), so both backends answer alike.
import { isValidGtin } from '../barcode/gtin';
import { containsPan } from './pan';

export type TextProblem = 'card_number' | 'unstorable';

export interface TextFinding {
  path: (string | number)[];
  problem: TextProblem;
}

/** NUL, or a surrogate half without its partner (it would not survive UTF-8). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isUnstorableText(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

/**
 * A GTIN with a correct GS1 check digit (8, 12, 13 or 14 digits) is a barcode, not a card: about
 * one barcode in ten also passes Luhn, and card numbers of 13–14 digits are rare. A 15–19 digit
 * run is never excused.
 */
function isBarcode(text: string): boolean {
  return /^\d{8}$|^\d{12,14}$/.test(text) && isValidGtin(text);
}

/** The first string (or key) of `value` that holds a card number or unstorable characters. Iterative. */
export function findTextProblem(value: unknown): TextFinding | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const current = item.value;
    if (typeof current === 'string') {
      if (isUnstorableText(current)) return { path: item.path, problem: 'unstorable' };
      if (!isBarcode(current) && containsPan(current)) return { path: item.path, problem: 'card_number' };
    } else if (Array.isArray(current)) {
      current.forEach((child, i) => stack.push({ value: child, path: [...item.path, i] }));
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        if (isUnstorableText(key)) return { path: [...item.path, key], problem: 'unstorable' };
        stack.push({ value: child, path: [...item.path, key] });
      }
    }
  }
  return undefined;
}
