import { describe, expect, it } from 'vitest';
import { SseParser } from './event-stream';
import { BACKOFF_MAX_MS, backoffCeiling, nextDelay } from './backoff';

describe('SseParser', () => {
  it('splits events across arbitrary chunk boundaries and skips comments', () => {
    const seen: [string, string][] = [];
    const parser = new SseParser((event, data) => seen.push([event, data]));
    const text =
      'event: hello\ndata: {"seq":1}\n\n: ping\n\nevent: change\r\ndata: {"collections":["orders"],\r\ndata: "seq":2}\r\n\r\n';
    for (let i = 0; i < text.length; i += 3) parser.push(text.slice(i, i + 3));
    expect(seen).toEqual([
      ['hello', '{"seq":1}'],
      ['change', '{"collections":["orders"],\n"seq":2}'],
    ]);
  });
});

describe('back-off', () => {
  it('doubles up to a cap and jitters within the upper half', () => {
    expect(backoffCeiling(0)).toBe(500);
    expect(backoffCeiling(3)).toBe(4000);
    expect(backoffCeiling(50)).toBe(BACKOFF_MAX_MS);
    expect(nextDelay(3, () => 0)).toBe(2000);
    expect(nextDelay(3, () => 1)).toBe(4000);
  });

  it('takes shorter limits when given (tests that restart the server)', () => {
    const limits = { baseMs: 50, maxMs: 400 };
    expect(backoffCeiling(0, limits)).toBe(50);
    expect(backoffCeiling(2, limits)).toBe(200);
    expect(backoffCeiling(10, limits)).toBe(400);
    expect(nextDelay(10, () => 1, limits)).toBe(400);
    expect(nextDelay(1, () => 0, limits)).toBe(50);
  });
});
