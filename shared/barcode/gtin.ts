// GTIN-8/12/13/14 check digits (mod 10, weights 3,1 from the right) and UPC-E → UPC-A expansion.
import { DomainError } from '../errors';
import { BarcodeError } from './errors';

const DIGITS = /^\d+$/;
const GTIN_LENGTHS = [8, 12, 13, 14] as const;

function assertDigits(code: string): void {
  if (typeof code !== 'string' || !DIGITS.test(code)) {
    throw new DomainError(
      BarcodeError.NOT_DIGITS,
      `"${String(code)}" is not a barcode number: it must contain digits only.`,
      { code: String(code) },
    );
  }
}

/** Check digit for the digits that precede it (any length up to 17). */
export function gtinCheckDigit(body: string): number {
  assertDigits(body);
  let total = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    total += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (total % 10)) % 10;
}

export function isValidGtin(code: string): boolean {
  if (typeof code !== 'string' || !DIGITS.test(code) || !(GTIN_LENGTHS as readonly number[]).includes(code.length))
    return false;
  return gtinCheckDigit(code.slice(0, -1)) === Number(code.slice(-1));
}

export function assertGtin(code: string): void {
  assertDigits(code);
  if (!(GTIN_LENGTHS as readonly number[]).includes(code.length)) {
    throw new DomainError(BarcodeError.BAD_LENGTH, `A GTIN has 8, 12, 13 or 14 digits; "${code}" has ${code.length}.`, {
      code,
    });
  }
  if (!isValidGtin(code)) {
    throw new DomainError(
      BarcodeError.BAD_CHECK_DIGIT,
      `The check digit of ${code} is wrong. Scan again or type the number carefully.`,
      { code },
    );
  }
}

/** Appends the check digit: "03600024145" → "036000241457". */
export function withCheckDigit(body: string): string {
  return `${body}${gtinCheckDigit(body)}`;
}

/** GTIN-14 form (left-padded with zeros), the one key the catalog indexes every GTIN under. */
export function toGtin14(code: string): string {
  assertGtin(code);
  return code.padStart(14, '0');
}

/**
 * Expands an 8-digit UPC-E (number system 0 or 1, six payload digits, check digit) to UPC-A.
 * A 6-digit payload alone is taken as number system 0. The check digit must match the expansion.
 */
export function expandUpcE(upcE: string): string {
  assertDigits(upcE);
  let ns: string;
  let payload: string;
  let check: string | undefined;
  if (upcE.length === 6) [ns, payload] = ['0', upcE];
  else if (upcE.length === 7) [ns, payload] = [upcE.slice(0, 1), upcE.slice(1)];
  else if (upcE.length === 8) [ns, payload, check] = [upcE.slice(0, 1), upcE.slice(1, 7), upcE.slice(7)];
  else
    throw new DomainError(BarcodeError.BAD_UPC_E, `A UPC-E code has 6 to 8 digits; "${upcE}" has ${upcE.length}.`, {
      code: upcE,
    });
  if (ns !== '0' && ns !== '1') {
    throw new DomainError(BarcodeError.BAD_UPC_E, `UPC-E codes start with 0 or 1; "${upcE}" starts with ${ns}.`, {
      code: upcE,
    });
  }
  const [d1, d2, d3, d4, d5, d6] = payload.split('') as [string, string, string, string, string, string];
  let body: string;
  if (d6 === '0' || d6 === '1' || d6 === '2') body = `${d1}${d2}${d6}0000${d3}${d4}${d5}`;
  else if (d6 === '3') body = `${d1}${d2}${d3}00000${d4}${d5}`;
  else if (d6 === '4') body = `${d1}${d2}${d3}${d4}00000${d5}`;
  else body = `${d1}${d2}${d3}${d4}${d5}0000${d6}`;
  const upcA = withCheckDigit(`${ns}${body}`);
  if (check !== undefined && upcA.slice(-1) !== check) {
    throw new DomainError(
      BarcodeError.BAD_CHECK_DIGIT,
      `The check digit of UPC-E ${upcE} is wrong. Scan again or type the number carefully.`,
      { code: upcE },
    );
  }
  return upcA;
}
