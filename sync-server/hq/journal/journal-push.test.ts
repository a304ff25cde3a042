// When a store's business day counts as closed for the nightly push: the store-local push time of
// the next day, across a daylight-saving change, in a zone ahead of UTC, and for a bad setting.
import { describe, expect, it } from 'vitest';
import { lastClosedDay, localClock, parsePushAt } from './journal-push';

describe('nightly journal push timing', () => {
  it('reads HH:MM and refuses anything else', () => {
    expect(parsePushAt('02:00')).toBe(120);
    expect(parsePushAt('23:59')).toBe(1439);
    for (const bad of ['2:00', '24:00', '02:60', '', 'two', '02:00:00']) expect(parsePushAt(bad)).toBeNull();
  });

  it('counts a New York day closed at 02:00 local on the day clocks spring forward', () => {
    // 2026-03-08: 01:59 EST is 06:59Z; 03:00 EDT (02:00 does not exist) is 07:00Z.
    expect(lastClosedDay('America/New_York', new Date('2026-03-08T06:59:00Z'), 120)).toBe('2026-03-06');
    expect(lastClosedDay('America/New_York', new Date('2026-03-08T07:00:00Z'), 120)).toBe('2026-03-07');
  });

  it('closes a Tokyo day while it is still the same date in UTC', () => {
    // 17:30Z on 1 December is 02:30 on 2 December in Tokyo.
    expect(lastClosedDay('Asia/Tokyo', new Date('2026-12-01T17:30:00Z'), 120)).toBe('2026-12-01');
    expect(lastClosedDay('Asia/Tokyo', new Date('2026-12-01T16:30:00Z'), 120)).toBe('2026-11-30');
  });

  it('treats an unknown time zone as UTC', () => {
    expect(localClock('Mars/Olympus', new Date('2026-12-01T05:07:00Z'))).toEqual({ day: '2026-12-01', minute: 307 });
  });
});
