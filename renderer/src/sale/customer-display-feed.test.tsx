// The feed that drives the customer display, end to end through the stores: idle with the store
// name, running lines and total while scanning, paid and change while paying, "Change due" after
// a cash sale completes (through useCompleteSale, as the pay screen does) until the next sale
// starts or a minute passes. Before, completing a sale cleared the cart and the customer never
// saw their change: the screen went straight back to "Welcome", without the store's name.
// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CustomerDisplayState } from '../../../shared/ipc/display-schemas';
import { FIXTURE_IDS } from '../../../test/support/fixtures/documents';
import { mug, testContext } from '../../../test/support/register-data';
import { BackendContext } from '../model/backend-context';
import type { Backend } from '../model/backend';
import type { Tender } from '../model/tender';
import { useSaleContext } from '../session/sale-context-store';
import { useSession } from '../session/session-store';
import { CustomerDisplayView } from '../customer-display/CustomerDisplay';
import { emptyCart, useCart } from './cart-store';
import { customerDisplayState, PAID_SCREEN_MS } from './customer-display-feed';
import { useLastSale } from './last-sale-store';
import { useCompleteSale } from './pay/useCompleteSale';
import { useTenders } from './tender-store';
import { useCustomerDisplayFeed } from './useCustomerDisplayFeed';
import { currentSaleTotals } from './useSaleTotals';

const shown = vi.hoisted(() => [] as CustomerDisplayState[]);
vi.mock('../bridge/call-bridge', () => ({
  showOnCustomerDisplay: (state: CustomerDisplayState) => shown.push(state),
  callBridge: () => Promise.resolve(undefined),
}));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let complete: ReturnType<typeof useCompleteSale>['complete'] | undefined;
function Harness() {
  useCustomerDisplayFeed();
  complete = useCompleteSale().complete;
  return null;
}

const backend = {
  completeSale: () => Promise.resolve({ orderId: 'o1', orderNumber: 'S012-R01-000001-X' }),
} as unknown as Backend;

function cashTender(saleId: string, tendered: number): Tender {
  const due = currentSaleTotals().totals!.grandTotal.amount;
  return {
    id: `01937a00-0000-7000-8000-0000000000c${saleId.length % 10}`,
    method: 'cash',
    amount: due,
    status: 'approved',
    cash: { tendered, change: tendered - due },
    at: '2026-11-27T09:00:00.000Z',
  } as Tender;
}

describe('customer display feed', () => {
  let container: HTMLDivElement;
  let root: Root;
  const latest = (): CustomerDisplayState => shown[shown.length - 1]!;
  const settle = async (ms = 200): Promise<void> => {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(ms);
    });
  };

  beforeEach(async () => {
    vi.useFakeTimers();
    shown.length = 0;
    localStorage.clear();
    useCart.setState({ cart: emptyCart('USD', false), suspended: [] });
    useTenders.getState().clear();
    useLastSale.getState().set(undefined);
    useSession.setState({ clerk: { staffId: FIXTURE_IDS.clerk, name: 'Ana Clerk', role: 'clerk' } });
    container = document.createElement('div');
    root = createRoot(container);
    await act(async () =>
      root.render(
        <BackendContext.Provider value={backend}>
          <Harness />
        </BackendContext.Provider>,
      ),
    );
    useSaleContext.getState().setContext(testContext());
    await settle();
  });
  afterEach(() => {
    act(() => root.unmount());
    vi.useRealTimers();
    useSaleContext.setState({ context: undefined });
  });

  it('shows the store name while idle, then the running lines and total', async () => {
    expect(latest()).toMatchObject({ status: 'idle', storeName: 'Test Store', message: 'Welcome' });
    useCart.getState().addProduct(mug, { quantity: 2 });
    await settle();
    expect(latest()).toMatchObject({ status: 'cart', total: 2175 });
    expect(latest().lines).toEqual([
      expect.objectContaining({ description: 'Red mug 12 oz', quantity: 2, lineTotal: 2175 }),
    ]);
  });

  it('shows the change due after a cash sale completes, until the next sale or a minute', async () => {
    useCart.getState().addProduct(mug, { quantity: 2 });
    await settle();
    const saleId = useCart.getState().cart.saleId;
    const tender = cashTender(saleId, 5000);
    useTenders.getState().add(saleId, tender);
    await settle();
    expect(latest()).toMatchObject({ status: 'paying', total: 2175, paid: 5000, changeDue: 2825 });

    await act(async () => {
      await complete!([tender]);
    });
    await settle();
    expect(useCart.getState().cart.lines).toHaveLength(0);
    expect(latest()).toMatchObject({ status: 'paid', total: 2175, paid: 5000, changeDue: 2825, message: 'Thank you!' });

    await settle(PAID_SCREEN_MS);
    expect(latest()).toMatchObject({ status: 'idle', storeName: 'Test Store' });
  });

  it('drops the last change as soon as the next sale starts', async () => {
    useCart.getState().addProduct(mug);
    await settle();
    const saleId = useCart.getState().cart.saleId;
    const tender = cashTender(saleId, 2000);
    await act(async () => {
      await complete!([tender]);
    });
    await settle();
    expect(latest().status).toBe('paid');
    useCart.getState().addProduct(mug);
    await settle();
    expect(latest()).toMatchObject({ status: 'cart', paid: 0, changeDue: 0 });
    expect(useLastSale.getState().sale).toBeUndefined();
    useCart.getState().voidLine(useCart.getState().cart.lines[0]!.lineId);
    await settle();
    expect(latest().status).toBe('idle'); // not the old sale's change again
  });

  it('draws each state for the customer', () => {
    const totals = currentSaleTotals().totals!;
    const base = { cart: useCart.getState().cart, totals, tenders: [], storeName: 'Test Store', now: 0 };
    const idle = renderToStaticMarkup(
      <CustomerDisplayView state={customerDisplayState({ ...base, lastSale: undefined })} />,
    );
    expect(idle).toContain('Test Store');
    expect(idle).toContain('Welcome');
    const paid = renderToStaticMarkup(
      <CustomerDisplayView
        state={customerDisplayState({
          ...base,
          lastSale: { saleId: 's', currency: 'USD', total: 2175, paid: 5000, changeDue: 2825, at: 0 },
        })}
      />,
    );
    expect(paid).toContain('Change due');
    expect(paid).toContain('$28.25');
    expect(paid).toContain('Thank you!');
  });
});
