// Routes (part of) an order inside the caller's write transaction and makes the plan real:
// reservation movements (projected into inventory_levels in the same transaction), fulfillment
// orders scoped to the assigned stores, capacity used, order events. Stock is read inside the
// transaction and writers are serialised by the storage layer, so two orders can never both
// reserve the last unit.
import { pickupCode } from '../../shared/ids/pickup-code';
import { inventoryLevelId } from '../../shared/schemas/inventory';
import type { FulfillmentOrder } from '../../shared/schemas/fulfillment-orders';
import type { InventoryMovement } from '../../shared/schemas/inventory';
import type { Order } from '../../shared/schemas/orders';
import {
  planRoute,
  PlanKind,
  type Destination,
  type RouteLine,
  type RoutePlan,
  type RoutingStore,
} from '../../shared/routing';
import type { AfterWrite } from '../replication/push';
import type { PolicyMap } from '../replication/policy';
import type { DocumentWrite, WriteTx } from '../storage/storage';
import type { Catalog } from './catalog';
import { SERVER_ACTOR, serverWrite } from './documents';
import { enqueueJob } from '../jobs/outbox';
import type { OrchestrationSettings } from './context';
import { offlineStores } from './presence';

export interface PlacementDeps {
  catalog: Catalog;
  policies: PolicyMap;
  afterWrite: AfterWrite | undefined;
  newId: () => string;
  settings: RoutingSettings & { acceptTimeoutMs: number };
}

export type RoutingSettings = Pick<OrchestrationSettings, 'safetyStock' | 'offlineMs'>;

export interface PlacementInput {
  order: Pick<Order, 'id' | 'orderNumber'>;
  lines: readonly (RouteLine & { productId: string; name: string })[];
  destination: Destination;
  exclude: readonly string[];
  customer: FulfillmentOrder['customer'];
  shippingAddress?: FulfillmentOrder['shippingAddress'];
  rerouteCount: number;
  previousFulfillmentOrderId?: string;
  now: string;
  why: string;
}

export interface Placement {
  plan: RoutePlan;
  fulfillmentOrders: FulfillmentOrder[];
}

/**
 * The chain as the router needs it, read inside the transaction: each store's configuration
 * (pickup, ship, capacity per day, `routing.safetyStock` and `routing.shippingCost`), the
 * capacity used today, whether a register was seen recently, and the stock levels.
 */
export async function routingInput(
  tx: Pick<WriteTx, 'getDocuments' | 'query'>,
  catalog: Catalog,
  skus: readonly string[],
  now: string,
  settings: RoutingSettings,
) {
  const day = now.slice(0, 10);
  const stores = catalog.stores();
  const offline = await offlineStores(tx, now, settings.offlineMs);
  const ids = stores.flatMap((s) => skus.map((sku) => inventoryLevelId(s.id, sku)));
  const levels = await tx.getDocuments('inventory_levels', ids);
  const used = new Map(
    (
      await tx.query<{ store_id: string; used: number }>('SELECT store_id, used FROM store_capacity WHERE day = ?', [
        day,
      ])
    ).map((r) => [r.store_id, Number(r.used)]),
  );
  const routingStores: RoutingStore[] = stores.map((s) => ({
    id: s.id,
    location: { lat: s.payload.location.lat, lon: s.payload.location.lng },
    acceptsPickup: s.payload.pickupEnabled,
    acceptsShip: s.payload.shipFromStore,
    capacityRemaining: s.payload.capacityPerDay - (used.get(s.id) ?? 0),
    shippingCost: s.payload.routing?.shippingCost ?? 0,
    safetyStock: s.payload.routing?.safetyStock ?? settings.safetyStock,
    online: !offline.has(s.id),
  }));
  const stock = [...levels.values()]
    .filter((l) => !l.deleted)
    .map((l) => ({ storeId: String(l.data.storeId), sku: String(l.data.sku), available: Number(l.data.available) }));
  return { stores: routingStores, stock };
}

export async function placeOrder(tx: WriteTx, deps: PlacementDeps, input: PlacementInput): Promise<Placement> {
  const day = input.now.slice(0, 10);
  const skus = [...new Set(input.lines.map((l) => l.sku))];
  const { stores, stock } = await routingInput(tx, deps.catalog, skus, input.now, deps.settings);
  const plan = planRoute(stores, stock, {
    lines: input.lines,
    destination: input.destination,
    excludeStoreIds: input.exclude,
  });
  if (plan.kind !== PlanKind.ROUTED) return { plan, fulfillmentOrders: [] };

  const movements: DocumentWrite[] = [];
  const fos: FulfillmentOrder[] = [];
  const byLine = new Map(input.lines.map((l) => [l.lineId, l]));
  for (const allocation of plan.allocations) {
    const foId = deps.newId();
    const reservationIds: string[] = [];
    for (const line of allocation.lines) {
      const movement: InventoryMovement = {
        id: deps.newId(),
        storeId: allocation.storeId,
        sku: line.sku,
        type: 'reservation',
        quantity: line.quantity,
        referenceType: 'fulfillment_order',
        referenceId: foId,
        deviceId: SERVER_ACTOR.deviceId,
        reason: `reserved for order ${input.order.orderNumber}`,
        createdAt: input.now,
        updatedAt: input.now,
      };
      reservationIds.push(movement.id);
      movements.push(serverWrite(deps.policies, 'inventory_movements', movement as unknown as Record<string, unknown>));
    }
    const fo: FulfillmentOrder = {
      id: foId,
      orderId: input.order.id,
      orderNumber: input.order.orderNumber,
      assignedStoreId: allocation.storeId,
      type: plan.method,
      status: 'allocated',
      lines: allocation.lines.map((line) => {
        const source = byLine.get(line.lineId);
        return {
          id: deps.newId(),
          orderLineId: line.lineId,
          productId: source?.productId ?? '',
          sku: line.sku,
          name: source?.name ?? line.sku,
          quantity: line.quantity,
          pickedQuantity: 0,
          shortQuantity: 0,
        };
      }),
      customer: input.customer,
      ...(plan.method === 'pickup' ? { pickupCode: pickupCode() } : {}),
      ...(input.shippingAddress ? { shippingAddress: input.shippingAddress } : {}),
      reservationMovementIds: reservationIds,
      rerouteCount: input.rerouteCount,
      ...(input.previousFulfillmentOrderId ? { previousFulfillmentOrderId: input.previousFulfillmentOrderId } : {}),
      history: [{ status: 'allocated', at: input.now, by: SERVER_ACTOR, reason: input.why.slice(0, 200) }],
      createdAt: input.now,
      updatedAt: input.now,
    };
    fos.push(fo);
    // A store that has not started picking by then loses the order to another store.
    const due = new Date(Date.parse(input.now) + deps.settings.acceptTimeoutMs).toISOString();
    await enqueueJob(
      tx,
      {
        id: deps.newId(),
        kind: 'accept_timeout',
        dedupeKey: `accept_timeout:${foId}`,
        payload: { fulfillmentOrderId: foId },
        runAt: due,
      },
      input.now,
    );
    await tx.query(
      `INSERT INTO store_capacity (store_id, day, used) VALUES (?, ?, 1)
       ON CONFLICT (store_id, day) DO UPDATE SET used = store_capacity.used + 1`,
      [allocation.storeId, day],
    );
  }
  const written = await tx.putDocuments(movements);
  await deps.afterWrite?.(tx, 'inventory_movements', written);
  await tx.putDocuments(
    fos.map((fo) => serverWrite(deps.policies, 'fulfillment_orders', fo as unknown as Record<string, unknown>)),
  );
  return { plan, fulfillmentOrders: fos };
}
