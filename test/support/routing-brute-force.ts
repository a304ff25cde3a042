// A router that tries every set of eligible stores (ship orders), for the property test and the
// benchmark's split-count comparison. Exponential on purpose: only for ≤ 6 stores.
import { haversineMeters, type GeoPoint, type RouteLine, type RoutingStore, type StockRow } from '../../shared/routing';

export function bruteForceRoute(
  stores: readonly RoutingStore[],
  stock: readonly StockRow[],
  lines: readonly RouteLine[],
  from: GeoPoint,
): { ids: string[]; key: number[] } | undefined {
  const need = new Map<string, number>();
  for (const l of lines) need.set(l.sku, (need.get(l.sku) ?? 0) + l.quantity);
  const eligible = stores.filter((s) => s.acceptsShip && s.online && s.capacityRemaining > 0);
  const availableAt = (s: RoutingStore, sku: string) =>
    stock.filter((r) => r.storeId === s.id && r.sku === sku).reduce((sum, r) => sum + r.available, 0);
  const can = (s: RoutingStore, sku: string) => availableAt(s, sku) - s.safetyStock >= (need.get(sku) ?? 0);
  let best: { ids: string[]; key: number[] } | undefined;
  for (let bits = 1; bits < 1 << eligible.length; bits++) {
    const set = eligible.filter((_, i) => bits & (1 << i));
    if (![...need.keys()].every((sku) => set.some((s) => can(s, sku)))) continue;
    const ids = set.map((s) => s.id).sort();
    const key = [
      set.length,
      set.reduce((sum, s) => sum + haversineMeters(from, s.location), 0),
      -set.reduce((sum, s) => sum + s.capacityRemaining, 0),
      set.reduce((sum, s) => sum + Math.max(0, Math.round(s.shippingCost)), 0),
    ];
    const better = (): boolean => {
      if (!best) return true;
      for (let i = 0; i < key.length; i++)
        if (key[i] !== best.key[i]) return (key[i] as number) < (best.key[i] as number);
      for (let i = 0; i < Math.min(ids.length, best.ids.length); i++)
        if (ids[i] !== best.ids[i]) return (ids[i] as string) < (best.ids[i] as string);
      return ids.length < best.ids.length;
    };
    if (better()) best = { ids, key };
  }
  return best;
}
