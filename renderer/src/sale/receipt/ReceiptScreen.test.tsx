// The receipt screen after a sale ("Sale complete", change due, Next sale) and opened again from
// sales history: there it says "Receipt", prints as a reprint, goes back to the history, and names
// the clerk of the sale as the backend read it — the screen no longer passes the signed-in clerk
// (it used to: a manager reprinting Ana's sale printed "Served by Morgan").
// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReceiptDocument } from '../../../../shared/receipt/receipt-document';
import type { Backend } from '../../model/backend';
import { BackendContext } from '../../model/backend-context';
import { resetLayers } from '../../keys/key-layers';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const route = vi.hoisted(() => ({ search: {} as { from?: 'history' }, navigate: vi.fn() }));
vi.mock('@tanstack/react-router', () => ({
  useParams: () => ({ orderId: 'order-1' }),
  useSearch: () => route.search,
  useNavigate: () => route.navigate,
}));
vi.mock('../../session/session-store', () => ({
  useSession: (select: (s: unknown) => unknown) =>
    select({ clerk: { staffId: 'morgan', name: 'Morgan Manager', role: 'manager' } }),
}));

const { ReceiptScreen } = await import('./ReceiptScreen');

const doc: ReceiptDocument = {
  store: { name: 'Main Street', addressLines: ['1 Main St'] },
  orderNumber: 'S001-R01-000042-7',
  printedAt: '12/3/2026, 10:00:00 AM',
  registerName: 'S001-R01',
  cashierName: 'Ana Clerk',
  currency: 'USD',
  lines: [{ description: 'Mug', quantity: 1, unitPrice: 1000, lineTotal: 1000 }],
  discounts: [],
  subtotal: 1000,
  taxes: [],
  taxInclusive: false,
  total: 1000,
  tenders: [{ label: 'Cash', amount: 2000 }],
  changeDue: 1000,
  barcodeValue: 'S001-R01-000042-7',
  trainingMode: false,
};

describe('receipt screen', () => {
  let container: HTMLDivElement;
  let root: Root;
  const receipt = vi.fn((_orderId: string) => Promise.resolve(doc));
  const receiptEmailSuggestion = vi.fn((_orderId: string) => Promise.resolve<string | undefined>('ana@example.com'));

  async function render(): Promise<void> {
    await act(async () => {
      root.render(
        <BackendContext.Provider value={{ receipt, receiptEmailSuggestion } as unknown as Backend}>
          <ReceiptScreen />
        </BackendContext.Provider>,
      );
      await new Promise((r) => setTimeout(r, 10));
    });
  }

  beforeEach(() => {
    resetLayers();
    receipt.mockClear();
    route.navigate.mockClear();
    container = document.createElement('div');
    document.body.appendChild(container);
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  const text = (testId: string) => container.querySelector(`[data-testid="${testId}"]`)?.textContent ?? null;

  it('after a sale: "Sale complete", the change due, and Next sale', async () => {
    route.search = {};
    await render();
    expect(receipt).toHaveBeenCalledWith('order-1');
    expect(text('sale-complete')).toBe('Sale complete');
    expect(text('change-due')).toContain('10.00');
    expect(container.textContent).not.toContain('REPRINT');
    expect(text('next-sale')).toContain('Next sale');
    // The sale's customer's address is offered for the e-mailed receipt.
    expect(container.querySelector<HTMLInputElement>('[data-testid="receipt-email"]')!.value).toBe('ana@example.com');
    expect(text('send-receipt-email')).toBe('E-mail receipt');
  });

  it('from sales history: "Receipt" with its number, a reprint, the sale\'s clerk, and back to history', async () => {
    route.search = { from: 'history' };
    await render();
    expect(text('sale-complete')).toBeNull();
    expect(text('receipt-heading')).toBe('Receipt S001-R01-000042-7');
    expect(text('change-due')).toBeNull();
    expect(container.textContent).toContain('REPRINT');
    expect(container.textContent).toContain('Served by Ana Clerk');
    expect(container.textContent).not.toContain('Morgan');
    expect(text('print-receipt')).toContain('Reprint receipt');
    expect(text('send-receipt-email')).toBe('Re-send e-mail');
    await act(async () => {
      container.querySelector<HTMLButtonElement>('[data-testid="back-to-history"]')!.click();
      await Promise.resolve();
    });
    expect(route.navigate).toHaveBeenCalledWith({ to: '/history' });
  });
});
