// Keeps the pickups store fed from the replica while the register runs (mounted with the nav
// badge, so counts and the new-order notice are live on every screen).
import { useEffect, useMemo } from 'react';
import { useBackend } from '../model/backend-context';
import { watchStoreFulfillment } from '../local-data/fulfillment-data';
import { fulfillmentScopeOf } from './pickups-port';
import { usePickups } from './pickups-store';
import { chime } from './sounds';

export function usePickupsFeed(): void {
  const backend = useBackend();
  const enrolled = backend.identity() !== undefined;
  useEffect(() => {
    const scope = enrolled ? fulfillmentScopeOf(backend) : undefined;
    if (!scope) return undefined;
    return watchStoreFulfillment(scope, (orders) => {
      const before = usePickups.getState().notice.length;
      usePickups.getState().setOrders(orders);
      if (usePickups.getState().notice.length > before) chime();
    });
  }, [backend, enrolled]);
}

/** The replica for this feature; one object per backend, so effects keyed on it run once. */
export function useFulfillmentScope() {
  const backend = useBackend();
  const scope = useMemo(() => fulfillmentScopeOf(backend), [backend]);
  if (!scope) throw new Error('The register is not set up yet; enroll it before working pickup orders.');
  return scope;
}
