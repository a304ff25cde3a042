// Sales, returns and offline payments for HQ console tests: the shared schema fixtures with fresh
// ids, moved into a test store and to a chosen time.
import { randomUUID } from 'node:crypto';
import { fixtures } from '../support/fixtures/documents';
import { formatOrderNumber } from '../../shared/ids/order-number';

let sequence = 100;

export function saleAt(storeId: string, at: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...structuredClone(fixtures.orders),
    id: randomUUID(),
    orderNumber: formatOrderNumber({ storeCode: 'S012', registerCode: 'R03', sequence: ++sequence }),
    storeId,
    createdAt: at,
    completedAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export function returnOf(order: Record<string, unknown>, at: string): Record<string, unknown> {
  return {
    ...structuredClone(fixtures.returns),
    id: randomUUID(),
    originalOrderId: order.id,
    storeId: order.storeId,
    createdAt: at,
    updatedAt: at,
  };
}

export function offlinePayment(
  order: Record<string, unknown>,
  deviceId: string,
  expiresAt: string,
): Record<string, unknown> {
  const at = String(order.createdAt);
  return {
    ...structuredClone(fixtures.payments),
    id: randomUUID(),
    orderId: order.id,
    storeId: order.storeId,
    deviceId,
    status: 'pending_offline',
    offline: { capturedAt: at, expiresAt },
    createdAt: at,
    updatedAt: at,
  };
}

export const SALE_TOTAL = fixtures.orders.totals?.total ?? 0;
export const REFUND_TOTAL = fixtures.returns.refundTotal;
