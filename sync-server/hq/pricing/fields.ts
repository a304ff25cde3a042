// Input checks shared by the pricing routes: a zod refusal becomes HQ_INVALID_INPUT naming the
// first bad field by its path (`rule.buyQuantity`), as the console's forms show it.
import type { z } from 'zod';
import { DomainError } from '../../../shared/errors';
import { HqError } from '../errors';

export function invalid(field: string, message: string): DomainError {
  return new DomainError(HqError.INVALID_INPUT, message, { field });
}

export function parseOrRefuse<T extends z.ZodType>(schema: T, value: unknown, prefix = ''): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = [prefix, ...(issue?.path ?? []).map(String)].filter(Boolean).join('.');
  throw invalid(path || prefix || 'body', `${path || 'input'}: ${issue?.message ?? 'not valid'}`);
}

/** Decimal text ("4.99") → minor units, never through a float; `decimals` is the currency's exponent. */
export function minorFromText(value: unknown, field: string, decimals = 2): number {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  const m = typeof text === 'string' ? /^(\d{1,12})(?:\.(\d+))?$/.exec(text.trim()) : null;
  if (!m || (m[2] ?? '').length > decimals) {
    throw invalid(field, `Write the amount like 4.99 (digits, at most ${decimals} decimals, no currency sign).`);
  }
  const fraction = (m[2] ?? '').padEnd(decimals, '0');
  return Number(m[1]) * 10 ** decimals + (fraction === '' ? 0 : Number(fraction));
}
