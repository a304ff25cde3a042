// The status bar never claims "All synced" before the first sync, while offline or while anything waits.
import { describe, expect, it } from 'vitest';
import { syncWords } from './StatusBar';

describe('status bar sync words', () => {
  it('says All synced only online, after a sync, with nothing waiting', () => {
    expect(syncWords(true, 0, '2026-12-02T10:00:00Z')).toBe('All synced');
    expect(syncWords(true, 0, undefined)).toBe('Not synced yet');
    expect(syncWords(false, 0, '2026-12-02T10:00:00Z')).toBe('Not sending (offline)');
    expect(syncWords(true, 3, '2026-12-02T10:00:00Z')).toBe('3 waiting to sync');
  });
});
