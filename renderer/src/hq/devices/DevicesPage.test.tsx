// The Devices page's gift card unblock: an admin sees "Unblock gift cards" on a register the server
// lists as blocked (and on no other), the click posts the unblock with the session's CSRF token and
// reloads the list; an operations user sees no such button.
// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useSession, type HqRole } from '../session-store';
import type { DeviceHealth } from '../dashboard/types';
import { DevicesPage } from './DevicesPage';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
let host: HTMLElement | undefined;
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  vi.unstubAllGlobals();
});

const device = (id: string, name: string, deviceName = name): DeviceHealth => ({
  id,
  name,
  deviceName,
  storeId: 'store-1',
  storeCode: 'S001',
  createdAt: '2026-12-01T00:00:00.000Z',
  revokedAt: null,
  lastSeenAt: null,
  lagSeconds: null,
  documentsWaiting: null,
  appVersion: null,
  status: 'never_seen',
});

/** The console API as the page sees it: r1 blocked until unblocked, r2 never blocked. */
function consoleServer() {
  const calls: { method: string; path: string; csrf: string | null }[] = [];
  let blocked = true;
  const reply = (body: unknown, status = 200) =>
    Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  const fetch = (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const path = url.replace('/api/hq/console', '');
    calls.push({ method, path, csrf: (init.headers as Record<string, string>)['x-hq-csrf'] ?? null });
    if (path === '/devices')
      return reply({ devices: [device('r1', 'S001-R01', 'Till by the door'), device('r2', 'S001-R02')] });
    if (path === '/stores') return reply({ stores: [{ id: 'store-1', key: 'S001', payload: { name: 'Main' } }] });
    if (path === '/devices/gift-card-blocks')
      return reply({ blocks: blocked ? [{ deviceId: 'r1', misses: 3, blockAt: 3, blocked: true }] : [] });
    if (method === 'POST' && path === '/devices/r1/gift-card-unblock') {
      blocked = false;
      return reply({
        unblocked: { deviceId: 'r1', by: 'admin@chain.test', at: '2026-12-03T10:00:00.000Z', misses: 3 },
      });
    }
    return reply({ code: 'HQ_NOT_FOUND', message: 'no route' }, 404);
  };
  return { fetch, calls };
}

async function mount(role: HqRole) {
  useSession.getState().signedIn({ id: 'u1', email: `${role}@chain.test`, name: role, role }, 'csrf-token-1');
  const server = consoleServer();
  vi.stubGlobal('fetch', server.fetch);
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  await act(async () => root?.render(<DevicesPage />));
  await vi.waitFor(() => expect(host!.textContent).toContain('S001-R02'));
  return { el: host, server };
}

const buttons = (el: HTMLElement, name: RegExp) =>
  [...el.querySelectorAll('button')].filter((b) => name.test(b.getAttribute('aria-label') ?? b.textContent ?? ''));

describe('Devices page: gift card unblock', () => {
  it('lets an admin unblock a blocked register with the CSRF token, then hides the button', async () => {
    const { el, server } = await mount('admin');
    const unblock = buttons(el, /^Unblock offline gift cards/);
    expect(unblock.map((b) => b.getAttribute('aria-label'))).toEqual(['Unblock offline gift cards on S001-R01']);
    await act(async () => unblock[0]!.click());
    await vi.waitFor(() =>
      expect(el.querySelector('[role=status]')?.textContent).toContain('S001-R01 may take gift cards offline again'),
    );
    expect(server.calls).toContainEqual({
      method: 'POST',
      path: '/devices/r1/gift-card-unblock',
      csrf: 'csrf-token-1',
    });
    expect(buttons(el, /^Unblock offline gift cards/)).toEqual([]);
  });

  it('shows no unblock button to an operations user', async () => {
    const { el } = await mount('operations');
    expect(buttons(el, /^Revoke /)).toHaveLength(2);
    expect(buttons(el, /^Unblock offline gift cards/)).toEqual([]);
  });
});

describe('Devices page: register and device names', () => {
  it('shows the device name given at enrollment beneath the register name, and finds a register by it', async () => {
    const { el } = await mount('operations');
    const row = el.querySelector('[data-device-id="r1"]');
    expect(row?.textContent).toContain('S001-R01');
    expect(row?.textContent).toContain('Till by the door');
    // A device enrolled without a name of its own is not shown twice.
    expect(el.querySelector('[data-device-id="r2"] .hq-muted')).toBeNull();
    const search = el.querySelector<HTMLInputElement>('input[type=search], input[aria-label="Find register"]');
    expect(search).not.toBeNull();
    await act(async () => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setValue.call(search, 'by the door');
      search!.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await vi.waitFor(() => expect(el.querySelector('[data-device-id="r2"]')).toBeNull());
    expect(el.querySelector('[data-device-id="r1"]')).not.toBeNull();
  });
});
