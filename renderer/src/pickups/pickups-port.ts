// What the pickups screens need from the register's data, as its own port (not part of Backend):
// the RxDB implementation is renderer/src/local-data/fulfillment-data.ts.
import type { FulfillmentScope } from '../local-data/fulfillment-data';

/** A backend that can hand out the replica for fulfillment work (RxBackend can). */
interface WithFulfillment {
  fulfillmentScope(): FulfillmentScope | undefined;
}

export function fulfillmentScopeOf(backend: object): FulfillmentScope | undefined {
  const candidate = backend as Partial<WithFulfillment>;
  return typeof candidate.fulfillmentScope === 'function' ? candidate.fulfillmentScope() : undefined;
}
