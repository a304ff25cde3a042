import { describe, expect, it } from 'vitest';
import { encodeDrawerKick, encodeReceipt, encodeTestPage } from './escpos-encoder';
import { previewEscPos } from './escpos-preview';
import type { ReceiptDocument } from './receipt-document';

const doc: ReceiptDocument = {
  store: { name: 'Café Zürich', addressLines: ['Bahnhofstr. 1'] },
  orderNumber: 'Z1-R1-000007',
  printedAt: '27.11.2026 10:00',
  currency: 'CHF',
  lines: [{ description: 'Espresso', quantity: 2, unitPrice: 450, lineTotal: 900 }],
  discounts: [],
  subtotal: 900,
  taxes: [{ label: 'MWST', rateText: '8.1%', taxable: 833, amount: 67 }],
  taxInclusive: true,
  total: 900,
  tenders: [{ label: 'Card', amount: 900, detail: 'VISA **** 4242' }],
  changeDue: 0,
  barcodeValue: 'Z1-R1-000007',
  trainingMode: false,
};

describe('previewEscPos', () => {
  it('reads back the text of an encoded receipt, with notes for barcode and cut', () => {
    const text = previewEscPos(encodeReceipt(doc, 42));
    expect(text).toContain('Café Zürich\n');
    expect(text).toContain(`Espresso${' '.repeat(42 - 8 - 4)}9.00\n`);
    expect(text).toContain('MWST 8.1% incl. on 8.33');
    expect(text).toContain('[barcode Z1-R1-000007]');
    expect(text.trimEnd().endsWith('[cut]')).toBe(true);
    expect([...text].filter((c) => c !== '\n' && c.charCodeAt(0) < 0x20)).toEqual([]);
  });

  it('notes a drawer kick and reads the test page', () => {
    expect(previewEscPos(encodeDrawerKick(2))).toBe('[drawer kick]\n');
    expect(previewEscPos(encodeTestPage(42, 'Printer X'))).toContain('Euro € Pound £');
  });
});
