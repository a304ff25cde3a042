// The open sale across a restart: the cart and tenders come back from the durable storage, a sale
// already completed is recognised by its id (cleared, shown completed, never charged again), and any
// other sale in progress is kept and marked restored.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { durableStateStorage, type DurableStateStorage } from '../local-data/durable-state-storage';
import { mug } from '../../../test/support/register-data';
import type { Tender } from '../model/tender';
import type { CardTerminal } from '../model/card-payments';
import { emptyCart, useCart } from './cart-store';
import { useTenders } from './tender-store';
import { recoverSale, restoreSaleState, useSaleRecovery } from './restore-sale-state';
import { useSaleStateStorage } from './sale-state-storage';
import { journalPick, journalScan } from './scan-journal';
import { addByCode, addPicked } from './sell/add-by-code';

const cash: Tender = {
  id: '01937a00-0000-7000-8000-0000000000c1',
  method: 'cash',
  amount: 500,
  status: 'approved',
  cash: { tendered: 500, change: 0 },
  at: '2026-11-27T09:00:00.000Z',
};

/** The product lookups a journalled scan would use. */
const noCatalog = { findByBarcode: () => Promise.resolve(undefined), findByPlu: () => Promise.resolve(undefined) };

/** No card attempt is open in these tests: the gateway must not be asked. */
const noTerminal = (): CardTerminal => {
  throw new Error('the card terminal was asked although no card attempt was open');
};

/** What a restart leaves: the in-memory stores are gone, only the storage on disk remains. */
function forgetMemory(): void {
  // Detached first: resetting the stores must not write the empty state over what is on disk.
  const nowhere = { getItem: () => null, setItem: () => undefined, removeItem: () => undefined };
  useSaleStateStorage(nowhere);
  useCart.setState({ cart: emptyCart('USD', false), suspended: [] });
  useTenders.setState({ saleId: undefined, tenders: [] });
  useSaleRecovery.setState({ recovery: { kind: 'none' } });
}

describe('restoring the open sale', () => {
  let indexedDB: IDBFactory;
  let storage: DurableStateStorage;
  beforeEach(async () => {
    localStorage.clear();
    indexedDB = new IDBFactory();
    storage = durableStateStorage({ indexedDB, legacy: undefined });
    forgetMemory();
    await restoreSaleState(storage);
  });
  afterEach(() => useSaleStateStorage(undefined));

  async function restart(): Promise<void> {
    await storage.flush();
    forgetMemory();
    storage = durableStateStorage({ indexedDB, legacy: undefined });
    await restoreSaleState(storage);
  }

  it('brings back the cart and its tenders from IndexedDB, not from localStorage', async () => {
    useCart.getState().addProduct(mug, { quantity: 2 });
    const { saleId } = useCart.getState().cart;
    useTenders.getState().add(saleId, cash);
    expect(localStorage.getItem('pos.cart')).toBeNull();
    await restart();
    expect(useCart.getState().cart).toMatchObject({ saleId, lines: [{ productId: mug.id, quantity: 2 }] });
    expect(useTenders.getState().forSale(saleId)).toEqual([cash]);
  });

  it('recognises a sale completed before the restart: cleared, shown completed, no payment offered', async () => {
    useCart.getState().addProduct(mug);
    const { saleId } = useCart.getState().cart;
    useTenders.getState().add(saleId, cash);
    await restart();
    const findCompletedSale = vi.fn(() => Promise.resolve({ orderId: saleId, orderNumber: 'S001-R01-000007-3' }));
    const recovery = await recoverSale({ ...noCatalog, findCompletedSale, cardTerminal: noTerminal });
    expect(findCompletedSale).toHaveBeenCalledWith(saleId);
    expect(recovery).toEqual({ kind: 'completed', saleId, orderId: saleId, orderNumber: 'S001-R01-000007-3' });
    expect(useSaleRecovery.getState().recovery).toEqual(recovery);
    expect(useCart.getState().cart.lines).toEqual([]);
    expect(useCart.getState().cart.saleId).not.toBe(saleId);
    expect(useTenders.getState().tenders).toEqual([]);
    // The clearing is stored too: a second restart does not bring the completed sale back.
    await restart();
    expect(useCart.getState().cart.lines).toEqual([]);
  });

  it('recognises it even when the tenders were lost and only the cart came back', async () => {
    useCart.getState().addProduct(mug);
    const { saleId } = useCart.getState().cart;
    await restart();
    const recovery = await recoverSale({
      ...noCatalog,
      findCompletedSale: (id) => Promise.resolve(id === saleId ? { orderId: id, orderNumber: 'N-1' } : undefined),
      cardTerminal: noTerminal,
    });
    expect(recovery.kind).toBe('completed');
    expect(useCart.getState().cart.lines).toEqual([]);
  });

  it('keeps a sale in progress and marks it restored', async () => {
    useCart.getState().addProduct(mug, { quantity: 3 });
    const { saleId } = useCart.getState().cart;
    useTenders.getState().add(saleId, cash);
    await restart();
    const recovery = await recoverSale({
      ...noCatalog,
      findCompletedSale: () => Promise.resolve(undefined),
      cardTerminal: noTerminal,
    });
    expect(recovery).toEqual({ kind: 'restored', saleId, lines: 1, tenders: 1 });
    expect(useCart.getState().cart.lines[0]!.quantity).toBe(3);
    expect(useTenders.getState().forSale(saleId)).toEqual([cash]);
  });

  it('keeps the sale as restored when the lookup fails, and says nothing for an empty cart', async () => {
    const failing = vi.fn(() => Promise.reject(new Error('disk')));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await recoverSale({ ...noCatalog, findCompletedSale: failing, cardTerminal: noTerminal })).toEqual({
      kind: 'none',
    });
    expect(failing).not.toHaveBeenCalled();
    useCart.getState().addProduct(mug);
    expect((await recoverSale({ ...noCatalog, findCompletedSale: failing, cardTerminal: noTerminal })).kind).toBe(
      'restored',
    );
    expect(useCart.getState().cart.lines).toHaveLength(1);
  });

  describe('the last scan', () => {
    const code = mug.barcodes[0]!;
    const catalog = {
      findByBarcode: (c: string) => Promise.resolve(c === code ? mug : undefined),
      findByPlu: () => Promise.resolve(undefined),
    };
    const recover = () =>
      recoverSale({ ...catalog, findCompletedSale: () => Promise.resolve(undefined), cardTerminal: noTerminal });

    it('shows its line only once the scan is journalled on disk', async () => {
      let journalled!: () => void;
      const durable = new Promise<void>((resolve) => (journalled = resolve));
      const adding = addByCode(catalog, code, { scanId: 'scan-1', durable });
      await new Promise((r) => setTimeout(r, 10)); // the lookup is done; the journal is not on disk yet
      expect(useCart.getState().cart.lines).toEqual([]);
      journalled();
      expect(await adding).toMatchObject({ ok: true });
      expect(useCart.getState().cart).toMatchObject({ lastScanId: 'scan-1', lines: [{ productId: mug.id }] });
    });

    it('is added back when its cart write was lost to the restart, and says so', async () => {
      useCart.getState().addProduct(mug, { barcode: code }); // an earlier line, on disk
      const { saleId } = useCart.getState().cart;
      await storage.flush();
      const { durable } = journalScan(saleId, '4006381333931');
      await durable;
      const second = journalScan(saleId, code);
      await second.durable; // killed here: the line was about to be painted, its cart write never left
      await restart();
      expect(useCart.getState().cart.lines[0]!.quantity).toBe(1);
      const recovery = await recover();
      expect(recovery).toMatchObject({ kind: 'restored', saleId, lines: 1, rescanned: mug.name });
      expect(useCart.getState().cart.lines[0]!.quantity).toBe(2);
      expect(useCart.getState().cart.lastScanId).toBe(second.scanId);
    });

    it('is not added twice when its line reached the disk, nor into another sale', async () => {
      const { saleId } = useCart.getState().cart;
      expect(await addByCode(catalog, code, journalScan(saleId, code))).toMatchObject({ ok: true });
      await restart();
      expect(await recover()).toMatchObject({ kind: 'restored', lines: 1 });
      expect(useSaleRecovery.getState().recovery).not.toHaveProperty('rescanned');
      expect(useCart.getState().cart.lines[0]!.quantity).toBe(1);
      // The sale completed and a new one started: the old journal entry is not this sale's.
      useCart.getState().reset();
      await restart();
      expect(await recover()).toEqual({ kind: 'none' });
      expect(useCart.getState().cart.lines).toEqual([]);
    });

    it('brings back a first scan when the cart was still empty on disk', async () => {
      const { saleId } = useCart.getState().cart;
      await journalScan(saleId, code).durable;
      await restart();
      expect(await recover()).toMatchObject({ kind: 'restored', lines: 1, tenders: 0, rescanned: mug.name });
    });
  });
  describe('the last grid tap or search pick', () => {
    const recover = () =>
      recoverSale({ ...noCatalog, findCompletedSale: () => Promise.resolve(undefined), cardTerminal: noTerminal });

    it('shows its line only once the pick is journalled on disk', async () => {
      let journalled!: () => void;
      const durable = new Promise<void>((resolve) => (journalled = resolve));
      const adding = addPicked(mug, { scanId: 'pick-1', durable });
      await new Promise((r) => setTimeout(r, 10));
      expect(useCart.getState().cart.lines).toEqual([]);
      journalled();
      await adding;
      expect(useCart.getState().cart).toMatchObject({ lastScanId: 'pick-1', lines: [{ productId: mug.id }] });
    });

    it('is added back from the product it named when its cart write was lost, without a catalog lookup', async () => {
      useCart.getState().addProduct(mug); // an earlier line, on disk
      const { saleId } = useCart.getState().cart;
      await storage.flush();
      const pick = journalPick(saleId, mug);
      await pick.durable; // killed here: the line was about to be painted
      await restart();
      expect(useCart.getState().cart.lines[0]!.quantity).toBe(1);
      expect(await recover()).toMatchObject({ kind: 'restored', saleId, lines: 1, rescanned: mug.name });
      expect(useCart.getState().cart.lines[0]!.quantity).toBe(2);
      expect(useCart.getState().cart.lastScanId).toBe(pick.scanId);
    });

    it('brings a weighed pick back with its weight', async () => {
      const { saleId } = useCart.getState().cart;
      const cheese = { ...mug, id: '01937a00-0000-7000-8000-00000000c4e5', name: 'Cheese', soldByWeight: true };
      await journalPick(saleId, cheese, 450).durable;
      await restart();
      expect(await recover()).toMatchObject({ kind: 'restored', lines: 1, rescanned: 'Cheese' });
      expect(useCart.getState().cart.lines).toMatchObject([{ productId: cheese.id, weightGrams: 450 }]);
    });

    it('is not added twice when its line reached the disk', async () => {
      const { saleId } = useCart.getState().cart;
      await addPicked(mug, journalPick(saleId, mug));
      await restart();
      expect(await recover()).toMatchObject({ kind: 'restored', lines: 1 });
      expect(useSaleRecovery.getState().recovery).not.toHaveProperty('rescanned');
      expect(useCart.getState().cart.lines[0]!.quantity).toBe(1);
    });
  });
});
