// Keeps the customer-facing display in step with the sale: lines and totals while scanning,
// paid and change while paying.
import { useEffect } from 'react';
import { callBridge, showOnCustomerDisplay } from '../bridge/call-bridge';
import { currentSaleTotals } from './useSaleTotals';
import { useCart } from './cart-store';
import { useSaleContext } from '../session/sale-context-store';
import { useTenders } from './tender-store';
import { paidSoFar } from '../model/tender';

export function useCustomerDisplayFeed(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
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
        if (cart.lines.length === 0) {
          showOnCustomerDisplay({
            status: 'idle',
            currency: cart.currency,
            lines: [],
            subtotal: 0,
            discountTotal: 0,
            taxTotal: 0,
            total: 0,
            paid: 0,
            changeDue: 0,
            message: 'Welcome',
          });
          return;
        }
        {
          const tenders = useTenders.getState().forSale(cart.saleId);
          showOnCustomerDisplay({
            status: tenders.length > 0 ? 'paying' : 'cart',
            currency: cart.currency,
            lines: totals.lines.map((l) => {
              const line = cart.lines.find((c) => c.lineId === l.key)!;
              return {
                id: l.key,
                description: line.name,
                quantity: l.quantity,
                ...(l.weightGrams ? { weightGrams: l.weightGrams } : {}),
                unitPrice: l.unitPrice,
                lineTotal: l.total,
              };
            }),
            subtotal: totals.subtotal.amount,
            discountTotal: totals.discountTotal.amount,
            taxTotal: totals.taxTotal.amount,
            total: totals.grandTotal.amount,
            paid: paidSoFar(tenders),
            changeDue: tenders.reduce((n, t) => n + (t.cash?.change ?? 0), 0),
          });
        }
      }, 150);
    };
    const a = useCart.subscribe(push);
    const b = useTenders.subscribe(push);
    const c = useSaleContext.subscribe(push);
    return () => {
      a();
      b();
      c();
      clearTimeout(timer);
    };
  }, []);
}
