import { describe, expect, it } from 'vitest';
import { CountJournal } from './count-journal';

class MemoryStorage implements Storage {
  private readonly map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
}

describe('count journal', () => {
  it('keeps every scan across a restart, in chunks, and recount rounds', () => {
    const storage = new MemoryStorage();
    const journal = new CountJournal(storage);
    journal.start({
      id: 'c1',
      storeId: 's1',
      scope: { kind: 'full' },
      startedAt: '2026-12-03T08:00:00.000Z',
      startedBy: 'st',
      snapshot: { onHand: { A: 1 }, movementIds: [] },
      snapshotLwt: 5,
    });
    for (let i = 0; i < 1_234; i++) journal.add({ sku: `S${i}`, quantity: 1, at: '2026-12-03T08:01:00.000Z' });
    journal.recount(['S1']);
    journal.add({ sku: 'S1', quantity: 2, at: '2026-12-03T08:02:00.000Z' });
    const reopened = new CountJournal(storage);
    expect(reopened.current()).toMatchObject({ id: 'c1', round: 2, recount: ['S1'], scanCount: 1_235 });
    const scans = reopened.scans();
    expect(scans).toHaveLength(1_235);
    expect(scans.at(-1)).toMatchObject({ sku: 'S1', quantity: 2, round: 2 });
    reopened.clear();
    expect(new CountJournal(storage).current()).toBeUndefined();
    expect(storage.length).toBe(0);
  });
});
