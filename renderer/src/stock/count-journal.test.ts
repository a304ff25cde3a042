import { describe, expect, it } from 'vitest';
import { varianceReport } from '../../../shared/inventory/counts';
import { countFixture, MemoryStorage } from '../../../test/support/count-fixtures';
import { CountJournal } from './count-journal';

function started(storage: Storage, fixture: ReturnType<typeof countFixture>): CountJournal {
  const journal = new CountJournal(storage);
  journal.start({
    id: 'c1',
    storeId: 's1',
    scope: { kind: 'full' },
    startedAt: fixture.startedAt,
    startedBy: 'st',
    snapshot: fixture.snapshot,
    snapshotLwt: 5,
  });
  return journal;
}

describe('count journal', () => {
  it('keeps every scan across a restart, in chunks, and recount rounds', () => {
    const storage = new MemoryStorage();
    const fixture = countFixture(1_234, 0);
    const journal = started(storage, fixture);
    for (const scan of fixture.scans) journal.add(scan);
    const again = fixture.skus[1]!;
    journal.recount([again]);
    journal.add({ sku: again, quantity: 2, at: fixture.at(2_000_000) });
    const reopened = new CountJournal(storage);
    expect(reopened.current()).toMatchObject({ id: 'c1', round: 2, recount: [again], scanCount: 1_235 });
    const scans = reopened.scans();
    expect(scans).toHaveLength(1_235);
    expect(scans.at(-1)).toMatchObject({ sku: again, quantity: 2, round: 2 });
    reopened.clear();
    expect(new CountJournal(storage).current()).toBeUndefined();
    expect(storage.length).toBe(0);
  });

  it('gives the same variance report from the reopened journal as the scans made', () => {
    const storage = new MemoryStorage();
    const fixture = countFixture(1_000, 0);
    const journal = started(storage, fixture);
    for (const scan of fixture.scans) journal.add(scan);
    const meta = new CountJournal(storage).current()!;
    const report = varianceReport({
      scope: meta.scope,
      snapshot: meta.snapshot,
      scans: new CountJournal(storage).scans(),
      movements: fixture.sales,
      facts: fixture.facts,
    });
    // Every tenth line was counted one short and nothing else moved.
    const short = fixture.skus.filter((_, i) => i % 10 === 0);
    expect(report.linesCounted).toBe(1_000);
    expect(report.unitsShort).toBe(short.length);
    expect(report.unitsOver).toBe(0);
    expect(report.valueShort).toBe(short.reduce((sum, sku) => sum + fixture.facts.get(sku)!.unitValue, 0));
    expect(report.lines.filter((l) => l.variance !== 0).map((l) => l.sku)).toEqual(short);
  });
});
