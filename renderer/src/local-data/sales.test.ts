// Completing a sale: order, payments, stock movements and approval events are written together;
// a crash between the journal and the writes is finished on start-up, exactly once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orderSchema } from '../../../shared/schemas/orders';
import { paymentSchema } from '../../../shared/schemas/payments';
import { inventoryMovementSchema } from '../../../shared/schemas/inventory';
import { completeSale, completeSaleWriting, findCompletedSale, recoverJournal, loadSale } from './sales';
import { buildSaleDocuments } from '../../../shared/orders/sale-documents';
import { buildReceipt, mergeCash } from './receipt-builder';
import { TrainingSales } from './training-sales';
import { cashSale, DEVICE_ID, memoryDb, STORE_ID } from '../../../test/support/register-data';
import type { Db } from './types';

describe('complete sale', () => {
  let db: Db;
  beforeEach(async () => {
    localStorage.clear();
    db = await memoryDb();
  });
  afterEach(async () => {
    await db.remove();
  });

  it('writes a schema-valid order with its payment and one stock movement per line', async () => {
    const sale = cashSale();
    const done = await completeSale({ db, storeId: STORE_ID, deviceId: DEVICE_ID }, sale);
    expect(done.orderNumber).toMatch(/^S012-D0B7C5A-000001-[0-9A-Z]$/);
    const { order, payments } = await loadSale(db, done.orderId);
    expect(orderSchema.safeParse(order).success).toBe(true);
    expect(order.totals).toEqual({ subtotal: 1998, discountTotal: 0, taxTotal: 177, total: 2175 });
    expect(payments).toHaveLength(1);
    expect(paymentSchema.safeParse(payments[0]).success).toBe(true);
    const movements = await db.inventory_movements.find({ selector: { referenceId: order.id } }).exec();
    expect(movements.map((m) => m.quantity)).toEqual([-2]);
    expect(inventoryMovementSchema.safeParse(movements[0]!.toJSON()).success).toBe(true);
    expect(localStorage.getItem('pos.sale-journal')).toBe('{}');
  });

  it('gives the documents it wrote (the receipt is built from them): the same order and payments as stored', async () => {
    const sale = cashSale();
    const done = await completeSaleWriting({ db, storeId: STORE_ID, deviceId: DEVICE_ID }, sale);
    const { order, payments } = await loadSale(db, done.completed.orderId);
    expect(done.written?.order).toEqual(order);
    expect(done.written?.payments).toEqual(payments);
    // A retry of the stored sale writes nothing and says so.
    const again = await completeSaleWriting({ db, storeId: STORE_ID, deviceId: DEVICE_ID }, sale);
    expect(again).toEqual({ completed: done.completed });
  });

  it('numbers orders per register without gaps and never reuses a number', async () => {
    const first = await completeSale({ db, storeId: STORE_ID, deviceId: DEVICE_ID }, cashSale());
    const second = await completeSale({ db, storeId: STORE_ID, deviceId: DEVICE_ID }, cashSale());
    expect(first.orderNumber.split('-')[2]).toBe('000001');
    expect(second.orderNumber.split('-')[2]).toBe('000002');
    // A retry of an already-completed sale returns the same order, not a new one.
    const again = await completeSale(
      { db, storeId: STORE_ID, deviceId: DEVICE_ID },
      { ...cashSale(), cart: { ...cashSale().cart, saleId: (await loadSale(db, first.orderId)).order.id } },
    );
    expect(again).toEqual(first);
    expect(await db.orders.count().exec()).toBe(2);
  });

  it('finishes a sale interrupted after the journal was written, once, on start-up', async () => {
    const sale = cashSale();
    const docs = buildSaleDocuments({
      ...sale,
      storeId: STORE_ID,
      deviceId: DEVICE_ID,
      orderNumber: 'S012-R03-000009-0',
      now: '2026-11-27T10:00:00.000Z',
      newId: () => crypto.randomUUID(),
    });
    // The crash: journal saved, and only the payment reached the database.
    localStorage.setItem('pos.sale-journal', JSON.stringify({ [sale.cart.saleId]: docs }));
    await db.payments.insert(docs.payments[0]!);
    expect(await recoverJournal(db)).toBe(1);
    expect(await recoverJournal(db)).toBe(0);
    expect(await db.orders.count().exec()).toBe(1);
    expect(await db.payments.count().exec()).toBe(1);
    expect(await db.inventory_movements.count().exec()).toBe(1);
  });

  it('writes the order only after its payments: a failed payment write leaves no order behind', async () => {
    const sale = cashSale();
    const insert = db.payments.bulkInsert.bind(db.payments);
    db.payments.bulkInsert = (() => Promise.reject(new Error('disk full'))) as typeof insert;
    await expect(completeSale({ db, storeId: STORE_ID, deviceId: DEVICE_ID }, sale)).rejects.toThrow('disk full');
    expect(await db.orders.count().exec()).toBe(0);
    expect(
      await findCompletedSale(db, sale.cart.saleId, { getItem: () => null } as unknown as Storage),
    ).toBeUndefined();
    db.payments.bulkInsert = insert;
    // The retry (or the journal replay at start-up) then writes all of it.
    await completeSale({ db, storeId: STORE_ID, deviceId: DEVICE_ID }, sale);
    expect((await loadSale(db, sale.cart.saleId)).payments).toHaveLength(1);
  });

  it('finds a completed sale by its sale id: written, only journaled (then written), or not at all', async () => {
    const written = cashSale();
    const done = await completeSale({ db, storeId: STORE_ID, deviceId: DEVICE_ID }, written);
    expect(await findCompletedSale(db, written.cart.saleId)).toEqual(done);
    const journaled = cashSale();
    const docs = buildSaleDocuments({
      ...journaled,
      storeId: STORE_ID,
      deviceId: DEVICE_ID,
      orderNumber: 'S012-R03-000010-0',
      now: '2026-11-27T10:00:00.000Z',
      newId: () => crypto.randomUUID(),
    });
    localStorage.setItem('pos.sale-journal', JSON.stringify({ [journaled.cart.saleId]: docs }));
    expect(await findCompletedSale(db, journaled.cart.saleId)).toEqual({
      orderId: journaled.cart.saleId,
      orderNumber: 'S012-R03-000010-0',
    });
    expect((await loadSale(db, journaled.cart.saleId)).order.orderNumber).toBe('S012-R03-000010-0');
    expect(localStorage.getItem('pos.sale-journal')).toBe('{}');
    expect(await findCompletedSale(db, cashSale().cart.saleId)).toBeUndefined();
  });

  it('prints the receipt from the stored documents: tax lines, tender, change, the order number', async () => {
    const sale = cashSale();
    const done = await completeSale({ db, storeId: STORE_ID, deviceId: DEVICE_ID }, sale);
    const { order, payments } = await loadSale(db, done.orderId);
    const receipt = buildReceipt(order, payments, sale.context);
    expect(receipt.total).toBe(2175);
    expect(receipt.taxes.map((t) => [t.label, t.rateText, t.amount])).toEqual([
      ['New York State', '4%', 80],
      ['New York City', '4.875%', 97],
    ]);
    expect(receipt.tenders).toEqual([{ label: 'Cash', amount: 5000 }]);
    expect(receipt.changeDue).toBe(5000 - 2175);
    expect(receipt.barcodeValue).toBe(done.orderNumber);
  });

  it('keeps a training sale out of the replicated database: no order, payment or stock movement', async () => {
    const sale = cashSale();
    const training = new TrainingSales();
    const done = training.complete(
      { ...sale, cart: { ...sale.cart, training: true } },
      { serverUrl: 'http://x', deviceId: DEVICE_ID, credential: 'c', storeId: STORE_ID },
      () => crypto.randomUUID(),
    );
    expect(done.orderNumber).toBe('TRAINING-0001');
    expect(await db.orders.count().exec()).toBe(0);
    expect(await db.payments.count().exec()).toBe(0);
    expect(await db.inventory_movements.count().exec()).toBe(0);
    const stored = training.find(done.orderId)!;
    expect(buildReceipt(stored.order, stored.payments, sale.context, { training: true }).trainingMode).toBe(true);
  });
});

describe('receipt tenders', () => {
  it('prints split cash as one Cash line, other tenders as they were taken', () => {
    expect(
      mergeCash([
        { label: 'Cash', amount: 1000 },
        { label: 'Card', amount: 500, detail: 'VISA **** 4242' },
        { label: 'Cash', amount: 700 },
      ]),
    ).toEqual([
      { label: 'Cash', amount: 1700 },
      { label: 'Card', amount: 500, detail: 'VISA **** 4242' },
    ]);
  });
});
