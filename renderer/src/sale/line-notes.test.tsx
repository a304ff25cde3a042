// Line notes: the clerk's note on a cart line (Alt+N) is checked in the cart, stored on the order
// line, printed on the receipt (HTML and ESC/POS) and shown on the customer display.
// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDomainError } from '../../../shared/errors';
import { encodeReceipt } from '../../../shared/receipt/escpos-encoder';
import { previewEscPos } from '../../../shared/receipt/escpos-preview';
import { LINE_NOTE_MAX } from '../../../shared/schemas/order-lines';
import { orderSchema } from '../../../shared/schemas/orders';
import { cashSale, DEVICE_ID, memoryDb, mug, STORE_ID, testContext } from '../../../test/support/register-data';
import { buildReceipt } from '../local-data/receipt-builder';
import { completeSale, loadSale } from '../local-data/sales';
import type { Db } from '../local-data/types';
import { computeSaleTotals } from '../model/totals';
import { emptyCart, useCart } from './cart-store';
import { CartError } from './cart-errors';
import { customerDisplayState } from './customer-display-feed';
import { receiptHtml } from './receipt/receipt-html';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    for (const code of Object.values(CartError)) if (isDomainError(error, code)) return code;
    throw error;
  }
  return undefined;
}

describe('line notes in the cart', () => {
  beforeEach(() => {
    localStorage.clear();
    useCart.setState({ cart: emptyCart('USD', false), suspended: [] });
  });

  it('sets a trimmed note on the line, changes it, and removes it when emptied', () => {
    const line = useCart.getState().addProduct(mug);
    useCart.getState().setNote(line.lineId, '  Gift wrap  ');
    expect(useCart.getState().cart.lines[0]!.note).toBe('Gift wrap');
    useCart.getState().setNote(line.lineId, 'Engrave: Anna');
    expect(useCart.getState().cart.lines[0]!.note).toBe('Engrave: Anna');
    useCart.getState().setNote(line.lineId, '   ');
    expect(useCart.getState().cart.lines[0]).not.toHaveProperty('note');
  });

  it('refuses a note that is too long or holds a card number, and a note without a line, each with a code', () => {
    const line = useCart.getState().addProduct(mug);
    expect(codeOf(() => useCart.getState().setNote(line.lineId, 'x'.repeat(LINE_NOTE_MAX)))).toBeUndefined();
    expect(codeOf(() => useCart.getState().setNote(line.lineId, 'x'.repeat(LINE_NOTE_MAX + 1)))).toBe(
      CartError.INVALID_NOTE,
    );
    expect(codeOf(() => useCart.getState().setNote(line.lineId, 'card 4111 1111 1111 1111'))).toBe(
      CartError.NOTE_HAS_CARD_NUMBER,
    );
    expect(codeOf(() => useCart.getState().setNote('no-such-line', 'Gift wrap'))).toBe(CartError.NO_LINE_SELECTED);
    expect(useCart.getState().cart.lines[0]!.note).toBe('x'.repeat(LINE_NOTE_MAX));
  });

  it('keeps a noted line apart: scanning the same item again starts a new line', () => {
    const line = useCart.getState().addProduct(mug);
    useCart.getState().setNote(line.lineId, 'Gift wrap');
    useCart.getState().addProduct(mug);
    expect(useCart.getState().cart.lines.map((l) => [l.quantity, l.note])).toEqual([
      [1, 'Gift wrap'],
      [1, undefined],
    ]);
  });

  it('shows the note on the customer display', () => {
    const line = useCart.getState().addProduct(mug);
    useCart.getState().setNote(line.lineId, 'Gift wrap');
    const { cart } = useCart.getState();
    const state = customerDisplayState({
      cart,
      totals: computeSaleTotals(cart, testContext()),
      tenders: [],
      storeName: 'Main Street',
      lastSale: undefined,
      now: Date.now(),
    });
    expect(state.lines.map((l) => [l.description, l.note])).toEqual([[mug.name, 'Gift wrap']]);
  });
});

describe('line notes on the completed sale', () => {
  let db: Db;
  beforeEach(async () => {
    localStorage.clear();
    db = await memoryDb();
  });
  afterEach(async () => {
    await db.remove();
  });

  it('stores the note on the order line and prints it under the line (HTML and ESC/POS)', async () => {
    const sale = cashSale();
    const [line] = sale.cart.lines;
    const noted = { ...sale, cart: { ...sale.cart, lines: [{ ...line!, note: 'Gift wrap for Anna' }] } };
    const done = await completeSale({ db, storeId: STORE_ID, deviceId: DEVICE_ID }, noted);
    const { order, payments } = await loadSale(db, done.orderId);
    expect(orderSchema.safeParse(order).success).toBe(true);
    expect(order.lines[0]!.note).toBe('Gift wrap for Anna');

    const receipt = buildReceipt(order, payments, sale.context);
    expect(receipt.lines[0]!.note).toBe('Gift wrap for Anna');
    expect(receiptHtml(receipt)).toContain('Note: Gift wrap for Anna');
    expect(previewEscPos(encodeReceipt(receipt, 42))).toContain('Note: Gift wrap for Anna');
  });

  it('leaves a line without a note as before: no note field, nothing printed', async () => {
    const sale = cashSale();
    const done = await completeSale({ db, storeId: STORE_ID, deviceId: DEVICE_ID }, sale);
    const { order, payments } = await loadSale(db, done.orderId);
    expect(order.lines[0]).not.toHaveProperty('note');
    const receipt = buildReceipt(order, payments, sale.context);
    expect(receiptHtml(receipt)).not.toContain('Note:');
  });
});
