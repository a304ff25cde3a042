import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IpcChannels, IpcEvents } from '../../shared/ipc/channels';
import type { PosBridge } from '../../shared/ipc/contract';
import { contextBridge, ipcRenderer } from '../../test/support/main/fake-electron';

vi.mock('electron', () => import('../../test/support/main/fake-electron'));

let pos: PosBridge;

beforeAll(async () => {
  await import('./preload');
  pos = contextBridge.exposed.get('pos') as PosBridge;
});

describe('preload bridge', () => {
  it('exposes exactly window.pos with one function per contract method, and nothing raw', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['pos']);
    const keys = Object.keys(pos).sort();
    expect(keys).toEqual([...Object.keys(IpcChannels), 'runtime', 'onCustomerDisplay'].sort());
    expect(pos.runtime).toBe('electron');
    for (const value of Object.values(pos)) expect(value).not.toBe(ipcRenderer);
    expect(keys.some((k) => /ipc|invoke|send|require/i.test(k))).toBe(false);
  });

  it('forwards each call to its own channel with the arguments as given', async () => {
    ipcRenderer.invocations.length = 0;
    await pos.printRaw({ bytes: Uint8Array.of(1) });
    await pos.appInfo();
    expect(ipcRenderer.invocations).toEqual([
      [IpcChannels.printRaw, { bytes: Uint8Array.of(1) }],
      [IpcChannels.appInfo],
    ]);
  });

  it('delivers customer display states without the IPC event, and unsubscribes', () => {
    const seen: unknown[] = [];
    const unsubscribe = pos.onCustomerDisplay((state) => seen.push(state));
    const state = {
      status: 'idle',
      currency: 'EUR',
      lines: [],
      subtotal: 0,
      discountTotal: 0,
      taxTotal: 0,
      total: 0,
      paid: 0,
      changeDue: 0,
    };
    ipcRenderer.emit(IpcEvents.customerDisplayState, { sender: 'secret' }, state);
    unsubscribe();
    ipcRenderer.emit(IpcEvents.customerDisplayState, { sender: 'secret' }, state);
    expect(seen).toEqual([state]);
    expect(ipcRenderer.listenerCount(IpcEvents.customerDisplayState)).toBe(0);
  });
});
