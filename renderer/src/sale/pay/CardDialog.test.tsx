// The card dialog over the real terminal simulator: a declined card followed by another in the same
// dialog is a new payment (it used to reuse the id: "payment id was already used … program
// error"); after no answer, Charge works again with the amount kept.
// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SimulatedGateway } from '../../../../shared/payments/simulator';
import type { Backend } from '../../model/backend';
import { BackendContext } from '../../model/backend-context';
import type { Tender } from '../../model/tender';
import { resetLayers } from '../../keys/key-layers';
import { makeCardTerminal } from '../../local-data/card-terminal';
import { useSaleContext } from '../../session/sale-context-store';
import { useSyncStatus } from '../../session/sync-status-store';
import type { SaleContext } from '../../model/sale-context';
import { CardDialog } from './CardDialog';
import { useTenders } from '../tender-store';
import { useCart } from '../cart-store';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const terminal = makeCardTerminal(new SimulatedGateway());
const terminalCharge = terminal.charge.bind(terminal);
const backend = { cardTerminal: () => terminal, pendingOfflineCard: () => Promise.resolve([]) } as unknown as Backend;

async function click(container: HTMLElement, testId: string): Promise<void> {
  await act(async () => {
    container.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)!.click();
    await new Promise((r) => setTimeout(r, 20));
  });
}

describe('card dialog', () => {
  let container: HTMLDivElement;
  let root: Root;
  // As the pay screen does: the tender goes into the tender store (which settles the card attempt).
  const onTender = vi.fn<(t: Tender) => void>((t) => useTenders.getState().add(useCart.getState().cart.saleId, t));

  beforeEach(async () => {
    resetLayers();
    onTender.mockClear();
    useTenders.getState().clear();
    useSyncStatus.getState().update({ online: true });
    useSaleContext.getState().setContext({
      offlineCard: { enabled: true, perTransactionCap: 15000, perRegisterCap: 100000, expiryHours: 72 },
    } as SaleContext);
    container = document.createElement('div');
    document.body.appendChild(container);
    root = createRoot(container);
    await act(async () => {
      root.render(
        <BackendContext.Provider value={backend}>
          <CardDialog due={2599} currency="USD" training={false} onTender={onTender} onClose={() => undefined} />
        </BackendContext.Provider>,
      );
    });
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  it('never shows a card number field to the clerk, and focuses the amount', () => {
    expect(container.querySelector('[data-testid="card-number"]')).toBeNull();
    expect(document.activeElement?.getAttribute('data-testid')).toBe('card-amount');
  });

  it('takes another card after a decline as a new payment', async () => {
    await click(container, 'sim-decline');
    expect(container.querySelector('[data-testid="card-outcome"]')?.textContent).toContain('Declined');
    await click(container, 'card-charge');
    expect(container.querySelector('[data-testid="card-error"]')).toBeNull();
    expect(onTender).toHaveBeenCalledOnce();
    expect(onTender.mock.calls[0]![0]).toMatchObject({
      method: 'card',
      amount: 2599,
      status: 'approved',
      card: { entryMode: 'chip' },
    });
  });

  it('keeps the amount and lets Charge retry after no answer', async () => {
    const amount = container.querySelector<HTMLInputElement>('[data-testid="card-amount"]')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(amount, '10.00');
      amount.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click(container, 'sim-timeout');
    expect(container.querySelector('[data-testid="card-outcome"]')?.textContent).toContain('same payment id');
    expect(amount.value).toBe('10.00');
    expect(container.querySelector<HTMLButtonElement>('[data-testid="card-charge"]')!.disabled).toBe(false);
    await click(container, 'card-charge');
    expect(onTender.mock.calls[0]![0]).toMatchObject({ amount: 1000, status: 'approved' });
  });

  it('writes the charge as an attempt before the terminal answers, and settles it with the tender', async () => {
    const saleId = useCart.getState().cart.saleId;
    let seen: unknown;
    const spy = vi.spyOn(terminal, 'charge').mockImplementationOnce(async (request) => {
      seen = useTenders.getState().attemptFor(saleId);
      return terminalCharge(request);
    });
    await click(container, 'card-charge');
    spy.mockRestore();
    expect(seen).toMatchObject({ amount: 2599, currency: 'USD', training: false });
    expect(useTenders.getState().forSale(saleId)).toEqual([
      expect.objectContaining({ id: (seen as { paymentId: string }).paymentId }),
    ]);
    expect(useTenders.getState().attemptFor(saleId)).toBeUndefined();
  });

  it('after no answer, "Check payment status" says nothing was charged and clears the attempt', async () => {
    const saleId = useCart.getState().cart.saleId;
    await click(container, 'sim-timeout');
    expect(useTenders.getState().attemptFor(saleId)).toBeDefined();
    await click(container, 'card-check-status');
    expect(container.querySelector('[data-testid="card-status-note"]')?.textContent).toContain('was not charged');
    expect(useTenders.getState().attemptFor(saleId)).toBeUndefined();
    expect(container.querySelector('[data-testid="card-check-status"]')).toBeNull();
    expect(onTender).not.toHaveBeenCalled();
  });
});
