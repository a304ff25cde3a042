// The manager approval modal: only people of the required role are offered, a wrong PIN says so
// and approves nothing, the right PIN grants every missing approval naming who gave it.
// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RequiredApproval } from '../../../shared/pricing';
import type { Backend, StaffView } from '../model/backend';
import { BackendContext } from '../model/backend-context';
import { resetLayers } from '../keys/key-layers';
import type { Approval } from '../model/cart-types';
import { ApprovalDialog } from './ApprovalDialog';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const staff: StaffView[] = [
  { id: 'c1', name: 'Casey Clerk', role: 'clerk', active: true },
  { id: 's1', name: 'Sam Supervisor', role: 'supervisor', active: true },
  { id: 'm1', name: 'Morgan Manager', role: 'manager', active: true },
  { id: 'm2', name: 'Gone Manager', role: 'manager', active: false },
];
const backend = {
  listStaff: () => Promise.resolve(staff),
  checkPin: (id: string, pin: string) =>
    Promise.resolve(
      id === 'm1' && pin === '9999'
        ? { ok: true, message: 'ok' }
        : { ok: false, message: 'Wrong PIN. 4 tries left before a lockout.' },
    ),
} as unknown as Backend;

const required: RequiredApproval[] = [
  {
    kind: 'line_discount',
    subject: 'line-1',
    minimumRole: 'manager',
    reason: 'Discount of $21.74 on ELE-20 is over the clerk limit.',
  },
  { kind: 'price_override', subject: 'line-1', minimumRole: 'supervisor', reason: 'Price changed.' },
];

async function typePin(container: HTMLElement, pin: string): Promise<void> {
  const input = container.querySelector<HTMLInputElement>('[data-testid="approval-pin"]')!;
  await act(async () => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setter.call(input, pin);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(async () => {
    input.form!.requestSubmit();
    await new Promise((r) => setTimeout(r, 0));
  });
}

describe('manager approval dialog', () => {
  let container: HTMLDivElement;
  let root: Root;
  const onApproved = vi.fn<(a: Approval[]) => void>();

  beforeEach(async () => {
    resetLayers();
    onApproved.mockClear();
    container = document.createElement('div');
    document.body.appendChild(container);
    root = createRoot(container);
    await act(async () => {
      root.render(
        <BackendContext.Provider value={backend}>
          <ApprovalDialog
            title="Discount Family Webcam by 50 %"
            required={required}
            onApproved={onApproved}
            onClose={() => undefined}
          />
        </BackendContext.Provider>,
      );
    });
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  it('offers only active staff of the highest role required', () => {
    const names = [...container.querySelectorAll('.staff-list button')].map((b) => b.textContent);
    expect(names).toEqual(['Morgan Manager']);
    expect(container.textContent).toContain('over the clerk limit');
  });

  it('says a wrong PIN is wrong and approves nothing', async () => {
    await typePin(container, '1234');
    expect(container.querySelector('[data-testid="approval-error"]')?.textContent).toContain('Wrong PIN');
    expect(onApproved).not.toHaveBeenCalled();
  });

  it('grants every missing approval with the approver recorded', async () => {
    await typePin(container, '9999');
    expect(onApproved).toHaveBeenCalledOnce();
    const approvals = onApproved.mock.calls[0]![0];
    expect(approvals.map((a) => [a.kind, a.subject, a.approverId, a.approverRole])).toEqual([
      ['line_discount', 'line-1', 'm1', 'manager'],
      ['price_override', 'line-1', 'm1', 'manager'],
    ]);
  });
});
