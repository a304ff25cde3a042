// Shopify-format `orders/create` webhooks: the signature check (base64 HMAC-SHA256 of the raw
// body with the channel's secret, compared in constant time) and the mapping onto the intake
// payload. Shipping lines decide pickup vs delivery: a line whose code or title says "pickup"
// is a pickup, at the store named by its code (`pickup-S001`) or by the note attribute
// `pickup_store_code`. Shopify has already taken the money, so nothing is authorised here.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { minorUnitExponent } from '../../shared/money';

export function validShopifyHmac(rawBody: string, secret: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = createHmac('sha256', secret).update(rawBody, 'utf8').digest();
  let given: Buffer;
  try {
    given = Buffer.from(header, 'base64');
  } catch {
    return false;
  }
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const money = z.union([z.string(), z.number()]);
const address = z.looseObject({
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  name: z.string().nullish(),
  address1: z.string().nullish(),
  address2: z.string().nullish(),
  city: z.string().nullish(),
  province_code: z.string().nullish(),
  zip: z.string().nullish(),
  country_code: z.string().nullish(),
  phone: z.string().nullish(),
  latitude: z.number().nullish(),
  longitude: z.number().nullish(),
});

export const shopifyOrderSchema = z.looseObject({
  id: z.union([z.number(), z.string()]),
  name: z.string().optional(),
  email: z.string().nullish(),
  currency: z.string(),
  line_items: z.array(z.looseObject({ sku: z.string().nullish(), quantity: z.number(), price: money })).min(1),
  shipping_address: address.nullish(),
  shipping_lines: z
    .array(z.looseObject({ code: z.string().nullish(), title: z.string().nullish(), price: money.nullish() }))
    .default([]),
  customer: z
    .looseObject({
      first_name: z.string().nullish(),
      last_name: z.string().nullish(),
      email: z.string().nullish(),
      phone: z.string().nullish(),
    })
    .nullish(),
  note: z.string().nullish(),
  note_attributes: z.array(z.looseObject({ name: z.string(), value: z.string() })).default([]),
});
export type ShopifyOrder = z.output<typeof shopifyOrderSchema>;

/** "19.99" → 1999 in a 2-decimal currency, without floating point. */
export function toMinor(value: string | number, currency: string): number {
  const text = typeof value === 'number' ? value.toFixed(minorUnitExponent(currency)) : value.trim();
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return Number.NaN;
  const exp = minorUnitExponent(currency);
  const fraction = (match[2] ?? '').padEnd(exp, '0');
  if (fraction.length > exp && /[1-9]/.test(fraction.slice(exp))) return Number.NaN;
  return Number(match[1]) * 10 ** exp + Number(fraction.slice(0, exp) || '0');
}

const PICKUP = /pick\s*-?\s*up/i;

/** The intake payload for a Shopify order; fields Shopify leaves empty stay absent. */
export function fromShopify(order: ShopifyOrder): Record<string, unknown> {
  const name =
    [order.customer?.first_name, order.customer?.last_name].filter(Boolean).join(' ') ||
    order.shipping_address?.name ||
    order.email ||
    'Shopify customer';
  const email = order.email ?? order.customer?.email ?? undefined;
  const pickupLine = order.shipping_lines.find((l) => PICKUP.test(l.code ?? '') || PICKUP.test(l.title ?? ''));
  const attribute = order.note_attributes.find((a) => a.name === 'pickup_store_code')?.value;
  const codeFromLine = /pick\s*-?\s*up[-_: ]+([A-Za-z0-9_-]+)/i.exec(pickupLine?.code ?? '')?.[1];
  const a = order.shipping_address;
  const shippingAddress =
    a?.address1 && a.city && a.country_code
      ? {
          name: [a.first_name, a.last_name].filter(Boolean).join(' ') || a.name || undefined,
          line1: a.address1,
          ...(a.address2 ? { line2: a.address2 } : {}),
          city: a.city,
          ...(a.province_code ? { region: a.province_code } : {}),
          ...(a.zip ? { postalCode: a.zip } : {}),
          country: a.country_code.toUpperCase(),
          ...(a.phone ? { phone: a.phone } : {}),
        }
      : undefined;
  const shipping = order.shipping_lines[0];
  const fulfillment = pickupLine
    ? { method: 'pickup', pickupStoreCode: attribute ?? codeFromLine ?? '' }
    : {
        method: 'ship',
        ...(shippingAddress
          ? { shippingAddress: Object.fromEntries(Object.entries(shippingAddress).filter(([, v]) => v !== undefined)) }
          : {}),
        ...(typeof a?.latitude === 'number' && typeof a.longitude === 'number'
          ? { location: { lat: a.latitude, lng: a.longitude } }
          : {}),
        ...(shipping?.title ? { shippingMethod: shipping.title.slice(0, 64) } : {}),
        ...(shipping?.price !== undefined && shipping.price !== null
          ? { shippingCost: toMinor(shipping.price, order.currency) }
          : {}),
      };
  return {
    externalRef: `shopify:${String(order.id)}`,
    currency: order.currency,
    customer: {
      name: name.slice(0, 200),
      ...(email ? { email } : {}),
      ...(order.customer?.phone ? { phone: order.customer.phone } : {}),
    },
    lines: order.line_items.map((l) => ({
      sku: l.sku ?? '',
      quantity: l.quantity,
      unitPrice: toMinor(l.price, order.currency),
    })),
    fulfillment,
    payment: { paidOnPlatform: 'shopify' },
    ...(order.note ? { notes: order.note.slice(0, 1000) } : {}),
  };
}
