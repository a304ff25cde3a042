// Start-up of the sale: read the open sale and its tenders from their storage, then decide what the
// clerk sees. A sale whose id is already a completed order (the register stopped between writing it
// and clearing the cart) is shown completed with its receipt and is never offered for payment again;
// any other sale with lines or tenders comes back with a "Sale restored after restart" banner; a card
// charge that was in flight is settled with the gateway first (card-attempt-recovery.ts).
import { create } from 'zustand';
import type { StateStorage } from 'zustand/middleware';
import type { Backend } from '../model/backend';
import { resolveCardAttempt, type CardAttemptResolution } from './card-attempt-recovery';
import { useCart } from './cart-store';
import { unappliedScan, type JournalledScan } from './scan-journal';
import { addByCode, addPicked } from './sell/add-by-code';
import { useSaleStateStorage } from './sale-state-storage';
import { useTenders } from './tender-store';

export type SaleRecovery =
  | { kind: 'none' }
  | { kind: 'completed'; saleId: string; orderId: string; orderNumber: string }
  | {
      kind: 'restored';
      saleId: string;
      lines: number;
      tenders: number;
      card?: CardAttemptResolution;
      /** The name on the last scan or pick, journalled but not in the stored cart, added again at start-up. */
      rescanned?: string;
    };

interface RecoveryState {
  recovery: SaleRecovery;
  dismiss(): void;
}

export const useSaleRecovery = create<RecoveryState>()((set) => ({
  recovery: { kind: 'none' },
  dismiss: () => set({ recovery: { kind: 'none' } }),
}));

/** Plugs in the storage and reads both stores from it; throws if it cannot be read. */
export async function restoreSaleState(storage: StateStorage): Promise<void> {
  useSaleStateStorage(storage);
  await Promise.all([useCart.persist.rehydrate(), useTenders.persist.rehydrate()]);
  if (!useCart.persist.hasHydrated() || !useTenders.persist.hasHydrated())
    throw new Error('The open sale could not be read from this register’s storage.');
  // The open sale's id goes to disk now, before its first scan is journalled (scan-journal.ts
  // matches a journalled scan to the stored sale by this id).
  useCart.setState({ cart: useCart.getState().cart });
}

/**
 * Looks the restored sale up among the completed sales by its id. Completed: the cart and tenders
 * are cleared (their clearing was lost) and the clerk is shown its receipt. Otherwise the sale in
 * progress stays, marked restored. A lookup that fails keeps the sale and says it was restored:
 * paying it again is then still safe, because completing is idempotent by sale id. A scan journalled
 * for this sale but missing from its stored cart is added again (scan-journal.ts).
 */
export async function recoverSale(
  backend: Pick<Backend, 'findCompletedSale' | 'cardTerminal' | 'findByBarcode' | 'findByPlu'>,
): Promise<SaleRecovery> {
  const { cart } = useCart.getState();
  let tenders = useTenders.getState().forSale(cart.saleId);
  const attempt = useTenders.getState().attemptFor(cart.saleId);
  const scan = await unappliedScan(cart).catch(() => undefined);
  let recovery: SaleRecovery = { kind: 'none' };
  if (cart.lines.length > 0 || tenders.length > 0 || attempt || scan) {
    const completed = await backend.findCompletedSale(cart.saleId).catch((error: unknown) => {
      console.error('sale recovery: the completed-sale lookup failed', error);
      return undefined;
    });
    if (completed) {
      useTenders.getState().clear();
      useCart.getState().reset();
      recovery = { kind: 'completed', saleId: cart.saleId, ...completed };
    } else {
      const replayed = scan ? await replay(backend, scan) : undefined;
      const card = await resolveCardAttempt(cart.saleId, (training) => backend.cardTerminal(training));
      tenders = useTenders.getState().forSale(cart.saleId);
      recovery = {
        kind: 'restored',
        saleId: cart.saleId,
        lines: useCart.getState().cart.lines.length,
        tenders: tenders.length,
        ...(card ? { card } : {}),
        ...(replayed ? { rescanned: replayed } : {}),
      };
    }
  }
  useSaleRecovery.setState({ recovery });
  return recovery;
}

/** Adds a journalled scan or pick again; the name of its line, or undefined when it cannot be added. */
async function replay(
  backend: Pick<Backend, 'findByBarcode' | 'findByPlu'>,
  entry: JournalledScan,
): Promise<string | undefined> {
  const origin = { scanId: entry.scanId, durable: Promise.resolve() };
  try {
    if (entry.kind === 'product') return (await addPicked(entry.product, origin, entry.weightGrams)).name;
    const result = await addByCode(backend, entry.code, origin);
    return result.ok ? result.line.name : undefined;
  } catch (error) {
    console.error('sale recovery: the journalled scan or pick could not be added again', error);
    return undefined;
  }
}
