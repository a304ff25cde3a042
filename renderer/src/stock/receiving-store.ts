// The receipt being counted: per SKU the units received and how many of them are damaged, and
// which ASN cartons were scanned. Persisted, so a restart or a lost connection at close loses no
// scan; cleared when the server confirms the close.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export interface Tally {
  received: number;
  damaged: number;
}

interface ReceivingState {
  orderId: string | undefined;
  tallies: Record<string, Tally>;
  cartons: string[];
  begin(orderId: string): void;
  add(sku: string, quantity: number): void;
  setDamaged(sku: string, damaged: number): void;
  addCarton(code: string, lines: { sku: string; quantity: number }[]): void;
  reset(): void;
}

export const useReceiving = create<ReceivingState>()(
  persist(
    (set) => ({
      orderId: undefined,
      tallies: {},
      cartons: [],
      // Re-opening the same document keeps its scans; another document starts from zero.
      begin: (orderId) => set((s) => (s.orderId === orderId ? s : { orderId, tallies: {}, cartons: [] })),
      add: (sku, quantity) =>
        set((s) => {
          const t = s.tallies[sku] ?? { received: 0, damaged: 0 };
          return { tallies: { ...s.tallies, [sku]: { ...t, received: t.received + quantity } } };
        }),
      setDamaged: (sku, damaged) =>
        set((s) => {
          const t = s.tallies[sku] ?? { received: 0, damaged: 0 };
          return {
            tallies: {
              ...s.tallies,
              [sku]: { ...t, damaged: Math.max(0, Math.min(t.received, Math.floor(damaged) || 0)) },
            },
          };
        }),
      addCarton: (code, lines) =>
        set((s) => {
          const tallies = { ...s.tallies };
          for (const l of lines) {
            const t = tallies[l.sku] ?? { received: 0, damaged: 0 };
            tallies[l.sku] = { ...t, received: t.received + l.quantity };
          }
          return { tallies, cartons: [...s.cartons, code] };
        }),
      reset: () => set({ orderId: undefined, tallies: {}, cartons: [] }),
    }),
    { name: 'pos.receiving' },
  ),
);
