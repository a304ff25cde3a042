// Detects primary account numbers (card numbers) in text. Card data must never reach a document:
// the payments schema and every free-text field refuse anything that looks like a PAN, which is a
// run of 13–19 digits (spaces or dashes between groups allowed) that passes the Luhn check.

// A run of digits where single spaces or dashes may separate groups ("4111 1111 1111 1111").
const DIGIT_RUN = /\d(?:[ -]?\d)*/g;
// A UUID is an identifier, never a card number, but its dash-joined groups can form a Luhn-valid
// run of 13–19 digits ("…-8000-123456789012"): about one id in two hundred. Blank UUIDs out first.
const UUID_SHAPED = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * True when `text` holds a digit run that could be a card number. Runs longer than 19 digits are
 * not PANs (gateway references, GTIN lists); UUID-shaped identifiers are skipped.
 */
export function containsPan(text: string): boolean {
  for (const match of text.replace(UUID_SHAPED, ' ').matchAll(DIGIT_RUN)) {
    const digits = match[0].replace(/[ -]/g, '');
    if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) return true;
  }
  return false;
}

/** Walks any JSON-like value and returns the path of the first string that looks like a PAN. */
export function findPan(value: unknown, path: (string | number)[] = []): (string | number)[] | undefined {
  if (typeof value === 'string') return containsPan(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const hit = findPan(value[i], [...path, i]);
      if (hit) return hit;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const hit = findPan((value as Record<string, unknown>)[key], [...path, key]);
      if (hit) return hit;
    }
  }
  return undefined;
}
