// A card charge cut off by a restart: the attempt is on disk before the terminal is asked, and at
// start-up the gateway (the simulator, whose journal survives the restart like a real gateway's
// records) is asked about that payment id. Before this, a kill between the bank's approval and the
// tender's write left a sale with no trace of the charge, so the clerk charged the card again.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { SimulatedGateway, type SimulatorJournal } from '../../../shared/payments/simulator';
import { money } from '../../../shared/money';
import { durableStateStorage, type DurableStateStorage } from '../local-data/durable-state-storage';
import { makeCardTerminal } from '../local-data/card-terminal';
import { mug } from '../../../test/support/register-data';
import type { CardTerminal } from '../model/card-payments';
import { emptyCart, useCart } from './cart-store';
import { useTenders, type CardAttempt } from './tender-store';
import { recoverSale, restoreSaleState, useSaleRecovery } from './restore-sale-state';
import { flushSaleState, useSaleStateStorage } from './sale-state-storage';
import { describeCardResolution } from './card-attempt-recovery';
import { fmt } from '../ui/format';

const PAYMENT_ID = '01937a00-0000-7000-8000-00000000ca01';

/** The product lookups a journalled scan would use; none is journalled here. */
const noCatalog = { findByBarcode: () => Promise.resolve(undefined), findByPlu: () => Promise.resolve(undefined) };

function forgetMemory(): void {
  const nowhere = { getItem: () => null, setItem: () => undefined, removeItem: () => undefined };
  useSaleStateStorage(nowhere);
  useCart.setState({ cart: emptyCart('USD', false), suspended: [] });
  useTenders.setState({ saleId: undefined, tenders: [], attempt: undefined });
  useSaleRecovery.setState({ recovery: { kind: 'none' } });
}

describe('a card charge in flight at a restart', () => {
  let indexedDB: IDBFactory;
  let storage: DurableStateStorage;
  let bank: string | null;
  const journal: SimulatorJournal = { read: () => bank, write: (json) => void (bank = json) };
  let n = 0;
  const gateway = () => new SimulatedGateway({ journal, newId: () => `g${++n}` });

  beforeEach(async () => {
    bank = null;
    indexedDB = new IDBFactory();
    storage = durableStateStorage({ indexedDB, legacy: undefined });
    forgetMemory();
    await restoreSaleState(storage);
  });
  afterEach(() => useSaleStateStorage(undefined));

  /** SIGKILL: whatever was flushed stays; the register and its simulator object start afresh. */
  async function restart(): Promise<void> {
    forgetMemory();
    storage = durableStateStorage({ indexedDB, legacy: undefined });
    await restoreSaleState(storage);
  }

  async function beginCharge(amount: number): Promise<{ saleId: string; attempt: CardAttempt }> {
    useCart.getState().addProduct(mug);
    const { saleId } = useCart.getState().cart;
    const attempt: CardAttempt = {
      paymentId: PAYMENT_ID,
      amount,
      currency: 'USD',
      training: false,
      entryMode: 'chip',
      startedAt: '2026-12-03T10:00:00.000Z',
    };
    useTenders.getState().beginAttempt(saleId, attempt);
    await flushSaleState();
    return { saleId, attempt };
  }

  it('records the approved charge as the tender instead of letting the clerk charge again', async () => {
    const { saleId } = await beginCharge(1299);
    const outcome = await makeCardTerminal(gateway()).charge({
      entry: { mode: 'terminal', simulate: 'approve' },
      amount: 1299,
      currency: 'USD',
      idempotencyKey: PAYMENT_ID,
      online: true,
      offlinePolicy: { enabled: true, perTransactionCap: 10_000, perRegisterCap: 50_000, expiryHours: 72 },
      pendingOffline: [],
    });
    expect(outcome.kind).toBe('approved');
    await restart(); // killed before the tender was written
    expect(useTenders.getState().forSale(saleId)).toEqual([]);
    const terminal = makeCardTerminal(gateway());
    const recovery = await recoverSale({
      ...noCatalog,
      findCompletedSale: () => Promise.resolve(undefined),
      cardTerminal: () => terminal,
    });
    expect(recovery).toMatchObject({
      kind: 'restored',
      tenders: 1,
      card: { kind: 'approved', amount: 1299, last4: '4242', partial: false },
    });
    const [tender] = useTenders.getState().forSale(saleId);
    expect(tender).toMatchObject({ id: PAYMENT_ID, method: 'card', amount: 1299, status: 'approved' });
    expect(useTenders.getState().attemptFor(saleId)).toBeUndefined();
    // Settled on disk: another restart neither asks again nor adds a second tender.
    await flushSaleState();
    await restart();
    expect(useTenders.getState().forSale(saleId)).toHaveLength(1);
    expect(useTenders.getState().attemptFor(saleId)).toBeUndefined();
    if (recovery.kind === 'restored' && recovery.card)
      expect(describeCardResolution(recovery.card, fmt)).toMatch(/approved .*4242.* Do not charge it again/);
  });

  it('captures an approval cut off before its capture, and records it', async () => {
    const { saleId } = await beginCharge(800);
    const g = gateway();
    const card = await g.tokenize({ pan: '4000000000000051', expMonth: 12, expYear: 2030 });
    await g.authorize({ idempotencyKey: PAYMENT_ID, token: card.token, amount: money(800, 'USD') });
    await restart();
    const terminal = makeCardTerminal(gateway());
    const recovery = await recoverSale({
      ...noCatalog,
      findCompletedSale: () => Promise.resolve(undefined),
      cardTerminal: () => terminal,
    });
    expect(recovery).toMatchObject({ kind: 'restored', card: { kind: 'approved', amount: 400, partial: true } });
    expect(useTenders.getState().forSale(saleId)[0]).toMatchObject({
      amount: 400,
      gateway: { reference: expect.stringMatching(/^cap_/) },
    });
  });

  it('clears the attempt when nothing was charged under its id, and says to take the payment again', async () => {
    const { saleId } = await beginCharge(500);
    await restart(); // killed after the attempt was written, before the terminal was asked
    const terminal = makeCardTerminal(gateway());
    const recovery = await recoverSale({
      ...noCatalog,
      findCompletedSale: () => Promise.resolve(undefined),
      cardTerminal: () => terminal,
    });
    expect(recovery).toMatchObject({ kind: 'restored', tenders: 0, card: { kind: 'not_charged', amount: 500 } });
    expect(useTenders.getState().attemptFor(saleId)).toBeUndefined();
    if (recovery.kind === 'restored' && recovery.card)
      expect(describeCardResolution(recovery.card, fmt)).toContain('was not charged');
  });

  it('keeps the attempt when the gateway cannot answer, so the next charge carries the same id', async () => {
    const { saleId } = await beginCharge(500);
    await restart();
    const unreachable: CardTerminal = {
      charge: vi.fn(),
      status: () => Promise.resolve({ kind: 'unknown', message: 'The card company could not be asked.' }),
    };
    const recovery = await recoverSale({
      ...noCatalog,
      findCompletedSale: () => Promise.resolve(undefined),
      cardTerminal: () => unreachable,
    });
    expect(recovery).toMatchObject({ kind: 'restored', card: { kind: 'unknown' } });
    expect(useTenders.getState().attemptFor(saleId)?.paymentId).toBe(PAYMENT_ID);
    if (recovery.kind === 'restored' && recovery.card)
      expect(describeCardResolution(recovery.card, fmt)).toContain('Check payment status');
  });

  it('forgets the attempt with the sale when that sale was completed before the restart', async () => {
    const { saleId } = await beginCharge(500);
    await restart();
    const status = vi.fn();
    const recovery = await recoverSale({
      ...noCatalog,
      findCompletedSale: () => Promise.resolve({ orderId: saleId, orderNumber: 'N-9' }),
      cardTerminal: () => ({ charge: vi.fn(), status }),
    });
    expect(recovery.kind).toBe('completed');
    expect(status).not.toHaveBeenCalled();
    expect(useTenders.getState().attempt).toBeUndefined();
  });
});
