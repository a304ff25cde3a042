// The receipt's e-mail form: the sale's customer's address pre-filled; a wrong address is refused
// before anything is recorded and the focus stays in the field; Enter in the field records the
// request (a receipt_email_requested event through the backend).
// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Backend } from '../../model/backend';
import { BackendContext } from '../../model/backend-context';
import { useSyncStatus } from '../../session/sync-status-store';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

vi.mock('../../session/session-store', () => ({
  useSession: (select: (s: unknown) => unknown) =>
    select({ clerk: { staffId: 'morgan', name: 'Morgan Manager', role: 'manager' } }),
}));

const { EmailReceiptForm, looksLikeEmail } = await import('./EmailReceiptForm');

describe('EmailReceiptForm', () => {
  let container: HTMLDivElement;
  let root: Root;
  const requestReceiptEmail = vi.fn((_o: string, _e: string, _s: string) => Promise.resolve());
  const onMessage = vi.fn();

  async function render(suggested: string | undefined, resend = false): Promise<void> {
    const backend = { requestReceiptEmail, receiptEmailSuggestion: () => Promise.resolve(suggested) };
    await act(async () => {
      root.render(
        <BackendContext.Provider value={backend as unknown as Backend}>
          <EmailReceiptForm orderId="order-1" resend={resend} onMessage={onMessage} />
        </BackendContext.Provider>,
      );
      await new Promise((r) => setTimeout(r, 10));
    });
  }

  const field = () => container.querySelector<HTMLInputElement>('[data-testid="receipt-email"]')!;
  const type = async (value: string) =>
    act(async () => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setter.call(field(), value);
      field().dispatchEvent(new Event('input', { bubbles: true }));
      await Promise.resolve();
    });
  // Enter in a text field submits its form.
  const enter = async () =>
    act(async () => {
      field().form!.requestSubmit();
      await new Promise((r) => setTimeout(r, 10));
    });

  beforeEach(() => {
    requestReceiptEmail.mockClear();
    onMessage.mockClear();
    container = document.createElement('div');
    document.body.appendChild(container);
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  it("offers the customer's e-mail and records the request on Enter", async () => {
    useSyncStatus.getState().update({ online: true });
    await render('cleo@example.com');
    expect(field().value).toBe('cleo@example.com');
    await enter();
    expect(requestReceiptEmail).toHaveBeenCalledWith('order-1', 'cleo@example.com', 'morgan');
    expect(onMessage).toHaveBeenLastCalledWith({
      kind: 'ok',
      text: 'The receipt will be emailed to cleo@example.com in a moment.',
    });
  });

  it('says the mail waits for the network when the register is offline', async () => {
    useSyncStatus.getState().update({ online: false });
    await render('cleo@example.com');
    await enter();
    expect(onMessage).toHaveBeenLastCalledWith({
      kind: 'ok',
      text: 'The receipt will be emailed to cleo@example.com once the register is back online.',
    });
    useSyncStatus.getState().update({ online: true });
  });

  it('refuses a wrong address, keeps the focus in the field, and sends once it is corrected', async () => {
    await render(undefined, true);
    expect(field().value).toBe('');
    expect(container.textContent).toContain('Re-send e-mail');
    await type('bob@example');
    field().blur();
    await enter();
    expect(requestReceiptEmail).not.toHaveBeenCalled();
    expect(onMessage).toHaveBeenLastCalledWith(expect.objectContaining({ kind: 'error' }));
    expect(document.activeElement).toBe(field());
    expect(field().getAttribute('aria-invalid')).toBe('true');
    await type(' bob@example.com ');
    await enter();
    expect(requestReceiptEmail).toHaveBeenCalledWith('order-1', 'bob@example.com', 'morgan');
  });

  it('checks the shape of an address', () => {
    expect(looksLikeEmail('a@b.co')).toBe(true);
    for (const bad of ['', 'a@b', '@b.co', 'a b@c.de', 'a@b.co x']) expect(looksLikeEmail(bad)).toBe(false);
  });
});
