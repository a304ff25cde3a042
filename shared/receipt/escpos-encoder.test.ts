import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { encodeDrawerKick, encodeReceipt, encodeTestPage } from './escpos-encoder';
import { encodeText, isPaperOut } from './escpos-commands';
import { type ReceiptDocument, ReceiptError } from './receipt-document';
import { columns, wrap } from './text-layout';

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const line = (s: string): number[] => [...ascii(s), 0x0a];

const sample: ReceiptDocument = {
  store: { name: 'Corner Shop', addressLines: ['1 Main St'], phone: '555-0100' },
  orderNumber: 'S01-R2-000042',
  printedAt: '2026-11-27 10:15',
  registerName: 'S01-R02',
  cashierName: 'Ann',
  currency: 'USD',
  lines: [
    { description: 'Coffee beans 1kg', quantity: 2, unitPrice: 1250, lineTotal: 2500 },
    {
      description: 'Mug',
      quantity: 1,
      unitPrice: 800,
      lineTotal: 800,
      discount: { description: 'Promo 10%', amount: 80 },
    },
  ],
  discounts: [],
  subtotal: 3220,
  taxes: [{ label: 'Sales tax', rateText: '8%', taxable: 3220, amount: 258 }],
  taxInclusive: false,
  total: 3478,
  tenders: [{ label: 'Cash', amount: 4000 }],
  changeDue: 522,
  barcodeValue: 'S01-R2-000042',
  returnPolicy: 'Returns within 30 days.',
  trainingMode: false,
};

describe('encodeReceipt', () => {
  it('produces the exact ESC/POS bytes of a 42-column receipt', () => {
    const expected = [
      0x1b,
      0x40,
      0x1b,
      0x74,
      19, // init, code page PC858
      0x1b,
      0x61,
      1,
      0x1b,
      0x45,
      1,
      0x1d,
      0x21,
      0x11,
      ...line('Corner Shop'),
      0x1d,
      0x21,
      0,
      0x1b,
      0x45,
      0,
      ...line('1 Main St'),
      ...line('555-0100'),
      0x1b,
      0x61,
      0,
      0x0a,
      ...line('Order S01-R2-000042       2026-11-27 10:15'),
      ...line('Register S01-R02, Cashier Ann'),
      ...line('-'.repeat(42)),
      ...line('Coffee beans 1kg                     25.00'),
      ...line('  2 x 12.50'),
      ...line('Mug                                   8.00'),
      ...line('  Promo 10%                          -0.80'),
      ...line('-'.repeat(42)),
      ...line('Subtotal                             32.20'),
      ...line('Sales tax 8%                          2.58'),
      0x1b,
      0x45,
      1,
      0x1d,
      0x21,
      0x11,
      ...line('TOTAL USD       34.78'),
      0x1d,
      0x21,
      0,
      0x1b,
      0x45,
      0,
      ...line('Cash                                 40.00'),
      0x1b,
      0x45,
      1,
      ...line('Change                                5.22'),
      0x1b,
      0x45,
      0,
      0x0a,
      0x1b,
      0x61,
      1,
      0x1d,
      0x68,
      80,
      0x1d,
      0x77,
      2,
      0x1d,
      0x48,
      2,
      0x1d,
      0x6b,
      73,
      15,
      0x7b,
      0x42,
      ...ascii('S01-R2-000042'),
      0x0a,
      ...line('Returns within 30 days.'),
      0x1b,
      0x61,
      0,
      0x1b,
      0x64,
      3,
      0x1d,
      0x56,
      0x41,
      3,
    ];
    expect(Array.from(encodeReceipt(sample, 42))).toEqual(expected);
  });

  it('widens the columns on 48-character paper', () => {
    const text = new TextDecoder('latin1').decode(encodeReceipt(sample, 48));
    expect(text).toContain(`Coffee beans 1kg${' '.repeat(48 - 16 - 5)}25.00`);
  });

  it('prints the training banner at the top and the bottom of a training receipt', () => {
    const text = new TextDecoder('latin1').decode(encodeReceipt({ ...sample, trainingMode: true }, 42));
    expect(text.split('*** TRAINING - NOT A VALID RECEIPT ***')).toHaveLength(3);
  });

  it('refuses a receipt with fractional amounts or an unknown paper width with a coded error', () => {
    const bad = { ...sample, total: 34.78 };
    expect(() => encodeReceipt(bad, 42)).toThrow(expect.objectContaining({ code: ReceiptError.INVALID_DOCUMENT }));
    expect(() => encodeReceipt(sample, 40 as 42)).toThrow(/42 or 48/);
  });

  it('refuses a barcode value Code 128 set B cannot carry', () => {
    try {
      encodeReceipt({ ...sample, barcodeValue: 'Ordre n°1' }, 42);
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, ReceiptError.INVALID_BARCODE)).toBe(true);
    }
  });
});

describe('small jobs', () => {
  it('kicks the drawer on pin 2 or pin 5', () => {
    expect(Array.from(encodeDrawerKick(2))).toEqual([0x1b, 0x40, 0x1b, 0x70, 0, 25, 250]);
    expect(Array.from(encodeDrawerKick(5))).toEqual([0x1b, 0x40, 0x1b, 0x70, 1, 25, 250]);
  });

  it('prints a test page that ends with a cut', () => {
    const bytes = Array.from(encodeTestPage(48, 'Network 10.0.0.5:9100'));
    expect(bytes.slice(0, 5)).toEqual([0x1b, 0x40, 0x1b, 0x74, 19]);
    expect(bytes.slice(-4)).toEqual([0x1d, 0x56, 0x41, 3]);
    expect(bytes).toContain(0xd5); // the euro sign in PC858
  });

  it('maps accents to the code page or strips them', () => {
    expect(encodeText('Café €5 ō')).toEqual([0x43, 0x61, 0x66, 0x82, 0x20, 0xd5, 0x35, 0x20, 0x6f]);
    expect(encodeText('日')).toEqual([0x3f]);
  });

  it('reads the paper-out bits of a status reply', () => {
    expect(isPaperOut(0x72)).toBe(true);
    expect(isPaperOut(0x12)).toBe(false);
  });
});

describe('text layout', () => {
  it('wraps long descriptions and keeps the amount on the last line', () => {
    expect(columns('Extra long product description here', '10.00', 20)).toEqual([
      'Extra long',
      'product',
      'description',
      'here           10.00',
    ]);
    expect(columns('  Promo on a very long name', '-1.00', 20)).toEqual([
      '  Promo on a',
      '  very long',
      '  name         -1.00',
    ]);
    expect(wrap('abcdefghijkl', 5)).toEqual(['abcde', 'fghij', 'kl']);
  });
});
