import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { COLLECTION_NAMES, collections } from './collections';
import { fixtures } from '../../test/support/fixtures/documents';
import { configFixtures } from '../../test/support/fixtures/config';
import { ORDER_EVENT_TYPES } from './order-events';
import { OWNERSHIP, scopeStoreId } from './ownership';
import { SchemaError, parseDocument, parseReplicatedDocument } from './validate';

function refusal(
  collection: Parameters<typeof parseDocument>[0],
  value: unknown,
): { message: string; paths: string[] } {
  try {
    parseDocument(collection, value);
  } catch (error) {
    if (isDomainError(error, SchemaError.INVALID_DOCUMENT)) {
      const issues = (error.details?.['issues'] ?? []) as { path: string }[];
      return { message: error.message, paths: issues.map((i) => i.path) };
    }
    throw error;
  }
  throw new Error(`expected ${collection} document to be refused`);
}

const clone = <T>(v: T): T => structuredClone(v);

describe('RxDB JSON schemas', () => {
  it('defines exactly the twelve collections (the free RxDB edition opens at most 13)', () => {
    expect(COLLECTION_NAMES.sort()).toEqual([
      'config',
      'customers',
      'fulfillment_orders',
      'inventory_levels',
      'inventory_movements',
      'order_events',
      'orders',
      'payments',
      'products',
      'returns',
      'staff',
      'till_shifts',
    ]);
  });

  for (const name of COLLECTION_NAMES) {
    it(`${name}: a whole version from 0, primary key id with maxLength, no RxDB-owned or unsupported keys`, () => {
      const s = collections[name].rxSchema;
      expect(Number.isSafeInteger(s.version) && s.version >= 0).toBe(true);
      expect(s.primaryKey).toBe('id');
      expect(s.type).toBe('object');
      expect(s.required).toContain('id');
      expect(s.properties['id']?.['maxLength']).toBeGreaterThan(0);
      const text = JSON.stringify(s);
      expect(text).not.toContain('"$schema"');
      expect(text).not.toContain('"$ref"');
      expect(text).not.toContain('"default"');
      for (const key of Object.keys(s.properties)) expect(key).toMatch(/^[a-zA-Z][a-zA-Z0-9_]*$/);
      expect(Object.keys(s.properties)).not.toEqual(expect.arrayContaining(['_rev']));
    });

    it(`${name}: every indexed field is required and bounded as RxDB demands`, () => {
      const s = collections[name].rxSchema;
      for (const index of s.indexes) {
        for (const field of typeof index === 'string' ? [index] : index) {
          const part = s.properties[field];
          expect(part, field).toBeDefined();
          expect(s.required).toContain(field);
          if (part?.['type'] === 'string') expect(part['maxLength']).toBeLessThanOrEqual(2048);
          else if (part?.['type'] === 'integer' || part?.['type'] === 'number') {
            expect(part['multipleOf']).toBeDefined();
            expect(Number.isFinite(part['minimum'])).toBe(true);
            expect(Number.isFinite(part['maximum'])).toBe(true);
          } else expect(part?.['type']).toBe('boolean');
        }
      }
    });

    it(`${name}: the fixture passes the validator and the storage shape`, () => {
      expect(() => parseDocument(name, clone(fixtures[name]))).not.toThrow();
      expect(collections[name].storageShape.safeParse(clone(fixtures[name])).success).toBe(true);
    });

    it(`${name}: has an ownership rule with at least one writer`, () => {
      expect(OWNERSHIP[name].writers.length).toBeGreaterThan(0);
    });
  }
});

describe('variants of the union collections', () => {
  for (const [kind, doc] of Object.entries(configFixtures)) {
    it(`config of kind ${kind} passes the validator and the storage shape`, () => {
      expect(() => parseDocument('config', structuredClone(doc))).not.toThrow();
      expect(collections.config.storageShape.safeParse(structuredClone(doc)).success).toBe(true);
    });
  }
  it('has a payload schema for every order event type', () => {
    expect(ORDER_EVENT_TYPES).toEqual(
      expect.arrayContaining(['status_changed', 'note', 'approval', 'receipt_email_requested', 'alert_oversell']),
    );
    const approval = {
      ...clone(fixtures.order_events),
      type: 'approval',
      payload: { action: 'price_override', approvedBy: fixtures.staff.id, amount: 500 },
    };
    expect(() => parseDocument('order_events', approval)).not.toThrow();
    expect(collections.order_events.storageShape.safeParse(approval).success).toBe(true);
  });
});

describe('validation names the offending field', () => {
  it('refuses a negative quantity on an order line', () => {
    const order = clone(fixtures.orders);
    (order.lines[0] as { quantity: number }).quantity = -1;
    const r = refusal('orders', order);
    expect(r.paths).toContain('lines.0.quantity');
    expect(r.message).toContain('lines.0.quantity');
  });
  it('refuses wrong types and fractional money', () => {
    expect(refusal('products', { ...clone(fixtures.products), active: 'yes' }).paths).toContain('active');
    expect(refusal('payments', { ...clone(fixtures.payments), amount: 21.75 }).paths).toContain('amount');
    expect(refusal('orders', { ...clone(fixtures.orders), currency: 'XXX' }).paths).toContain('currency');
    expect(refusal('customers', { ...clone(fixtures.customers), storeCreditBalance: Number.NaN }).paths).toContain(
      'storeCreditBalance',
    );
  });
  it('refuses totals that differ from what the lines add up to, naming the total', () => {
    const r = refusal('orders', {
      ...clone(fixtures.orders),
      totals: { subtotal: 1998, discountTotal: 0, taxTotal: 177, total: 2174 },
    });
    expect(r.paths).toEqual(['totals.total']);
    expect(r.message).toContain('2175');
  });
  it('refuses a status from another channel, duplicate line ids and tax on an exempt order', () => {
    expect(refusal('orders', { ...clone(fixtures.orders), status: 'fulfilled' }).paths).toContain('status');
    const twice = clone(fixtures.orders);
    twice.lines.push({ ...twice.lines[0]! });
    delete twice.totals;
    expect(refusal('orders', twice).paths).toContain('lines.1.id');
    expect(refusal('orders', { ...clone(fixtures.orders), taxExempt: true }).paths).toContain('lines.0.taxes');
  });
  it('refuses a return whose refund does not add up, or whose receipt link is incoherent', () => {
    expect(refusal('returns', { ...clone(fixtures.returns), refundTotal: 1087 }).paths).toContain('refundTotal');
    expect(refusal('returns', { ...clone(fixtures.returns), refundTax: 88 }).paths).toContain('refundTax');
    expect(refusal('returns', { ...clone(fixtures.returns), tenders: [] }).paths).toContain('tenders');
    expect(refusal('returns', { ...clone(fixtures.returns), receiptless: true }).paths).toContain('originalOrderId');
    const inclusive = {
      ...clone(fixtures.returns),
      taxMode: 'inclusive',
      refundTotal: 999,
      tenders: [{ ...fixtures.returns.tenders[0]!, amount: 999 }],
    };
    expect(() => parseDocument('returns', inclusive)).not.toThrow();
  });
  it('refuses a till close that does not add up, and close figures on an open shift', () => {
    const closed = {
      ...clone(fixtures.till_shifts),
      status: 'closed',
      closedBy: fixtures.staff.id,
      closedAt: fixtures.till_shifts.openedAt,
      closingCount: [
        { denomination: 2000, count: 7 },
        { denomination: 25, count: 4 },
      ],
      countedCash: 14_100,
      expectedCash: 14_500,
      overShort: -400,
    };
    expect(() => parseDocument('till_shifts', closed)).not.toThrow();
    expect(refusal('till_shifts', { ...closed, countedCash: 14_000, overShort: -500 }).paths).toContain('countedCash');
    expect(refusal('till_shifts', { ...closed, overShort: 400 }).paths).toContain('overShort');
    const { closedBy: _by, ...noCloser } = closed;
    expect(refusal('till_shifts', noCloser).paths).toContain('closedBy');
    expect(refusal('till_shifts', { ...clone(fixtures.till_shifts), expectedCash: 1 }).paths).toContain('expectedCash');
  });
  it('refuses an order number with a typo in it', () => {
    expect(refusal('orders', { ...clone(fixtures.orders), orderNumber: 'S012-R03-000124-C' }).paths).toContain(
      'orderNumber',
    );
  });
  it('refuses unknown fields instead of silently storing them', () => {
    expect(refusal('products', { ...clone(fixtures.products), colour: 'red' }).message).toContain('colour');
  });
  it('refuses a card number anywhere in a payment, spaced or not', () => {
    const withToken = clone(fixtures.payments);
    withToken.card = { ...withToken.card!, token: '4111111111111111' };
    expect(refusal('payments', withToken).paths).toContain('card.token');
    expect(
      refusal('payments', { ...clone(fixtures.payments), declineReason: 'card 4242 4242 4242 4242 declined' }).paths,
    ).toContain('declineReason');
  });
  it('refuses a card number typed into a note', () => {
    expect(refusal('customers', { ...clone(fixtures.customers), notes: 'pays with 378282246310005' }).paths).toContain(
      'notes',
    );
  });
  it('refuses cash figures that do not add up and card details on a cash payment', () => {
    const cash = {
      ...clone(fixtures.payments),
      method: 'cash',
      card: undefined,
      amount: 2175,
      cash: { tendered: 3000, change: 825 },
    };
    expect(() => parseDocument('payments', cash)).not.toThrow();
    expect(refusal('payments', { ...cash, cash: { tendered: 3000, change: 800 } }).paths).toContain('cash');
    expect(refusal('payments', { ...cash, card: fixtures.payments.card }).paths).toContain('card');
  });
  it('refuses a card payment without token and an offline payment without expiry', () => {
    const { card: _card, ...noCard } = clone(fixtures.payments);
    expect(refusal('payments', noCard).paths).toContain('card');
    expect(refusal('payments', { ...clone(fixtures.payments), status: 'pending_offline' }).paths).toContain('offline');
  });
  it('checks the sign of an inventory movement against its type', () => {
    expect(refusal('inventory_movements', { ...clone(fixtures.inventory_movements), quantity: 2 }).message).toMatch(
      /negative/,
    );
    expect(
      refusal('inventory_movements', { ...clone(fixtures.inventory_movements), type: 'receipt', quantity: -3 }).message,
    ).toMatch(/positive/);
  });
  it('keeps inventory levels consistent with their id and arithmetic', () => {
    expect(refusal('inventory_levels', { ...clone(fixtures.inventory_levels), available: 9 }).paths).toContain(
      'available',
    );
    expect(refusal('inventory_levels', { ...clone(fixtures.inventory_levels), id: 'x:y' }).paths).toContain('id');
  });
  it('refuses a pick larger than the order line', () => {
    const fo = clone(fixtures.fulfillment_orders);
    fo.lines[0]!.pickedQuantity = 3;
    expect(refusal('fulfillment_orders', fo).paths).toContain('lines.0.pickedQuantity');
  });
  it('refuses a config payload that does not match its kind', () => {
    expect(
      refusal('config', { ...clone(fixtures.config), kind: 'store' }).paths.some((p) => p.startsWith('payload')),
    ).toBe(true);
    expect(refusal('config', { ...clone(fixtures.config), kind: 'weather' }).paths).toContain('kind');
  });
  it('refuses an order event whose payload does not match its type', () => {
    expect(
      refusal('order_events', { ...clone(fixtures.order_events), type: 'note' }).paths.some((p) =>
        p.startsWith('payload'),
      ),
    ).toBe(true);
  });
});

describe('replicated documents', () => {
  it('splits off _deleted and ignores RxDB meta keys', () => {
    const r = parseReplicatedDocument('products', {
      ...clone(fixtures.products),
      _deleted: true,
      _meta: { lwt: 1 },
      _rev: '1-a',
    });
    expect(r.deleted).toBe(true);
    expect(r.doc).toEqual(fixtures.products);
  });
  it('refuses a non-boolean _deleted and a non-object body with coded errors', () => {
    expect(() => parseReplicatedDocument('products', { ...clone(fixtures.products), _deleted: 'no' })).toThrow(
      /_deleted/,
    );
    expect(() => parseReplicatedDocument('products', [1])).toThrow(/JSON object/);
  });
  it('treats a __proto__ key as an unknown field and never pollutes prototypes', () => {
    const hostile = JSON.parse(
      `{"__proto__": {"polluted": true}, ${JSON.stringify(fixtures.products).slice(1)}`,
    ) as unknown;
    expect(() => parseReplicatedDocument('products', hostile)).toThrow(/__proto__/);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const nestedHostile = JSON.parse(
      JSON.stringify(fixtures.orders).replace('"fulfillment":{"method"', '"fulfillment":{"__proto__":{"x":1},"method"'),
    ) as unknown;
    expect(refusal('orders', nestedHostile).message).toContain('__proto__');
  });
  it('refuses an unknown collection with a coded error', () => {
    expect(() => parseDocument('widgets' as 'orders', {})).toThrow(
      expect.objectContaining({ code: SchemaError.UNKNOWN_COLLECTION }),
    );
  });
});

describe('ownership scope', () => {
  it('finds the owning store from storeId, assignedStoreId, or none for chain-wide data', () => {
    expect(scopeStoreId('orders', fixtures.orders)).toBe(fixtures.orders.storeId);
    expect(scopeStoreId('fulfillment_orders', fixtures.fulfillment_orders)).toBe(
      fixtures.fulfillment_orders.assignedStoreId,
    );
    expect(scopeStoreId('products', fixtures.products)).toBeUndefined();
  });
  it('marks the ledger and the order history append-only and lets registers never write the catalog', () => {
    expect(OWNERSHIP.inventory_movements.appendOnly).toBe(true);
    expect(OWNERSHIP.order_events.appendOnly).toBe(true);
    expect(OWNERSHIP.products.writers).toEqual(['server']);
    expect(OWNERSHIP.inventory_levels.writers).toEqual(['server']);
  });
});
