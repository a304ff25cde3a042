// Fewest stores first. Exact search when the order has at most `exactSkuLimit` distinct SKUs:
// every store gets a bit mask of the SKUs it can fill; `bestSuperset[R]` (a subset-sum sweep,
// n·2^n steps) is the best store covering at least the SKUs in R. A plan of k stores is then
// k − 1 distinct masks chosen in index order plus bestSuperset[what is left]. That finds the
// same plan as trying every k-set of stores (see the property test against brute force) while
// examining only combinations of distinct, non-dominated masks. When those combinations would
// exceed `maxCombinations`, or the order has more SKUs than the exact limit, a greedy set cover
// runs instead (most uncovered SKUs first, ties by store preference).
import { compareCandidates, compareSetKeys, setKeyOf, type Candidate, type SetKey } from './rank';

export interface CoverResult {
  members: Candidate[];
  search: 'exact' | 'greedy';
  combinationsExamined: number;
}

export interface Coverage {
  candidates: readonly Candidate[];
  /** Per candidate: indexes (into the order's SKU list) of the SKUs it can fill. */
  fills: readonly (readonly number[])[];
  skuCount: number;
}

function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return Math.round(result);
}

function better(a: Candidate | undefined, b: Candidate | undefined): Candidate | undefined {
  if (!a) return b;
  if (!b) return a;
  return compareCandidates(a, b) <= 0 ? a : b;
}

export function exactCover(coverage: Coverage, maxCombinations: number): CoverResult | 'too_many' | undefined {
  const n = coverage.skuCount;
  const full = (1 << n) - 1;
  const size = 1 << n;
  const bestByMask: (Candidate | undefined)[] = new Array(size);
  coverage.candidates.forEach((candidate, i) => {
    let mask = 0;
    for (const sku of coverage.fills[i] ?? []) mask |= 1 << sku;
    if (mask !== 0) bestByMask[mask] = better(bestByMask[mask], candidate);
  });
  const bestSuperset = bestByMask.slice();
  for (let bit = 1; bit < size; bit <<= 1) {
    for (let r = 0; r < size; r++) {
      if ((r & bit) === 0) bestSuperset[r] = better(bestSuperset[r], bestSuperset[r | bit]);
    }
  }
  const whole = bestSuperset[full];
  if (whole) return { members: [whole], search: 'exact', combinationsExamined: 1 };

  // A mask is dominated when a strict superset has a store at least as good: any plan using it
  // can swap in that store and get no worse, so the search skips it.
  const masks: number[] = [];
  for (let mask = 1; mask < size; mask++) {
    const own = bestByMask[mask];
    if (!own) continue;
    let dominated = false;
    for (let bit = 1; bit < size && !dominated; bit <<= 1) {
      if ((mask & bit) !== 0) continue;
      const sup = bestSuperset[mask | bit];
      if (sup && compareCandidates(sup, own) <= 0) dominated = true;
    }
    if (!dominated) masks.push(mask);
  }
  let union = 0;
  for (const mask of masks) union |= mask;
  if (union !== full) return undefined;

  let examined = 1;
  for (let k = 2; k <= n; k++) {
    const combos = binomial(masks.length, k - 1);
    if (examined + combos > maxCombinations) return 'too_many';
    let best: { members: Candidate[]; key: SetKey } | undefined;
    const chosen: Candidate[] = [];
    // Sums are carried down the walk; a set key (with its sorted ids) is built only for a leaf
    // that is at least as good numerically as the best so far.
    const walk = (
      start: number,
      depth: number,
      covered: number,
      distance: number,
      capacity: number,
      cost: number,
    ): void => {
      if (depth === k - 1) {
        examined++;
        if (covered === full) return;
        const last = bestSuperset[full & ~covered];
        if (!last) return;
        if (best) {
          const b = best.key;
          const numeric =
            distance + last.distance - b.distance ||
            b.capacity - (capacity + last.capacity) ||
            cost + last.cost - b.cost;
          if (numeric > 0) return;
          const members = [...chosen, last];
          const key = setKeyOf(members);
          if (compareSetKeys(key, b) < 0) best = { members, key };
          return;
        }
        const members = [...chosen, last];
        best = { members, key: setKeyOf(members) };
        return;
      }
      for (let i = start; i < masks.length; i++) {
        const mask = masks[i] as number;
        const store = bestByMask[mask] as Candidate;
        chosen.push(store);
        walk(i + 1, depth + 1, covered | mask, distance + store.distance, capacity + store.capacity, cost + store.cost);
        chosen.pop();
      }
    };
    walk(0, 0, 0, 0, 0, 0);
    const found = best as { members: Candidate[]; key: SetKey } | undefined;
    if (found) return { members: found.members, search: 'exact', combinationsExamined: examined };
  }
  return undefined;
}

export function greedyCover(coverage: Coverage): CoverResult | undefined {
  const uncovered = new Set<number>(Array.from({ length: coverage.skuCount }, (_, i) => i));
  const members: Candidate[] = [];
  const used = new Set<number>();
  let examined = 0;
  while (uncovered.size > 0) {
    let pick: { index: number; gain: number } | undefined;
    coverage.candidates.forEach((candidate, index) => {
      if (used.has(index)) return;
      examined++;
      let gain = 0;
      for (const sku of coverage.fills[index] ?? []) if (uncovered.has(sku)) gain++;
      if (gain === 0) return;
      const current = pick ? coverage.candidates[pick.index] : undefined;
      if (!pick || gain > pick.gain || (gain === pick.gain && current && compareCandidates(candidate, current) < 0))
        pick = { index, gain };
    });
    if (!pick) return undefined;
    const chosen = pick as { index: number; gain: number };
    used.add(chosen.index);
    members.push(coverage.candidates[chosen.index] as Candidate);
    for (const sku of coverage.fills[chosen.index] ?? []) uncovered.delete(sku);
  }
  return { members, search: 'greedy', combinationsExamined: examined };
}
