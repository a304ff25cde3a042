// Custom (open-price) items pushed by a register: the server reads the product and the approver
// itself. Refused without a price_override approval, with a clerk's approval, over the product's
// maximum, unmarked, or marked on a fixed-price product; accepted with a supervisor's approval,
// and the sale moves no stock of the custom item. Both backends.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_PRICE_REASON } from '../../shared/orders/open-price';
import { fixtures } from '../support/fixtures/documents';
import {
  backends,
  pushRows,
  type Api,
  type EnrolledDevice,
  type TestServer,
  startTwoStoreServer,
} from './server-harness';
import { movementDoc, orderDoc, productDoc } from './server-fixtures';

interface Rejected {
  id: string;
  code: string;
  field: string;
}

const misc: Record<string, unknown> = {
  ...productDoc('MISC-HW', 0),
  name: 'Misc. housewares',
  openPrice: { maxPrice: 50_000 },
};
const mug = productDoc('MUG-1', 1299);
const clerk = { ...fixtures.staff, id: randomUUID(), loginCode: '7001', role: 'clerk', allStores: true, storeIds: [] };
const supervisor = { ...clerk, id: randomUUID(), loginCode: '7002', role: 'supervisor', displayName: 'Sam Super' };

function customOrder(
  storeId: string,
  line: { product?: Record<string, unknown>; price?: number; reason?: string | null; approvedBy?: string | null },
): Record<string, unknown> {
  const product = line.product ?? misc;
  const approvedBy = line.approvedBy === undefined ? supervisor.id : line.approvedBy;
  const reason = line.reason === undefined ? OPEN_PRICE_REASON : line.reason;
  const price = line.price ?? 2500;
  return orderDoc(storeId, {
    lines: [
      {
        id: randomUUID(),
        productId: product.id,
        sku: product.sku,
        name: product.name,
        taxCategory: 'standard',
        quantity: 1,
        unitPrice: price,
        ...(reason === null
          ? {}
          : {
              priceOverride: {
                originalUnitPrice: 0,
                reason,
                ...(approvedBy === null
                  ? {}
                  : { approval: { eventId: randomUUID(), approvedBy, action: 'price_override' } }),
              },
            }),
        note: 'gift basket',
        discounts: [],
        taxes: [],
        fulfillment: 'carry_out',
      },
    ],
  });
}

describe.each(backends)('custom items on %s', (backend) => {
  let server: TestServer;
  let hq: Api;
  let a: EnrolledDevice;

  beforeAll(async () => {
    ({ server, hq, a } = await startTwoStoreServer(backend));
    expect((await hq.post('/sync/products/push', pushRows([misc, mug]))).status).toBe(200);
    expect((await hq.post('/sync/staff/push', pushRows([clerk, supervisor]))).status).toBe(200);
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('refuses a custom item without a supervisor approval, over its maximum, or unmarked', async () => {
    const none = customOrder(a.storeId, { approvedBy: null });
    const byClerk = customOrder(a.storeId, { approvedBy: clerk.id });
    const byStranger = customOrder(a.storeId, { approvedBy: randomUUID() });
    const over = customOrder(a.storeId, { price: 50_001 });
    const unmarked = customOrder(a.storeId, { reason: null });
    const fixed = customOrder(a.storeId, { product: mug });
    const pushed = await a.api.post<{ rejected: Rejected[] }>(
      '/sync/orders/push',
      pushRows([none, byClerk, byStranger, over, unmarked, fixed]),
    );
    expect(pushed.status).toBe(200);
    expect(pushed.body.rejected.map((r) => [r.id, r.code, r.field])).toEqual([
      [none.id, 'SYNC_APPROVAL_MISSING', 'lines.0.priceOverride.approval'],
      [byClerk.id, 'SYNC_APPROVAL_MISSING', 'lines.0.priceOverride.approval.approvedBy'],
      [byStranger.id, 'SYNC_APPROVAL_MISSING', 'lines.0.priceOverride.approval.approvedBy'],
      [over.id, 'SYNC_INVALID_DOCUMENT', 'lines.0.unitPrice'],
      [unmarked.id, 'SYNC_INVALID_DOCUMENT', 'lines.0.priceOverride'],
      [fixed.id, 'SYNC_INVALID_DOCUMENT', 'lines.0.priceOverride.reason'],
    ]);
  });

  it('accepts one approved by a supervisor; a fixed-price sale is unaffected; no stock moves for it', async () => {
    const custom = customOrder(a.storeId, {});
    const plain = orderDoc(a.storeId);
    const pushed = await a.api.post<{ rejected: Rejected[] }>('/sync/orders/push', pushRows([custom, plain]));
    expect(pushed.body.rejected).toEqual([]);
    // The register writes movements only for stocked lines (shared/orders/sale-documents.ts).
    const sold = movementDoc(a.storeId, String(mug.sku), 'sale', -1, String(plain.id));
    const moved = await a.api.post<{ rejected: Rejected[] }>('/sync/inventory_movements/push', pushRows([sold]));
    expect(moved.body.rejected).toEqual([]);
    const levels = await hq.get<{ documents: { sku: string; storeId: string; onHand: number }[] }>(
      '/sync/inventory_levels/pull?seq=0&limit=1000',
    );
    const ours = levels.body.documents.filter((l) => l.storeId === a.storeId);
    expect(ours.map((l) => [l.sku, l.onHand])).toEqual([['MUG-1', -1]]);
    const orders = await hq.get<{ documents: { id: string; lines: { note?: string; unitPrice: number }[] }[] }>(
      '/sync/orders/pull?seq=0&limit=1000',
    );
    expect(orders.body.documents.find((d) => d.id === custom.id)?.lines[0]).toMatchObject({
      note: 'gift basket',
      unitPrice: 2500,
    });
  });
});
