// One builder for a stock count's data, shared by the count-journal unit test and the count part of
// bench/inventory-lookup.bench.ts: SKUs with their snapshot figures and facts, sales spread over the
// count, the scans a counter makes (every tenth line one short) and a `Storage` for the journal.
import type { CountScan, CountSnapshot, ItemFacts, TimedMovement } from '../../shared/inventory/counts';

/** localStorage stand-in for Node (the count journal only needs the Storage interface). */
export class MemoryStorage implements Storage {
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

export interface CountFixture {
  skus: string[];
  snapshot: CountSnapshot;
  facts: Map<string, ItemFacts>;
  /** Sales rung during the count, half a second after a line's scan time (some before, some after it is counted). */
  sales: TimedMovement[];
  /** One scan per line, a second apart; every tenth line is one unit short (shrink no movement explains). */
  scans: Omit<CountScan, 'round'>[];
  /** The count's start (the first scan's time). */
  startedAt: string;
  /** An ISO time `ms` after the start. */
  at(ms: number): string;
}

export function countFixture(lines: number, salesCount: number, base = '2026-12-03T08:00:00.000Z'): CountFixture {
  const start = Date.parse(base);
  const at = (ms: number) => new Date(start + ms).toISOString();
  const skus = Array.from({ length: lines }, (_, i) => `CNT-${String(i).padStart(5, '0')}`);
  const onHand: Record<string, number> = {};
  const facts = new Map<string, ItemFacts>();
  skus.forEach((sku, i) => {
    onHand[sku] = 1 + ((i * 7) % 40);
    facts.set(sku, { department: `D${i % 12}`, unitValue: 100 + (i % 50) * 25 });
  });
  const sales: TimedMovement[] = Array.from({ length: salesCount }, (_, i) => ({
    id: crypto.randomUUID(),
    sku: skus[(i * 37) % lines]!,
    type: 'sale',
    quantity: -1,
    createdAt: at(((i * 5) % lines) * 1000 + 500),
  }));
  const scans = skus.map((sku, i) => ({ sku, quantity: onHand[sku]! - (i % 10 === 0 ? 1 : 0), at: at(i * 1000) }));
  return { skus, snapshot: { onHand, movementIds: [] }, facts, sales, scans, startedAt: at(0), at };
}
