import { describe, expect, it } from 'vitest';
import type { Order, Payment } from '../schemas';
import { buildReceiptEmail, escapeHtml } from './receipt-email';
import { buildSaleReceipt, receiptAddressLines, returnPolicyLine } from './sale-receipt';

const at = '2026-12-03T15:04:00.000Z';
const id = (n: number): string => `0193a000-0000-7000-8000-${String(n).padStart(12, '0')}`;

const order: Order = {
  id: id(1),
  orderNumber: 'S001-R01-000042',
  channel: 'pos',
  status: 'completed',
  storeId: id(2),
  currency: 'USD',
  priceBookId: id(3),
  taxJurisdiction: 'US-NY',
  taxMode: 'exclusive',
  taxRounding: 'line',
  taxExempt: false,
  lines: [
    {
      id: id(10),
      productId: id(11),
      sku: 'MUG-1',
      name: 'Mug <blue>',
      taxCategory: 'standard',
      quantity: 2,
      unitPrice: 800,
      discounts: [{ id: id(12), kind: 'percent', ratePpm: 100_000, amount: 160, reason: 'Staff 10%' }],
      taxes: [{ jurisdiction: 'US-NY', name: 'Sales tax', ratePpm: 80_000, taxableAmount: 1440, amount: 115 }],
      fulfillment: 'carry_out',
      note: 'Gift wrap',
    },
  ],
  orderDiscounts: [],
  totals: { subtotal: 1440, discountTotal: 160, taxTotal: 115, total: 1555 },
  fulfillment: { method: 'carry_out' },
  createdAt: at,
  completedAt: at,
  updatedAt: at,
} as unknown as Order;

const payments: Payment[] = [
  {
    id: id(20),
    orderId: order.id,
    storeId: order.storeId,
    deviceId: 'dev-1',
    kind: 'sale',
    method: 'card',
    status: 'approved',
    amount: 1000,
    currency: 'USD',
    card: { token: 'tok_abc', last4: '4242', brand: 'visa', entryMode: 'chip', authCode: 'A1B2C3' },
    createdAt: at,
    updatedAt: at,
  },
  {
    id: id(21),
    orderId: order.id,
    storeId: order.storeId,
    deviceId: 'dev-1',
    kind: 'sale',
    method: 'cash',
    status: 'approved',
    amount: 555,
    currency: 'USD',
    cash: { tendered: 1000, change: 445 },
    createdAt: '2026-12-03T15:04:01.000Z',
    updatedAt: at,
  },
] as unknown as Payment[];

const doc = buildSaleReceipt(
  order,
  payments,
  {
    store: {
      name: 'Downtown Store',
      addressLines: receiptAddressLines({ line1: '1 Main St', city: 'New York', region: 'NY', postalCode: '10001' }),
      phone: '555-0100',
    },
    registerName: 'S001-R01',
    returnPolicy: returnPolicyLine(30),
    receiptFooter: 'Thank you for shopping with us.',
  },
  { timeZone: 'UTC' },
);

describe('buildReceiptEmail', () => {
  const mail = buildReceiptEmail(doc);

  it('names the store and the order number in the subject', () => {
    expect(mail.subject).toBe('Your receipt from Downtown Store - Order S001-R01-000042');
  });

  it('carries what the printed receipt carries, in the plain-text body', () => {
    const text = mail.text;
    for (const expected of [
      'Downtown Store',
      '1 Main St',
      'New York NY 10001',
      '555-0100',
      'Order S001-R01-000042',
      'Register S001-R01',
      'Mug <blue>',
      '2 x 8.00',
      'Note: Gift wrap',
      'Staff 10%',
      '-1.60',
      'Sales tax 8%',
      '1.15',
      'TOTAL USD',
      '15.55',
      'VISA **** 4242 AUTH A1B2C3',
      'Change',
      '4.45',
      'Returns within 30 days with this receipt.',
      'Thank you for shopping with us.',
    ])
      expect(text).toContain(expected);
    // label and amount on one 48-column line
    expect(text.split('\n')).toContain(`${'Change'.padEnd(44)}4.45`);
    expect(text).not.toContain('tok_abc');
  });

  it('prints the same content as HTML, escaping every text from the documents', () => {
    expect(mail.html).toContain('Mug &lt;blue&gt;');
    expect(mail.html).not.toContain('<blue>');
    for (const expected of [
      'Downtown Store',
      'Register S001-R01',
      'Note: Gift wrap',
      'VISA **** 4242',
      '15.55',
      '4.45',
    ])
      expect(mail.html).toContain(expected);
    expect(mail.html).not.toContain('tok_abc');
  });

  it('merges split cash into one line and marks training receipts', () => {
    const training = buildReceiptEmail({ ...doc, trainingMode: true });
    expect(training.subject.startsWith('[TRAINING]')).toBe(true);
    expect(training.text).toContain('TRAINING - NOT A VALID RECEIPT');
  });

  it('leaves out the change line when no change was given', () => {
    expect(buildReceiptEmail({ ...doc, changeDue: 0 }).text).not.toContain('Change');
  });
});

describe('escapeHtml', () => {
  it('escapes markup and quotes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
