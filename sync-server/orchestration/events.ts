// Order events orchestration writes: every step says who (the server), when and why.
import type { OrderEvent } from '../../shared/schemas/order-events';
import type { PolicyMap } from '../replication/policy';
import type { DocumentWrite } from '../storage/storage';
import { SERVER_ACTOR, serverWrite } from './documents';

type Payload<K extends OrderEvent['type']> = Extract<OrderEvent, { type: K }>['payload'];

export function eventWrite<K extends OrderEvent['type']>(
  policies: PolicyMap,
  newId: () => string,
  at: { orderId: string; storeId: string; now: string },
  type: K,
  payload: Payload<K>,
): DocumentWrite {
  const event = {
    id: newId(),
    orderId: at.orderId,
    storeId: at.storeId,
    actor: SERVER_ACTOR,
    type,
    payload,
    createdAt: at.now,
    updatedAt: at.now,
  };
  return serverWrite(policies, 'order_events', event as unknown as Record<string, unknown>);
}
