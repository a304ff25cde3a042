// Runs a stock lookup and keeps it fresh while the screen is open: this store's levels and the
// other stores' answer are re-read every second, so a sale or a receipt elsewhere shows within a
// second online; offline the last answer stays, with its age.
import { useCallback, useEffect, useRef } from 'react';
import { isDomainError } from '../../../shared/errors';
import type { StockPort } from './stock-port';
import { StockStatus, useStock } from './stock-store';

const REFRESH_MS = 1000;

function messageOf(error: unknown): string {
  return isDomainError(error)
    ? error.message
    : 'The stock figures could not be read. Try again; if it keeps failing, restart the register.';
}

export function useStockLookup(port: StockPort | undefined): { lookup(code: string): Promise<void> } {
  const busy = useRef(false);
  const status = useStock((s) => s.status);

  const refresh = useCallback(async () => {
    if (!port || busy.current) return;
    const { items } = useStock.getState();
    if (items.length === 0) return;
    busy.current = true;
    try {
      const skus = items.map((i) => i.sku);
      const [local, others] = await Promise.all([port.localLevels(skus), port.otherStores(skus)]);
      // The clerk may have looked up something else meanwhile: keep only answers for what is shown.
      if (useStock.getState().items !== items) return;
      useStock.getState().found(items, local);
      useStock.getState().setOthers(others ?? useStock.getState().others);
    } catch (error) {
      useStock.getState().failed(messageOf(error));
    } finally {
      busy.current = false;
    }
  }, [port]);

  const lookup = useCallback(
    async (code: string) => {
      const store = useStock.getState();
      if (!port) return store.failed('This register is not set up yet: enroll it and wait for the first sync.');
      store.start(code);
      try {
        const items = await port.findItems(code);
        if (items.length === 0) return useStock.getState().notFound();
        useStock.setState({ items, local: [], others: undefined });
        busy.current = false;
        await refresh();
      } catch (error) {
        useStock.getState().failed(messageOf(error));
      }
    },
    [port, refresh],
  );

  useEffect(() => {
    if (status !== StockStatus.READY) return;
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [status, refresh]);

  return { lookup };
}
