// Completes the paid sale: the backend writes it durably, and only then is the cart cleared and
// "complete" shown. If the write fails the cart and tenders stay, so nothing is lost and the
// clerk can try again.
import { useCallback, useState } from 'react';
import { useBackend } from '../../model/backend-context';
import type { CompletedSale } from '../../model/backend';
import { currentSaleTotals } from '../useSaleTotals';
import { useCart } from '../cart-store';
import { useSaleContext } from '../../session/sale-context-store';
import { useSession } from '../../session/session-store';
import { useTenders } from '../tender-store';
import { flushSaleState } from '../sale-state-storage';
import type { Tender } from '../../model/tender';
import { errorMessage } from '../../ui/error-message';
import { useLastSale } from '../last-sale-store';
import { completedSummary } from '../customer-display-feed';

/** A performance measure per completed sale: pay confirmed → order, payments and movements durable (read by bench/register-app.bench.ts). */
export const COMPLETE_SALE_MEASURE = 'pos:complete-sale';

export function useCompleteSale() {
  const backend = useBackend();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const complete = useCallback(
    async (tenders: Tender[]): Promise<CompletedSale | undefined> => {
      const started = performance.now();
      const { cart } = useCart.getState();
      const context = useSaleContext.getState().context;
      const { clerk, till } = useSession.getState();
      if (!context || !clerk) {
        setError('Sign in again to finish this sale; it is kept.');
        return undefined;
      }
      setBusy(true);
      setError(undefined);
      try {
        const { totals, error: pricing } = currentSaleTotals();
        if (!totals) throw new Error(pricing ?? 'The sale cannot be priced.');
        // The tenders on disk first: a payment document must never outlive the tender that made it
        // (after a crash the clerk would be asked to pay again, and the order would be paid twice).
        await flushSaleState();
        const result = await backend.completeSale({ cart, totals, tenders, clerk, shiftId: till?.shiftId, context });
        performance.measure(COMPLETE_SALE_MEASURE, { start: started });
        // The customer display shows the change due until the next sale starts.
        useLastSale.getState().set(completedSummary(cart.saleId, cart.currency, totals, tenders, Date.now()));
        useTenders.getState().clear();
        useCart.getState().reset();
        return result;
      } catch (e) {
        setError(`${errorMessage(e)} The sale and its payments are kept on this register.`);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [backend],
  );
  return { complete, busy, error };
}
