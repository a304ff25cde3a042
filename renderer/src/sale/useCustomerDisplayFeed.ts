// Keeps the customer-facing display in step with the sale (customer-display-feed.ts decides what
// it shows): the store's name while idle, lines and totals while scanning, paid and change while
// paying and after the sale completes.
import { useEffect } from 'react';
import { callBridge, showOnCustomerDisplay } from '../bridge/call-bridge';
import { currentSaleTotals } from './useSaleTotals';
import { useCart } from './cart-store';
import { useSaleContext } from '../session/sale-context-store';
import { useTenders } from './tender-store';
import { useLastSale } from './last-sale-store';
import { customerDisplayState, PAID_SCREEN_MS } from './customer-display-feed';

export function useCustomerDisplayFeed(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let backToIdle: ReturnType<typeof setTimeout> | undefined;
    let saleOpen: boolean | undefined;
    const push = (): void => {
      clearTimeout(timer);
      // Coalesce a burst of scans into one update, off the scan-to-paint path.
      timer = setTimeout(() => {
        const { cart } = useCart.getState();
        const { totals } = currentSaleTotals();
        // The shell defers an app update while a sale is open.
        const open = cart.lines.length > 0;
        if (open !== saleOpen) {
          saleOpen = open;
          void callBridge((b) => b.setSaleInProgress({ inProgress: open }));
        }
        if (!totals) return; // settings not loaded, or a cart that cannot be priced: the sell screen says why
        const lastSale = useLastSale.getState().sale;
        // A new sale has started: the last one's change is no longer the customer's business.
        if (open && lastSale) useLastSale.getState().set(undefined);
        const now = Date.now();
        showOnCustomerDisplay(
          customerDisplayState({
            cart,
            totals,
            tenders: useTenders.getState().forSale(cart.saleId),
            storeName: useSaleContext.getState().context?.store.name,
            lastSale: open ? undefined : lastSale,
            now,
          }),
        );
        clearTimeout(backToIdle);
        if (!open && lastSale && now - lastSale.at < PAID_SCREEN_MS)
          backToIdle = setTimeout(push, lastSale.at + PAID_SCREEN_MS - now);
      }, 150);
    };
    const a = useCart.subscribe(push);
    const b = useTenders.subscribe(push);
    const c = useSaleContext.subscribe(push);
    const d = useLastSale.subscribe(push);
    return () => {
      a();
      b();
      c();
      d();
      clearTimeout(timer);
      clearTimeout(backToIdle);
    };
  }, []);
}
