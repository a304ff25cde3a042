// Stock movements derived from documents: a fulfillment order's reservation and its release, the
// sale when it is handed over, and the restock of a return. Ids are name-based (UUIDv5 of what the
// movement is about), so running a step twice yields the same documents and the push is a no-op.
import { uuidv5 } from '../ids/uuidv5';
import type { FulfillmentOrder } from '../schemas/fulfillment-orders';
import type { InventoryMovement } from '../schemas/inventory';
import type { Return } from '../schemas/returns';
import type { LedgerMovement } from './ledger';
import type { MovementType } from './movement-types';

export interface MovementContext {
  deviceId: string;
  at: string;
  staffId?: string;
}

type Reference = Pick<InventoryMovement, 'referenceType' | 'referenceId'>;

function movement(
  name: string,
  storeId: string,
  sku: string,
  type: MovementType,
  quantity: number,
  ref: Reference,
  ctx: MovementContext,
): InventoryMovement {
  return {
    id: uuidv5(name),
    storeId,
    sku,
    type,
    quantity,
    ...ref,
    deviceId: ctx.deviceId,
    ...(ctx.staffId ? { staffId: ctx.staffId } : {}),
    createdAt: ctx.at,
    updatedAt: ctx.at,
  };
}

/** Holds every unit of the fulfillment order at its assigned store (made when orchestration routes it there). */
export function reservationMovements(fo: FulfillmentOrder, ctx: MovementContext): InventoryMovement[] {
  const ref: Reference = { referenceType: 'fulfillment_order', referenceId: fo.id };
  return fo.lines.map((l) =>
    movement(`reservation:${fo.id}:${l.id}`, fo.assignedStoreId, l.sku, 'reservation', l.quantity, ref, ctx),
  );
}

/**
 * Closes a fulfillment order's hold. Handed over (picked up or shipped): the reservation is released
 * and the picked units leave stock as a sale. Cancelled or rejected: only the release, so the
 * units are free to sell or to route to another order.
 */
export function closingMovements(
  fo: FulfillmentOrder,
  outcome: 'handed_over' | 'released',
  ctx: MovementContext,
): InventoryMovement[] {
  const ref: Reference = { referenceType: 'fulfillment_order', referenceId: fo.id };
  const out: InventoryMovement[] = [];
  for (const l of fo.lines) {
    out.push(movement(`release:${fo.id}:${l.id}`, fo.assignedStoreId, l.sku, 'release', -l.quantity, ref, ctx));
    if (outcome === 'handed_over' && l.pickedQuantity > 0) {
      out.push(movement(`sale:${fo.id}:${l.id}`, fo.assignedStoreId, l.sku, 'sale', -l.pickedQuantity, ref, ctx));
    }
  }
  return out;
}

/** Puts returned units back on the shelf of the store that took the return; damaged units are not restocked. */
export function returnMovements(ret: Return, ctx: MovementContext): InventoryMovement[] {
  const ref: Reference = { referenceType: 'return', referenceId: ret.id };
  return ret.lines
    .filter((l) => l.restock)
    .map((l) => movement(`return:${ret.id}:${l.id}`, ret.storeId, l.sku, 'return', l.quantity, ref, ctx));
}

/** A ledger movement (e.g. from shipMovements) as the inventory_movements document that records it. */
export function movementDocument(m: LedgerMovement, ref: Reference, ctx: MovementContext): InventoryMovement {
  return {
    ...m,
    ...ref,
    deviceId: ctx.deviceId,
    ...(ctx.staffId ? { staffId: ctx.staffId } : {}),
    createdAt: ctx.at,
    updatedAt: ctx.at,
  };
}
