// Releasing a fulfillment order's reservations (cancel, re-route) and consuming them at pickup or
// shipment: a `release` movement per reservation gives the reserved units back; consuming also
// takes them off the shelf with a `sale` movement, so on hand and reserved both drop.
import type { FulfillmentOrder } from '../../shared/schemas/fulfillment-orders';
import type { InventoryMovement } from '../../shared/schemas/inventory';
import type { DocumentWrite, WriteTx } from '../storage/storage';
import type { Orchestration } from './context';
import { SERVER_ACTOR, serverWrite } from './documents';

export async function reservationMoves(
  tx: WriteTx,
  o: Orchestration,
  fo: FulfillmentOrder,
  now: string,
  consume: boolean,
): Promise<DocumentWrite[]> {
  const reserved = await tx.getDocuments('inventory_movements', fo.reservationMovementIds);
  const writes: DocumentWrite[] = [];
  for (const id of fo.reservationMovementIds) {
    const m = reserved.get(id)?.data as unknown as InventoryMovement | undefined;
    if (!m || m.type !== 'reservation') continue;
    const base = {
      storeId: m.storeId,
      sku: m.sku,
      referenceType: 'fulfillment_order' as const,
      referenceId: fo.id,
      deviceId: SERVER_ACTOR.deviceId,
      createdAt: now,
      updatedAt: now,
    };
    const release: InventoryMovement = {
      ...base,
      id: o.newId(),
      type: 'release',
      quantity: -m.quantity,
      reason: `${consume ? 'handed over' : 'released'}: order ${fo.orderNumber}`,
    };
    writes.push(serverWrite(o.policies, 'inventory_movements', release as unknown as Record<string, unknown>));
    if (consume) {
      const sale: InventoryMovement = {
        ...base,
        id: o.newId(),
        type: 'sale',
        quantity: -m.quantity,
        reason: `order ${fo.orderNumber}`,
      };
      writes.push(serverWrite(o.policies, 'inventory_movements', sale as unknown as Record<string, unknown>));
    }
  }
  return writes;
}

/** Writes movements and runs the projection so levels move in the same transaction. */
export async function writeMovements(tx: WriteTx, o: Orchestration, writes: DocumentWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const written = await tx.putDocuments(writes);
  await o.afterWrite?.(tx, 'inventory_movements', written);
}
