// The inbox screen: lists open entries with the server's message; Void puts the focus in the reason
// field and refuses an empty reason with the sentence saying why; Enter voids and the entry leaves
// the open list; Retry sends it again.
// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncInbox as Inbox } from './sync-inbox';
import { SyncInbox } from './SyncInbox';
import { memoryStore } from './waiting-ledger';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

async function setValue(input: HTMLInputElement, value: string): Promise<void> {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('SyncInbox component', () => {
  let container: HTMLDivElement;
  let root: Root;
  let inbox: Inbox;
  let pushes = 0;

  beforeEach(async () => {
    container = document.createElement('div');
    document.body.appendChild(container);
    root = createRoot(container);
    pushes = 0;
    inbox = await Inbox.open({
      store: memoryStore(),
      push: () => {
        pushes += 1;
        return Promise.resolve({ conflicts: [], rejected: [] });
      },
      writeLocal: () => Promise.resolve(),
      audit: () => Promise.resolve(),
    });
    await inbox.record('orders', [
      {
        id: 'order-1',
        kind: 'refused',
        code: 'SYNC_INVALID_DOCUMENT',
        message: 'unitPrice must be 0 or more.',
        field: 'lines.0.unitPrice',
        document: { id: 'order-1' },
      },
      {
        id: 'order-2',
        kind: 'refused',
        code: 'SYNC_FORBIDDEN',
        message: 'Another store’s order.',
        document: { id: 'order-2' },
      },
    ]);
    await act(async () => root.render(<SyncInbox inbox={inbox} staffId="sup-1" />));
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  const q = <T extends Element>(id: string) => container.querySelectorAll<T>(`[data-testid="${id}"]`);

  it('voids with a reason typed in the field that gets the focus, and retries', async () => {
    expect(q('inbox-entry')).toHaveLength(2);
    expect(q('inbox-message')[0]!.textContent).toBe('unitPrice must be 0 or more. (lines.0.unitPrice)');
    await act(async () => q<HTMLButtonElement>('inbox-void')[0]!.click());
    const reason = q<HTMLInputElement>('inbox-void-reason')[0]!;
    expect(document.activeElement).toBe(reason);
    await act(async () => q<HTMLButtonElement>('inbox-void-confirm')[0]!.click());
    expect(q('inbox-error')[0]!.textContent).toContain('Say why it is voided');
    await setValue(reason, 'duplicate of sale 41');
    await act(async () => q<HTMLButtonElement>('inbox-void-confirm')[0]!.click());
    expect(q('inbox-entry')).toHaveLength(1);
    expect(inbox.list().find((e) => e.id === 'order-1')?.status).toBe('voided');
    await act(async () => q<HTMLButtonElement>('inbox-retry')[0]!.click());
    expect(pushes).toBe(1);
    expect(q('inbox-entry')).toHaveLength(0);
    expect(q('inbox-empty')).toHaveLength(1);
  });
});
