import { describe, expect, it } from 'vitest';
import { fromShopify, shopifyOrderSchema, toMinor, validShopifyHmac } from './shopify';
import { createHmac } from 'node:crypto';

describe('Shopify mapping', () => {
  it('turns decimal prices into minor units without floating point', () => {
    expect(toMinor('19.99', 'USD')).toBe(1999);
    expect(toMinor('5', 'USD')).toBe(500);
    expect(toMinor('0.1', 'USD')).toBe(10);
    expect(toMinor('1000', 'JPY')).toBe(1000);
    expect(Number.isNaN(toMinor('19.995', 'USD'))).toBe(true);
    expect(Number.isNaN(toMinor('-1.00', 'USD'))).toBe(true);
  });

  it('reads a pickup shipping line as a pickup at the named store', () => {
    const order = shopifyOrderSchema.parse({
      id: 1,
      currency: 'USD',
      email: 'a@example.com',
      line_items: [{ sku: 'MUG', quantity: 2, price: '9.50' }],
      shipping_lines: [{ code: 'pickup-S003', title: 'Pick up in store' }],
    });
    expect(fromShopify(order)).toMatchObject({
      externalRef: 'shopify:1',
      lines: [{ sku: 'MUG', quantity: 2, unitPrice: 950 }],
      fulfillment: { method: 'pickup', pickupStoreCode: 'S003' },
      payment: { paidOnPlatform: 'shopify' },
    });
  });

  it('checks the signature over the exact raw bytes', () => {
    const raw = '{"id":1,"note":"caf\u00e9"}';
    const good = createHmac('sha256', 's3cret').update(raw, 'utf8').digest('base64');
    expect(validShopifyHmac(raw, 's3cret', good)).toBe(true);
    expect(validShopifyHmac(`${raw} `, 's3cret', good)).toBe(false);
    expect(validShopifyHmac(raw, 'other', good)).toBe(false);
    expect(validShopifyHmac(raw, 's3cret', undefined)).toBe(false);
    expect(validShopifyHmac(raw, 's3cret', 'not base64 at all')).toBe(false);
  });
});
