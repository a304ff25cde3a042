// A small seeded PRNG (mulberry32) so the demo chain is the same on every machine and run.
export interface Prng {
  /** [0, 1) */
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Fills bytes, for deterministic ids and PIN salts. */
  fill(bytes: Uint8Array): void;
}

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T,
    fill: (bytes) => {
      for (let i = 0; i < bytes.length; i++) bytes[i] = int(0, 255);
    },
  };
}
