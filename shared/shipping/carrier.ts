// The carrier port: what ship-from-store needs from a parcel carrier (rates, a label with a
// tracking number, tracking events). Real carriers and the built-in simulator implement it.
import type { z } from 'zod';
import type { postalAddress } from '../schemas/fields';

export type PostalAddress = z.output<typeof postalAddress>;

export const ShippingError = {
  INVALID_PARCEL: 'SHIPPING_INVALID_PARCEL',
  INVALID_ADDRESS: 'SHIPPING_INVALID_ADDRESS',
  UNKNOWN_SERVICE: 'SHIPPING_UNKNOWN_SERVICE',
  UNKNOWN_TRACKING: 'SHIPPING_UNKNOWN_TRACKING',
  LABEL_TEXT: 'SHIPPING_LABEL_TEXT',
} as const;

export interface Parcel {
  /** Id of the box preset ('S', 'M', 'L') or 'custom'. */
  boxId: string;
  lengthMm: number;
  widthMm: number;
  heightMm: number;
  weightGrams: number;
}

export interface RateQuote {
  carrier: string;
  service: string;
  /** Minor units in `currency`. */
  cost: number;
  currency: string;
  days: number;
}

export interface LabelRequest {
  reference: string;
  from: PostalAddress;
  to: PostalAddress;
  parcel: Parcel;
  service: string;
  currency: string;
}

export interface ShippingLabel {
  carrier: string;
  service: string;
  trackingNumber: string;
  cost: number;
  currency: string;
  /** Everything a printed label shows; the ZPL and HTML renderings are made from this. */
  label: LabelRequest & { trackingNumber: string; carrier: string; createdAt: string };
}

export const TrackingStatus = {
  LABEL_CREATED: 'label_created',
  IN_TRANSIT: 'in_transit',
  OUT_FOR_DELIVERY: 'out_for_delivery',
  DELIVERED: 'delivered',
} as const;
export type TrackingStatus = (typeof TrackingStatus)[keyof typeof TrackingStatus];

export interface TrackingEvent {
  trackingNumber: string;
  status: TrackingStatus;
  at: string;
}

export interface CarrierPort {
  readonly name: string;
  rates(to: PostalAddress, parcel: Parcel, currency: string): Promise<RateQuote[]>;
  createLabel(request: LabelRequest): Promise<ShippingLabel>;
  track(trackingNumber: string): Promise<TrackingEvent[]>;
}
