// Intake validation: turns what a web shop sent into an order document (lines looked up by SKU,
// re-priced from the store's price book, taxed by shared/tax), or the exception reason that
// parks it. Nothing here writes; intake.ts does, in one transaction.
import { isDomainError } from '../../shared/errors';
import { money, percentToPpm } from '../../shared/money';
import { priceCart, type CartLineInput } from '../../shared/pricing';
import { destinationJurisdiction, jurisdictionFromConfig, type TaxDestination, type TaxStore } from '../../shared/tax';
import type { Order } from '../../shared/schemas/orders';
import type { OrderLine } from '../../shared/schemas/order-lines';
import type { Catalog, StoreConfig } from './catalog';
import { ExceptionReason } from './errors';
import type { IntakePayload } from './intake-schema';

export interface ChannelKey {
  id: string;
  channel: 'web' | 'mobile' | 'phone';
  code: string;
  name: string;
  homeStoreId: string;
}

export interface Refusal {
  ok: false;
  reason: ExceptionReason;
  message: string;
  details: Record<string, unknown>;
}

export interface OrderDraft {
  ok: true;
  /** Everything but id, orderNumber, status and timestamps. */
  order: Omit<Order, 'id' | 'orderNumber' | 'status' | 'createdAt' | 'updatedAt'>;
  /** Store whose price book and tax applied: the pickup store, or the channel's home store. */
  store: StoreConfig;
  pickupStore: StoreConfig | undefined;
  /** Where a parcel goes, for routing distance. */
  destination: { lat: number; lon: number };
  /** Order total plus shipping: what is authorised on the card. */
  amountDue: number;
}

export interface BuildOptions {
  /** Largest difference per unit, in minor units, between the shop's price and the price book. */
  priceToleranceMinor: number;
  newId: () => string;
}

const refuse = (reason: ExceptionReason, message: string, details: Record<string, unknown> = {}): Refusal => ({
  ok: false,
  reason,
  message,
  details,
});

export function buildOrderDraft(
  payload: IntakePayload,
  channel: ChannelKey,
  catalog: Catalog,
  options: BuildOptions,
): OrderDraft | Refusal {
  const f = payload.fulfillment;
  let pickupStore: StoreConfig | undefined;
  if (f.method === 'pickup') {
    pickupStore = catalog.storeByCode(f.pickupStoreCode);
    if (!pickupStore)
      return refuse(
        ExceptionReason.PICKUP_STORE_UNAVAILABLE,
        `No store has the code ${f.pickupStoreCode}; offer the customer one of the chain's pickup stores.`,
        { pickupStoreCode: f.pickupStoreCode },
      );
    if (!pickupStore.payload.pickupEnabled) {
      return refuse(
        ExceptionReason.PICKUP_STORE_UNAVAILABLE,
        `Store ${pickupStore.payload.code} does not offer pickup; ask the customer to choose another store.`,
        { pickupStoreCode: pickupStore.payload.code },
      );
    }
  } else if (!f.shippingAddress) {
    return refuse(
      ExceptionReason.NO_SHIPPING_ADDRESS,
      'A ship order needs a shipping address; ask the customer for one and retry.',
    );
  }
  const store = pickupStore ?? catalog.storeById(channel.homeStoreId);
  if (!store)
    return refuse(
      ExceptionReason.INVALID_ORDER,
      `The channel's home store ${channel.homeStoreId} is not an active store; HQ must give the channel another home store.`,
    );
  if (payload.currency !== store.payload.currency) {
    return refuse(
      ExceptionReason.INVALID_ORDER,
      `The order is in ${payload.currency} but store ${store.payload.code} sells in ${store.payload.currency}.`,
    );
  }

  const unknown: string[] = [];
  const mismatches: { sku: string; charged: number; priceBook: number }[] = [];
  const resolved = payload.lines.map((line) => {
    const product = catalog.productBySku(line.sku);
    const book = product?.prices.find((p) => p.priceBookId === store.payload.priceBookId)?.amount;
    if (!product || book === undefined || product.unit !== 'each') unknown.push(line.sku);
    else if (Math.abs(line.unitPrice - book) > options.priceToleranceMinor)
      mismatches.push({ sku: line.sku, charged: line.unitPrice, priceBook: book });
    return { line, product, book: book ?? 0, id: options.newId() };
  });
  if (unknown.length > 0) {
    return refuse(
      ExceptionReason.UNKNOWN_SKU,
      `These SKUs are not sold by the chain (or not by the piece): ${unknown.join(', ')}. Fix the shop's catalog mapping, then retry.`,
      { skus: unknown },
    );
  }
  if (mismatches.length > 0) {
    const list = mismatches.map((m) => `${m.sku} charged ${m.charged}, price book ${m.priceBook}`).join('; ');
    return refuse(
      ExceptionReason.PRICE_MISMATCH,
      `Prices differ from the price book by more than ${options.priceToleranceMinor} minor units: ${list}.`,
      { lines: mismatches },
    );
  }

  // Taxed where the customer takes the goods: the pickup store, or the delivery address.
  const taxStore = (s: StoreConfig): TaxStore => ({
    jurisdiction: s.payload.taxJurisdiction,
    address: s.payload.address,
  });
  const taxDestination: TaxDestination =
    f.method === 'ship' && f.shippingAddress
      ? { kind: 'ship', address: f.shippingAddress }
      : { kind: 'pickup', store: taxStore(store) };
  const rules = catalog.taxRules();
  const taxedBy = destinationJurisdiction(
    taxDestination,
    new Set(rules.filter((r) => r.active).map((r) => r.payload.jurisdiction)),
    catalog.stores().map(taxStore),
  );
  if (!taxedBy) {
    const a = f.method === 'ship' ? f.shippingAddress : undefined;
    const where = a ? [a.city, a.region, a.country].filter(Boolean).join(', ') : 'the destination';
    return refuse(
      ExceptionReason.NO_TAX_RULES,
      `No tax rules cover ${where}. HQ must publish tax rules for ${a ? `${a.country}${a.region ? `-${a.region}` : ''}` : 'it'} (a 0% rule where the chain collects no tax), then retry.`,
      { country: a?.country, region: a?.region, city: a?.city, postalCode: a?.postalCode },
    );
  }
  let jurisdiction;
  try {
    jurisdiction = jurisdictionFromConfig(taxedBy.code, rules);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return refuse(ExceptionReason.INVALID_ORDER, error.message);
  }
  const inputs: CartLineInput[] = resolved.map(({ line, product, book, id }) => ({
    key: id,
    sku: line.sku,
    category: product?.category ?? product?.department ?? '',
    department: product?.department,
    taxCategory: product?.taxCategory ?? '',
    quantity: line.quantity,
    unitPrice: money(book, payload.currency),
    ...(line.unitPrice !== book
      ? {
          priceOverride: {
            unitPrice: money(line.unitPrice, payload.currency),
            reason: 'price charged by the web shop',
          },
        }
      : {}),
  }));
  const totals = priceCart({ currency: payload.currency, lines: inputs, jurisdiction });
  const priced = new Map(totals.lines.map((l) => [l.key, l]));
  const method = f.method;
  const lines: OrderLine[] = resolved.map(({ product, id }) => {
    const p = priced.get(id);
    if (!product || !p) throw new Error('priced line missing');
    return {
      id,
      productId: product.id,
      sku: product.sku,
      name: product.name,
      taxCategory: product.taxCategory,
      quantity: p.quantity,
      unitPrice: p.unitPrice,
      ...(p.unitPrice !== p.listUnitPrice
        ? { priceOverride: { originalUnitPrice: p.listUnitPrice, reason: 'price charged by the web shop' } }
        : {}),
      discounts: [],
      taxes: p.taxComponents.map((t) => ({
        jurisdiction: jurisdiction.code,
        name: t.name,
        ratePpm: percentToPpm(t.percent),
        taxableAmount: p.discounted,
        amount: t.amount,
      })),
      fulfillment: method,
    };
  });
  const shippingCost = f.method === 'ship' ? (f.shippingCost ?? 0) : 0;
  const home = catalog.storeById(channel.homeStoreId) ?? store;
  const destination =
    f.method === 'ship' && f.location
      ? { lat: f.location.lat, lon: f.location.lng }
      : { lat: (pickupStore ?? home).payload.location.lat, lon: (pickupStore ?? home).payload.location.lng };
  const order: OrderDraft['order'] = {
    channel: channel.channel,
    storeId: store.id,
    ...(payload.externalRef ? { externalRef: payload.externalRef } : {}),
    ...(payload.customer.email ? { customerEmail: payload.customer.email } : {}),
    currency: payload.currency,
    priceBookId: store.payload.priceBookId,
    taxJurisdiction: jurisdiction.code,
    taxMode: jurisdiction.mode,
    taxRounding: jurisdiction.rounding,
    taxExempt: false,
    lines,
    orderDiscounts: [],
    totals: {
      subtotal: totals.subtotal.amount,
      discountTotal: totals.discountTotal.amount,
      taxTotal: totals.taxTotal.amount,
      total: totals.grandTotal.amount,
    },
    fulfillment:
      f.method === 'pickup'
        ? { method: 'pickup', pickupStoreId: store.id }
        : {
            method: 'ship',
            ...(f.shippingAddress ? { shippingAddress: f.shippingAddress } : {}),
            ...(f.shippingMethod ? { shippingMethod: f.shippingMethod } : {}),
            ...(f.shippingCost !== undefined ? { shippingCost: f.shippingCost } : {}),
          },
    ...(payload.notes ? { notes: payload.notes } : {}),
  };
  return { ok: true, order, store, pickupStore, destination, amountDue: totals.grandTotal.amount + shippingCost };
}
