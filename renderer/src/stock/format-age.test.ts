import { describe, expect, it } from 'vitest';
import { formatAge } from './format-age';

describe('age of a cached stock answer', () => {
  const at = '2026-12-02T10:00:00.000Z';
  const after = (s: number) => Date.parse(at) + s * 1000;
  it('counts seconds, minutes, hours and days', () => {
    expect(formatAge(at, after(0))).toBe('0 s ago');
    expect(formatAge(at, after(59))).toBe('59 s ago');
    expect(formatAge(at, after(125))).toBe('2 min ago');
    expect(formatAge(at, after(3 * 3600 + 7 * 60))).toBe('3 h 7 min ago');
    expect(formatAge(at, after(2 * 86_400 + 5))).toBe('2 days ago');
    expect(formatAge('garbage', after(1))).toBe('an unknown time ago');
  });
});
