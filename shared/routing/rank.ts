// The documented order of preference. For one store: nearer, then more capacity left, then
// cheaper, then the smaller id. For a set of stores (a plan): fewer stores, then smaller total
// distance, then more total capacity left, then smaller total cost, then the sorted list of store
// ids compared element by element. Distances are whole metres and cost is whole minor units, so
// every sum is exact and every comparison gives one answer.

export interface Candidate {
  store: number;
  id: string;
  distance: number;
  capacity: number;
  /** Shipping cost in whole minor units. */
  cost: number;
}

export function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    a.distance - b.distance || b.capacity - a.capacity || a.cost - b.cost || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export interface SetKey {
  size: number;
  distance: number;
  capacity: number;
  cost: number;
  ids: string[];
}

export function setKeyOf(members: readonly Candidate[]): SetKey {
  let distance = 0;
  let capacity = 0;
  let cost = 0;
  for (const m of members) {
    distance += m.distance;
    capacity += m.capacity;
    cost += m.cost;
  }
  return { size: members.length, distance, capacity, cost, ids: members.map((m) => m.id).sort() };
}

export function compareSetKeys(a: SetKey, b: SetKey): number {
  const numeric = a.size - b.size || a.distance - b.distance || b.capacity - a.capacity || a.cost - b.cost;
  if (numeric !== 0) return numeric;
  for (let i = 0; i < Math.min(a.ids.length, b.ids.length); i++) {
    const x = a.ids[i] as string;
    const y = b.ids[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.ids.length - b.ids.length;
}
