// Which replicated writes become webhook events, and what they carry. Event ids are the document's
// collection, id and server sequence: one write is one event, however often it is read again.
import type { StoredDocument } from '../../storage/storage';

export const WEBHOOK_EVENTS = [
  'order.created',
  'order.updated',
  'return.created',
  'fulfillment.status',
  'inventory.low',
  /** A store's business day closed and its journal was built (queued by the nightly journal push). */
  'journal.ready',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Collections the webhook follower reads, in this order. */
export const FOLLOWED = ['orders', 'returns', 'fulfillment_orders', 'inventory_levels'] as const;

/** Available stock at or below this raises inventory.low. */
export const LOW_STOCK = 2;

export interface EventEnvelope {
  id: string;
  type: WebhookEvent;
  createdAt: string;
  data: Record<string, unknown>;
}

export function eventOf(doc: StoredDocument, at: string): EventEnvelope | null {
  if (doc.deleted) return null;
  const d = doc.data;
  const id = `${doc.collection}:${doc.id}:${doc.seq}`;
  const { _deleted: _flag, ...data } = d;
  switch (doc.collection) {
    case 'orders':
      // A register writes createdAt = updatedAt when it first stores an order; later writes move updatedAt.
      return { id, type: d.createdAt === d.updatedAt ? 'order.created' : 'order.updated', createdAt: at, data };
    case 'returns':
      return { id, type: 'return.created', createdAt: at, data };
    case 'fulfillment_orders':
      return { id, type: 'fulfillment.status', createdAt: at, data };
    case 'inventory_levels':
      return typeof d.available === 'number' && d.available <= LOW_STOCK
        ? { id, type: 'inventory.low', createdAt: at, data }
        : null;
    default:
      return null;
  }
}
