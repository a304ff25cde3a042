// Reading fields of untrusted JSON bodies and queries without casting.
import { DomainError } from '../../shared/errors';
import { HqError } from './errors';

export function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)[name]
    : undefined;
}

export function text(body: unknown, name: string, options: { max?: number; optional?: boolean } = {}): string {
  const value = field(body, name);
  if (value === undefined && options.optional) return '';
  if (typeof value !== 'string' || value.trim() === '' || value.length > (options.max ?? 200)) {
    throw new DomainError(HqError.INVALID_INPUT, `Fill in ${name} (text up to ${options.max ?? 200} characters).`, {
      field: name,
    });
  }
  return value.trim();
}

export function integer(body: unknown, name: string, min: number, max: number): number {
  const value = field(body, name);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new DomainError(HqError.INVALID_INPUT, `${name} must be a whole number from ${min} to ${max}.`, {
      field: name,
    });
  }
  return value;
}

export function bool(body: unknown, name: string): boolean {
  const value = field(body, name);
  if (typeof value !== 'boolean')
    throw new DomainError(HqError.INVALID_INPUT, `${name} must be true or false.`, { field: name });
  return value;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export function day(value: unknown, name: string, fallback: string): string {
  if (value === undefined || value === '') return fallback;
  if (typeof value !== 'string' || !DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new DomainError(HqError.INVALID_INPUT, `${name} is a date written YYYY-MM-DD.`, { field: name });
  }
  return value;
}
