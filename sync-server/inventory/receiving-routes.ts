// Receiving: HQ creates purchase orders / ASNs (JSON or CSV); a store lists its open ones, reads
// one (expected lines and cartons) and closes it with what it counted, which writes the receipt
// movements through the ordinary push path (so the projection and alerts run) and records the
// outcome (over / short / damaged) on the document.
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../shared/errors';
import { movementDocument } from '../../shared/inventory/documents';
import { InventoryError } from '../../shared/inventory/errors';
import {
  type CountedLine,
  parsePurchaseOrder,
  type PurchaseOrder,
  receiptMovements,
  receivingOutcome,
  ReceivingStatus,
} from '../../shared/inventory/receiving';
import { HQ_PRINCIPAL, type Principal } from '../auth/auth-service';
import { SyncError } from '../errors';
import { authenticate } from '../http/auth-routes';
import type { ServerContext } from '../http/context';
import { canonicalJson } from '../replication/canonical';
import { pushBatch } from '../replication/push';
import { purchaseOrdersFromCsv } from './purchase-order-csv';
import { getPurchaseOrder, listPurchaseOrders, putPurchaseOrders } from './receiving-store';
import type { StoreDirectory } from './store-directory';

export const RECEIVING_PATHS = {
  hqCreate: '/api/hq/inventory/purchase-orders',
  hqCsv: '/api/hq/inventory/purchase-orders/csv',
  list: '/api/inventory/purchase-orders',
  one: '/api/inventory/purchase-orders/:id',
  close: '/api/inventory/purchase-orders/:id/close',
} as const;

function requireHq(principal: Principal): void {
  if (principal.kind !== 'hq')
    throw new DomainError(SyncError.FORBIDDEN, 'Purchase orders and ASNs are created by head office.');
}

function parseCounted(body: unknown): CountedLine[] {
  const lines = (body as { lines?: unknown } | null)?.lines;
  if (!Array.isArray(lines) || lines.length > 10_000)
    throw new DomainError(
      InventoryError.BAD_RECEIVING_DOCUMENT,
      'Send {"lines": [{"sku", "received", "damaged"}]} with at most 10,000 lines.',
      { field: 'lines' },
    );
  return lines.map((l: unknown, i) => {
    const { sku, received, damaged = 0 } = (l ?? {}) as Record<string, unknown>;
    if (typeof sku !== 'string' || typeof received !== 'number' || typeof damaged !== 'number') {
      throw new DomainError(
        InventoryError.BAD_RECEIVING_DOCUMENT,
        `Line ${i + 1} needs a sku and whole numbers received (and damaged).`,
        { field: `lines.${i}` },
      );
    }
    return { sku, received, damaged };
  });
}

export function registerReceivingRoutes(app: FastifyInstance, ctx: ServerContext, directory: StoreDirectory): void {
  async function create(inputs: unknown[]): Promise<PurchaseOrder[]> {
    const stores = await directory.stores();
    const at = new Date().toISOString();
    const orders: PurchaseOrder[] = [];
    for (const input of inputs) {
      const po = parsePurchaseOrder(input);
      const store = stores.get(po.storeId) ?? [...stores.values()].find((s) => s.code === po.storeId);
      if (!store)
        throw new DomainError(
          InventoryError.UNKNOWN_STORE,
          `Purchase order ${po.number} names store ${po.storeId}, which is not configured.`,
          { field: 'storeId' },
        );
      const existing = await getPurchaseOrder(ctx.storage, po.id);
      const next: PurchaseOrder = {
        ...po,
        storeId: store.id,
        status: ReceivingStatus.OPEN,
        createdAt: existing?.createdAt ?? at,
      };
      if (existing && existing.status !== ReceivingStatus.OPEN)
        throw new DomainError(
          InventoryError.RECEIVING_CLOSED,
          `Purchase order ${po.number} was already received; create a new one for more stock.`,
        );
      orders.push(next);
    }
    await putPurchaseOrders(ctx.storage, orders);
    return orders;
  }

  app.post(RECEIVING_PATHS.hqCreate, async (request, reply) => {
    requireHq(await authenticate(ctx, request));
    const [po] = await create([request.body]);
    return reply.status(201).send(po);
  });

  app.post(RECEIVING_PATHS.hqCsv, async (request, reply) => {
    requireHq(await authenticate(ctx, request));
    const csv = (request.body as { csv?: unknown } | null)?.csv;
    if (typeof csv !== 'string')
      throw new DomainError(InventoryError.BAD_RECEIVING_DOCUMENT, 'Send {"csv": "<the file text>"}.', {
        field: 'csv',
      });
    const orders = await create(purchaseOrdersFromCsv(csv));
    return reply.status(201).send({
      created: orders.map((o) => ({
        id: o.id,
        number: o.number,
        kind: o.kind,
        lines: o.lines.length,
        cartons: o.cartons.length,
      })),
    });
  });

  async function readable(principal: Principal, id: string): Promise<PurchaseOrder> {
    const po = await getPurchaseOrder(ctx.storage, id);
    // Another store's document answers like a missing one: a register learns nothing about it.
    if (!po || (principal.kind === 'device' && principal.storeId !== po.storeId)) {
      throw new DomainError(
        InventoryError.RECEIVING_NOT_FOUND,
        'No such purchase order or ASN for this store: check the number on the delivery note, or ask head office to send it.',
      );
    }
    return po;
  }

  app.get<{ Querystring: { storeId?: string; status?: string } }>(RECEIVING_PATHS.list, async (request) => {
    const principal = await authenticate(ctx, request);
    const storeId = principal.kind === 'device' ? principal.storeId : request.query.storeId;
    if (!storeId)
      throw new DomainError(
        InventoryError.BAD_RECEIVING_DOCUMENT,
        'Head office lists one store at a time: add ?storeId=<id>.',
        { field: 'storeId' },
      );
    const status = request.query.status === ReceivingStatus.CLOSED ? ReceivingStatus.CLOSED : ReceivingStatus.OPEN;
    return { orders: await listPurchaseOrders(ctx.storage, storeId, status) };
  });

  app.get<{ Params: { id: string } }>(RECEIVING_PATHS.one, async (request) =>
    readable(await authenticate(ctx, request), request.params.id),
  );

  app.post<{ Params: { id: string } }>(RECEIVING_PATHS.close, async (request) => {
    const principal = await authenticate(ctx, request);
    const po = await readable(principal, request.params.id);
    const outcome = receivingOutcome(po, parseCounted(request.body));
    if (po.status === ReceivingStatus.CLOSED) {
      // A retried close (the answer was lost) is answered again; a different count is refused.
      if (canonicalJson(po.result) === canonicalJson(outcome)) return po;
      throw new DomainError(
        InventoryError.RECEIVING_CLOSED,
        `Purchase order ${po.number} was closed with other counts; record the difference as an adjustment.`,
      );
    }
    const at = new Date().toISOString();
    const deviceId = principal.kind === 'device' ? principal.deviceId : 'hq';
    const rows = receiptMovements(po.id, po.storeId, outcome).map((m) => ({
      newDocumentState: {
        ...movementDocument(m, { referenceType: 'receipt', referenceId: po.id }, { deviceId, at }),
        reason: `Received ${po.kind === 'asn' ? 'ASN' : 'PO'} ${po.number}`,
        _deleted: false,
      },
    }));
    // Name-based ids: if this close is retried after the movements were stored, they are no-ops.
    const pushed = await pushBatch(
      ctx.storage,
      ctx.policies.get('inventory_movements')!,
      HQ_PRINCIPAL,
      rows,
      ctx.afterWrite,
    );
    if (pushed.rejected.length > 0)
      throw new DomainError(
        InventoryError.BAD_RECEIVING_DOCUMENT,
        `The receipt was refused: ${pushed.rejected[0]!.message}`,
        { field: 'lines' },
      );
    const closed: PurchaseOrder = { ...po, status: ReceivingStatus.CLOSED, closedAt: at, result: outcome };
    await putPurchaseOrders(ctx.storage, [closed]);
    return closed;
  });
}
