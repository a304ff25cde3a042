// The one place where the backend's data reaches the UI stores: store settings into the sale
// context store and the cart's currency, replication status into the sync status store, and the
// training switch into the cart. The data layer only reports (Backend.on…); it never writes a store.
import { useEffect } from 'react';
import type { Backend } from '../model/backend';
import { useSaleContext } from '../session/sale-context-store';
import { useSession } from '../session/session-store';
import { useSyncStatus } from '../session/sync-status-store';
import { useCart } from '../sale/cart-store';

export function useBackendWiring(backend: Backend): void {
  useEffect(() => {
    const stopContext = backend.onSaleContext((context) => {
      useSaleContext.getState().setContext(context);
      useCart.getState().configure(context.currency, useSession.getState().trainingMode);
    });
    const stopSync = backend.onSyncStatus((status) => useSyncStatus.getState().update(status));
    const stopTraining = useSession.subscribe((s, prev) => {
      const currency = useSaleContext.getState().context?.currency;
      if (s.trainingMode !== prev.trainingMode && currency) useCart.getState().configure(currency, s.trainingMode);
    });
    return () => {
      stopContext();
      stopSync();
      stopTraining();
    };
  }, [backend]);
}
