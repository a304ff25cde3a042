// The balance dialog: a gift card with too little left is refused with what is left, an unsynced
// spend on this register and a tender already on the sale count against it, offline takes at most
// the cap, and a good redemption hands over only the token and last four digits.
// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  generateGiftCardSealKeys,
  sealGiftCardNumber,
  type BalancePayment,
  type GiftCardSealKey,
} from '../../../../shared/balances';
import type { Backend } from '../../model/backend';
import { BackendContext } from '../../model/backend-context';
import type { BalanceSource, ServerGiftCard } from '../../model/balance-source';
import { resetLayers } from '../../keys/key-layers';
import type { Tender } from '../../model/tender';
import { BalanceDialog } from './BalanceDialog';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const NUMBER = '6035710000000001';
const STORE = '01937a00-0000-7000-8000-000000000001';

async function setValue(input: HTMLInputElement, value: string): Promise<void> {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('balance dialog', () => {
  let container: HTMLDivElement;
  let root: Root;
  let card: ServerGiftCard;
  let local: BalancePayment[];
  let online: boolean;
  let sealKey: GiftCardSealKey;
  let offlineTaken: number;
  const onTender = vi.fn<(t: Tender) => void>();

  const source: BalanceSource = {
    lookupGiftCard: (number) => Promise.resolve(number === NUMBER ? { kind: 'found', card } : { kind: 'unknown' }),
    sealGiftCard: (number) => sealGiftCardNumber(sealKey, number),
    storeCredit: () => Promise.resolve(undefined),
    localPayments: () => Promise.resolve(local),
    offlineCap: () => Promise.resolve(1_000),
    offlineGiftCardTenders: () => Promise.resolve({ taken: offlineTaken, allowed: 3 }),
    online: () => online,
  };
  const backend = { balances: () => source } as unknown as Backend;

  async function open(tenders: Tender[] = []): Promise<void> {
    await act(async () => {
      root.render(
        <BackendContext.Provider value={backend}>
          <BalanceDialog
            kind="gift_card"
            due={4_000}
            currency="USD"
            customer={undefined}
            tenders={tenders}
            onTender={onTender}
            onClose={() => undefined}
          />
        </BackendContext.Provider>,
      );
    });
  }
  async function redeem(amount: string): Promise<string | undefined> {
    await setValue(container.querySelector<HTMLInputElement>('[data-testid="gift-card-number"]')!, NUMBER);
    await setValue(container.querySelector<HTMLInputElement>('[data-testid="balance-amount"]')!, amount);
    await act(async () => {
      container.querySelector('form')!.requestSubmit();
      await new Promise((r) => setTimeout(r, 20));
    });
    // Sealing a number (offline) takes a few milliseconds of WebCrypto: wait until the dialog is done.
    await vi.waitFor(async () => {
      await act(async () => new Promise((r) => setTimeout(r, 5)));
      expect(container.querySelector<HTMLButtonElement>('button[type="submit"]')?.disabled).toBe(false);
    });
    return container.querySelector('[role="alert"]')?.textContent ?? undefined;
  }

  beforeEach(async () => {
    resetLayers();
    onTender.mockClear();
    sealKey ??= (await generateGiftCardSealKeys()).publicKey;
    card = {
      token: `gc_${'c'.repeat(64)}`,
      last4: '0001',
      currency: 'USD',
      balance: 2_500,
      status: 'active',
      expiresOn: undefined,
      countedIds: new Set(['counted']),
    };
    local = [];
    online = true;
    offlineTaken = 0;
    container = document.createElement('div');
    document.body.appendChild(container);
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  it('refuses more than the card holds and says what is left', async () => {
    await open();
    expect(await redeem('30.00')).toBe(
      'The gift card ending 0001 has $25.00 left. Take at most that and the rest another way.',
    );
    expect(onTender).not.toHaveBeenCalled();
  });

  it("counts this register's unsynced spend and this sale's tenders, but not what the server already counted", async () => {
    const spend = (id: string, amount: number): BalancePayment => ({
      id,
      orderId: id,
      storeId: STORE,
      kind: 'sale',
      method: 'gift_card',
      status: 'approved',
      amount,
      currency: 'USD',
      giftCard: { token: card.token, last4: '0001' },
    });
    local = [spend('counted', 900), spend('unsynced', 1_000)];
    const onSale: Tender = {
      id: 't1',
      method: 'gift_card',
      amount: 500,
      status: 'approved',
      giftCard: { token: card.token, last4: '0001' },
      at: '2026-11-27T10:00:00.000Z',
    };
    await open([onSale]);
    expect(await redeem('10.01')).toBe(
      'The gift card ending 0001 has $10.00 left. Take at most that and the rest another way.',
    );
    expect(await redeem('10.00')).toBeUndefined();
    expect(onTender).toHaveBeenCalledWith(
      expect.objectContaining({ method: 'gift_card', amount: 1_000, giftCard: { token: card.token, last4: '0001' } }),
    );
    expect(JSON.stringify(onTender.mock.calls)).not.toContain(NUMBER);
  });

  it('takes at most the offline cap while offline with the number sealed, and refuses a blocked card online', async () => {
    online = false;
    await open();
    expect(await redeem('20.00')).toBe(
      'The register is offline, so at most $10.00 more can be taken from the gift card ending 0001 on this sale. Take the rest another way.',
    );
    expect(await redeem('')).toBeUndefined();
    expect(onTender).toHaveBeenLastCalledWith(expect.objectContaining({ amount: 1_000 }));
    // A second tender from the same card on this sale shares the cap.
    const first = onTender.mock.lastCall![0];
    await act(async () => root.unmount());
    root = createRoot(container);
    await open([first]);
    expect(await redeem('0.01')).toContain('offline, so nothing more can be taken');
    // Offline the number is sealed for the server, never a token the register made.
    expect(first.giftCard!.token).toMatch(/^gcs_/);
    expect(container.querySelector('[data-testid="balance-available"]')?.textContent).toBe('checked when back online');
    online = true;
    card = { ...card, status: 'blocked' };
    expect(await redeem('5.00')).toBe('The gift card ending 0001 is blocked. Ask the customer for another way to pay.');
  });

  it("tells the clerk when the register has taken the shift's allowance of gift cards offline", async () => {
    online = false;
    offlineTaken = 2;
    await open();
    expect(await redeem('5.00')).toBeUndefined();
    const third = onTender.mock.lastCall![0];
    expect(third.giftCard!.token).toMatch(/^gcs_/);
    // The tender on this sale is the shift's third: no fourth, whatever the card.
    await act(async () => root.unmount());
    root = createRoot(container);
    onTender.mockClear();
    await open([third]);
    expect(await redeem('1.00')).toBe(
      'This register has taken 3 gift cards while offline this shift, the most the store allows (3). Take another way to pay, or take the card once the register is back online.',
    );
    expect(onTender).not.toHaveBeenCalled();
    // Online the card is looked up as usual.
    online = true;
    expect(await redeem('1.00')).toBeUndefined();
    expect(onTender).toHaveBeenCalledWith(expect.objectContaining({ giftCard: { token: card.token, last4: '0001' } }));
  });
});
