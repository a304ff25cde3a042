// F7 opens the stock lookup from any screen once a clerk is signed in; from the sell screen it
// looks up the selected cart line's item. (F7 is the one function key the sale does not use.)
import { useEffect } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { hasModalLayer } from '../keys/key-layers';
import { useCart } from '../sale/cart-store';

export const STOCK_KEY = 'F7';

export function useStockKey(enabled: boolean): void {
  const navigate = useNavigate();
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== STOCK_KEY || event.ctrlKey || event.altKey || event.metaKey || hasModalLayer()) return;
      event.preventDefault();
      const { cart } = useCart.getState();
      const sku = cart.lines.find((l) => l.lineId === cart.selectedLineId)?.sku;
      void navigate({ to: '/stock', search: sku ? { sku } : {} });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled, navigate]);
}
