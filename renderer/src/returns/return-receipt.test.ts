// The return receipt prints through shared/receipt like a sale's: as ESC/POS with the RETURN
// banner, negative amounts, the refund tenders and the original sale's barcode.
import { describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../../shared/receipt/escpos-encoder';
import { previewEscPos } from '../../../shared/receipt/escpos-preview';
import { fixtures } from '../../../test/support/fixtures/documents';
import type { Order, Return } from '../../../shared/schemas';
import { returnReceipt } from './return-receipt';

describe('return receipt', () => {
  it('encodes to ESC/POS with what came back, how it was refunded and the policy', () => {
    const ret = { ...(fixtures.returns as Return), returnNumber: 'RT-S012-R03-000007-8' };
    const doc = returnReceipt({
      ret,
      order: fixtures.orders as Order,
      completed: {
        returnId: ret.id,
        ret,
        refundTotal: ret.refundTotal,
        refunds: [{ method: 'card', amount: ret.refundTotal, last4: '4242', queued: true }],
      },
      store: { name: 'Test Store', addressLines: ['1 Main St'] },
      printedAt: '12/2/2026, 10:00 AM',
      cashierName: 'Ana',
      policyText: 'Returns within 30 days with this receipt.',
    });
    const text = previewEscPos(encodeReceipt(doc, 42));
    expect(text).toContain('RETURN');
    expect(text).toContain('Red mug 12 oz');
    expect(text).toContain('-10.88');
    expect(text).toContain('Card refund');
    expect(text).toContain('**** 4242 (sent when online)');
    expect(text).toContain('Returns within 30 days');
    expect(doc.barcodeValue).toBe((fixtures.orders as Order).orderNumber);
    // The slip is numbered as a return and names the sale it came from.
    expect(text).toMatch(/Return\s+RT-S012-R03-000007-8/);
    expect(text).toContain(`Original sale ${(fixtures.orders as Order).orderNumber}`);
  });
});
