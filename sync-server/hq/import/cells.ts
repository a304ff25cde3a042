// Reading CSV cells: money as decimal text ("4.99" → 499 minor units, never through a float),
// whole numbers, yes/no flags.
export type Cell<T> = { ok: true; value: T } | { ok: false; message: string };

export function moneyCell(text: string, decimals = 2): Cell<number> {
  if (text.trim() === '') return { ok: false, message: 'The amount is empty: fill it in like 4.99.' };
  const m = /^(\d{1,12})(?:\.(\d+))?$/.exec(text.trim());
  if (!m)
    return {
      ok: false,
      message: `"${text}" is not an amount: write it like 4.99 (no currency sign, no thousands separator).`,
    };
  const fraction = m[2] ?? '';
  if (fraction.length > decimals) return { ok: false, message: `"${text}" has more than ${decimals} decimals.` };
  return { ok: true, value: Number(m[1]) * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0') };
}

export function intCell(text: string, min: number, max: number): Cell<number> {
  const t = text.trim();
  if (!/^-?\d+$/.test(t) || Number(t) < min || Number(t) > max)
    return { ok: false, message: `"${text}" must be a whole number from ${min} to ${max}.` };
  return { ok: true, value: Number(t) };
}

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);
export function flagCell(text: string | undefined, fallback: boolean): Cell<boolean> {
  const t = (text ?? '').trim().toLowerCase();
  if (t === '') return { ok: true, value: fallback };
  if (YES.has(t)) return { ok: true, value: true };
  if (NO.has(t)) return { ok: true, value: false };
  return { ok: false, message: `"${text}" must be yes or no.` };
}

/** Lower-cased, accent-stripped text the register's search box prefix-matches. */
export function searchText(...parts: (string | undefined)[]): string {
  return parts
    .filter((p): p is string => !!p)
    .join(' ')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .slice(0, 200);
}
