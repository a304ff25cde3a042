// The register's name HQ gives (S001-R01) is what the sale receipt (HTML and ESC/POS), the X/Z
// report and the status bar print — never the device id or the code derived from it. Before the
// name was wired through, the receipt header read "Reg D0B7C5A" (a device hash).
// @vitest-environment happy-dom
import { createElement } from 'react';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeReceipt } from '../../../shared/receipt/escpos-encoder';
import { UNNAMED_REGISTER } from '../../../shared/receipt/register-label';
import type { ReceiptDocument } from '../../../shared/receipt/receipt-document';
import type { TillShift } from '../../../shared/schemas';
import { shiftFigures } from '../../../shared/till/reports';
import { cashSale, DEVICE_ID, memoryDb, STORE_ID, storeConfig } from '../../../test/support/register-data';
import { buildReceipt } from '../local-data/receipt-builder';
import { buildSaleContext, deviceRegisterCode } from '../local-data/sale-context';
import { completeSale, loadSale } from '../local-data/sales';
import { loadIdentity, rememberRegisterName, saveIdentity } from '../local-data/identity';
import { receiptHtml } from '../sale/receipt/receipt-html';
import { useSaleContext } from '../session/sale-context-store';
import { ShiftReport } from '../till/ShiftReport';

const hash = deviceRegisterCode(DEVICE_ID);

async function soldReceipt(registerName: string | undefined): Promise<ReceiptDocument> {
  const db = await memoryDb();
  try {
    const context = buildSaleContext(storeConfig, STORE_ID, DEVICE_ID, registerName);
    const sale = { ...cashSale(), context };
    const done = await completeSale({ db, storeId: STORE_ID, deviceId: DEVICE_ID }, sale);
    const { order, payments } = await loadSale(db, done.orderId);
    return buildReceipt(order, payments, context, { cashierName: 'Ana Clerk' });
  } finally {
    await db.close();
  }
}

/** Receipt text without the order number (it carries the order-number code, not the name); the
 * 42-column ESC/POS layout may wrap it. */
function printedText(doc: ReceiptDocument): { html: string; escpos: string } {
  const wrapped = new RegExp(Array.from(doc.orderNumber, (c) => c.replace(/[-]/g, '\\-')).join('\\n?'), 'g');
  const strip = (s: string) => s.replace(wrapped, '#');
  const html = strip(receiptHtml(doc).replace(/<svg[\s\S]*?<\/svg>/g, ''));
  const escpos = strip(new TextDecoder('latin1').decode(encodeReceipt(doc, 42)));
  return { html, escpos };
}

function reportHtml(): string {
  const shift: TillShift = {
    id: '01937a00-0000-7000-8000-0000000000d1',
    storeId: STORE_ID,
    registerId: DEVICE_ID,
    status: 'open',
    currency: 'USD',
    openedBy: 'staff',
    openedAt: '2026-11-27T09:00:00.000Z',
    openingFloat: 10000,
    cashMovements: [],
    updatedAt: '2026-11-27T09:00:00.000Z',
  } as TillShift;
  const figures = shiftFigures({
    currency: 'USD',
    openingFloat: 10000,
    sales: [],
    returns: [],
    payments: [],
    cashMovements: [],
  });
  // A client render: the report reads the register name from the session store.
  const container = document.createElement('div');
  const root = createRoot(container);
  act(() => root.render(createElement(ShiftReport, { report: { shift, figures }, kind: 'X' })));
  const html = container.innerHTML;
  act(() => root.unmount());
  return html;
}

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('register name on receipts and reports', () => {
  afterEach(() => {
    useSaleContext.setState({ context: undefined });
    localStorage.clear();
  });

  it('prints the HQ name on the HTML and ESC/POS receipt, never the device hash', async () => {
    const { html, escpos } = printedText(await soldReceipt('S012-R01'));
    expect(html).toContain('Register S012-R01');
    expect(escpos).toContain('Register S012-R01, Cashier Ana Clerk');
    for (const text of [html, escpos]) {
      expect(text).not.toContain(hash);
      expect(text).not.toContain(DEVICE_ID);
    }
  });

  it('says "not yet named" when HQ has not named the register, still without a hash', async () => {
    const { html, escpos } = printedText(await soldReceipt(undefined));
    expect(html).toContain(UNNAMED_REGISTER);
    expect(escpos).toContain(UNNAMED_REGISTER);
    expect(html + escpos).not.toContain(hash);
  });

  it('takes the register config document name when the device has none', () => {
    const withRegister = [
      ...storeConfig,
      {
        id: '01937a00-0000-7000-8000-0000000000e1',
        kind: 'register',
        key: 'S012:R07',
        active: true,
        updatedAt: '2026-11-27T09:00:00.000Z',
        payload: { storeId: STORE_ID, code: 'R07', name: 'Garden till', deviceId: DEVICE_ID },
      },
    ] as typeof storeConfig;
    expect(buildSaleContext(withRegister, STORE_ID, DEVICE_ID).registerName).toBe('Garden till');
    expect(buildSaleContext(withRegister, STORE_ID, DEVICE_ID, 'S012-R02').registerName).toBe('S012-R02');
  });

  it('heads the X report with the register name', () => {
    useSaleContext.setState({ context: buildSaleContext(storeConfig, STORE_ID, DEVICE_ID, 'S012-R03') });
    const named = reportHtml();
    expect(named).toContain('Register S012-R03');
    expect(named).not.toContain(hash);
    useSaleContext.setState({ context: buildSaleContext(storeConfig, STORE_ID, DEVICE_ID) });
    expect(reportHtml()).toContain(UNNAMED_REGISTER);
  });

  it('keeps a rename from HQ in the stored identity', () => {
    saveIdentity({ serverUrl: 'http://hq', deviceId: DEVICE_ID, credential: 'c'.repeat(20), storeId: STORE_ID });
    expect(loadIdentity()?.registerName).toBeUndefined();
    rememberRegisterName('Front desk');
    expect(loadIdentity()?.registerName).toBe('Front desk');
  });
});
