// Carrier tracking events: a carrier (or the built-in simulator) posts scan events for parcels it
// carries to POST /api/carriers/:carrier/tracking with its own API key. Each event is applied once
// (by the carrier's event id, a firstTime marker in the same transaction): the fulfillment order's
// shipment gets the latest state and the order gets an event saying what happened where.
import { z } from 'zod';
import { DomainError } from '../../shared/errors';
import type { FulfillmentOrder } from '../../shared/schemas/fulfillment-orders';
import { newCredential, sha256 } from '../auth/tokens';
import { firstTime } from '../jobs/queue';
import type { Storage } from '../storage/storage';
import type { Orchestration } from './context';
import { serverWrite } from './documents';
import { OrdersError } from './errors';
import { eventWrite } from './events';

export const CARRIER_CODE = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export const TRACKING_STATUSES = ['in_transit', 'out_for_delivery', 'delivered', 'exception'] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

const STATUS_WORDS: Readonly<Record<TrackingStatus, string>> = {
  in_transit: 'in transit',
  out_for_delivery: 'out for delivery',
  delivered: 'delivered',
  exception: 'delivery problem',
};

export const trackingEventSchema = z.strictObject({
  /** The carrier's own id of this scan; the same id twice is applied once. */
  eventId: z.string().min(1).max(100),
  trackingNumber: z.string().min(1).max(64),
  status: z.enum(TRACKING_STATUSES),
  /** When the carrier scanned it (ISO 8601); an event older than the shipment's latest does not move it back. */
  occurredAt: z.iso.datetime({ offset: true }),
  location: z.string().max(100).optional(),
  description: z.string().max(200).optional(),
});
export type TrackingEvent = z.output<typeof trackingEventSchema>;

function checkCarrier(carrier: string): void {
  if (!CARRIER_CODE.test(carrier))
    throw new DomainError(
      OrdersError.INVALID_PAYLOAD,
      'A carrier code is 1–40 lower-case letters, digits, - or _ (the code used on shipments, e.g. sim).',
      { field: 'carrier' },
    );
}

/** A new key for the carrier; earlier keys of the carrier are revoked when `rotate` is set. */
export async function createCarrierKey(
  storage: Storage,
  input: { id: string; carrier: string; rotate: boolean },
  now: string,
): Promise<{ id: string; carrier: string; apiKey: string }> {
  checkCarrier(input.carrier);
  const apiKey = `tk_${newCredential()}`;
  if (input.rotate)
    await storage.query('UPDATE carrier_keys SET revoked_at = ? WHERE carrier = ? AND revoked_at IS NULL', [
      now,
      input.carrier,
    ]);
  await storage.query('INSERT INTO carrier_keys (id, carrier, key_hash, created_at) VALUES (?, ?, ?, ?)', [
    input.id,
    input.carrier,
    sha256(apiKey),
    now,
  ]);
  return { id: input.id, carrier: input.carrier, apiKey };
}

/** Revokes every key of the carrier; answers how many were live. */
export async function revokeCarrierKeys(storage: Storage, carrier: string, now: string): Promise<number> {
  checkCarrier(carrier);
  const rows = await storage.query<{ id: string }>(
    'UPDATE carrier_keys SET revoked_at = ? WHERE carrier = ? AND revoked_at IS NULL RETURNING id',
    [now, carrier],
  );
  return rows.length;
}

export async function authenticateCarrier(
  storage: Storage,
  carrier: string,
  authorization: string | undefined,
): Promise<void> {
  checkCarrier(carrier);
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  const rows = match?.[1]
    ? await storage.query<{ carrier: string; revoked_at: string | null }>(
        'SELECT carrier, revoked_at FROM carrier_keys WHERE key_hash = ?',
        [sha256(match[1])],
      )
    : [];
  const row = rows[0];
  if (!row || row.revoked_at || row.carrier !== carrier)
    throw new DomainError(
      OrdersError.UNAUTHENTICATED,
      `Send this carrier's tracking key as "Authorization: Bearer <key>"; HQ creates one with: tsx sync-server/cli.ts carrier-key create --carrier ${carrier}.`,
    );
}

export interface TrackingAnswer {
  applied: boolean;
  fulfillmentOrderId: string;
  orderId: string;
  status: TrackingStatus;
}

/** Applies one event; the caller has authenticated the carrier (authenticateCarrier). */
export async function applyTrackingEvent(
  o: Orchestration,
  carrier: string,
  event: TrackingEvent,
): Promise<TrackingAnswer> {
  checkCarrier(carrier);
  const now = o.now();
  return o.storage.write(async (tx) => {
    const ids = await tx.query<{ id: string }>(
      {
        sqlite:
          "SELECT id FROM documents WHERE collection = 'fulfillment_orders' AND json_extract(data, '$.shipment.trackingNumber') = ? AND json_extract(data, '$.shipment.carrier') = ?",
        postgres:
          "SELECT id FROM documents WHERE collection = 'fulfillment_orders' AND (data::jsonb -> 'shipment' ->> 'trackingNumber') = ? AND (data::jsonb -> 'shipment' ->> 'carrier') = ?",
      },
      [event.trackingNumber, carrier],
    );
    const id = ids[0]?.id;
    const doc = id ? (await tx.getDocuments('fulfillment_orders', [id])).get(id) : undefined;
    const fo = doc?.data as unknown as FulfillmentOrder | undefined;
    if (!doc || !fo?.shipment)
      throw new DomainError(
        OrdersError.NOT_FOUND,
        `No shipment of ${carrier} has tracking number ${event.trackingNumber}; check the number (nothing was stored).`,
      );
    const answer = { fulfillmentOrderId: fo.id, orderId: fo.orderId, status: event.status };
    if (!(await firstTime(tx, `tracking:${carrier}:${event.eventId}`, o.newId(), now)))
      return { ...answer, applied: false };
    const at = new Date(event.occurredAt).toISOString();
    const latest = fo.shipment.tracking;
    if (!latest || latest.at <= at) {
      const next: FulfillmentOrder = {
        ...fo,
        shipment: {
          ...fo.shipment,
          tracking: { status: event.status, at, ...(event.location ? { location: event.location } : {}) },
        },
        updatedAt: now,
      };
      await tx.putDocuments([
        serverWrite(o.policies, 'fulfillment_orders', next as unknown as Record<string, unknown>, doc),
      ]);
    }
    const where = event.location ? ` at ${event.location}` : '';
    const detail = event.description ? `: ${event.description}` : '';
    await tx.putDocuments([
      eventWrite(o.policies, o.newId, { orderId: fo.orderId, storeId: fo.assignedStoreId, now }, 'note', {
        text: `${carrier} ${event.trackingNumber} ${STATUS_WORDS[event.status]}${where} (${at})${detail}`.slice(
          0,
          2000,
        ),
      }),
    ]);
    return { ...answer, applied: true };
  });
}
