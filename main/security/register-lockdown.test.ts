// Issue 10 findings in the main process, against the fake electron module: a packaged register
// has no DevTools and no default menu, the renderer cannot point updates anywhere, updates are
// https only, printer sockets reach only raw printing ports, and the CSP names the enrolled server.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { app, BrowserWindow, Menu } from '../../test/support/main/fake-electron';
import { SettingsPatchSchema } from '../../shared/ipc/settings-schemas';
import { PrinterTargetSchema } from '../../shared/ipc/printer-schemas';
import { createSecureWindow } from '../window/secure-window';
import { httpsFeed } from '../shell-config';
import { appMenuTemplate, installAppMenu } from './app-menu';
import { contentSecurityPolicy } from './content-security-policy';

vi.mock('electron', () => import('../../test/support/main/fake-electron'));

const roles = (template: ReturnType<typeof appMenuTemplate>) =>
  template.flatMap((item) => (Array.isArray(item.submenu) ? item.submenu.map((s) => s.role) : [])).filter(Boolean);

afterEach(() => {
  app.isPackaged = false;
});

describe('a packaged register is locked down', () => {
  it('turns DevTools off in every window of a packaged app, and keeps them in development', () => {
    app.isPackaged = true;
    createSecureWindow({ show: false }, { preload: null });
    expect((BrowserWindow.instances.at(-1)!.options.webPreferences as { devTools: boolean }).devTools).toBe(false);
    app.isPackaged = false;
    createSecureWindow({ show: false }, { preload: null });
    expect((BrowserWindow.instances.at(-1)!.options.webPreferences as { devTools: boolean }).devTools).toBe(true);
  });

  it('replaces the default menu with one that has no DevTools or reload when packaged', () => {
    expect(roles(appMenuTemplate(true))).not.toContain('toggleDevTools');
    expect(roles(appMenuTemplate(true))).not.toContain('reload');
    expect(roles(appMenuTemplate(false))).toContain('toggleDevTools');
    installAppMenu(Menu as never, true);
    expect(roles((Menu.applicationMenu as { template: ReturnType<typeof appMenuTemplate> }).template)).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
      'minimize',
      'close',
    ]);
  });

  it('does not let the renderer set the update feed, and takes only an https feed from the environment', () => {
    expect(SettingsPatchSchema.safeParse({ updateFeedUrl: 'https://evil.example/feed' }).success).toBe(false);
    expect(httpsFeed('http://updates.example/feed')).toBeNull();
    expect(httpsFeed('https://user:pw@updates.example/feed')).toBeNull();
    expect(httpsFeed('https://updates.example/feed')).toBe('https://updates.example/feed');
  });

  it('opens raw printer sockets only to ports 9100 to 9102', () => {
    for (const port of [22, 80, 5432, 9099, 9103])
      expect(PrinterTargetSchema.safeParse({ kind: 'network', host: '10.0.0.5', port }).success).toBe(false);
    for (const port of [9100, 9101, 9102])
      expect(PrinterTargetSchema.safeParse({ kind: 'network', host: '10.0.0.5', port }).success).toBe(true);
  });

  it('lets an enrolled register connect only to its server', () => {
    expect(contentSecurityPolicy('https://sync.store.example:8787')).toContain(
      "connect-src 'self' https://sync.store.example:8787;",
    );
    expect(contentSecurityPolicy(null)).toContain("connect-src 'self' http: https:;");
    expect(contentSecurityPolicy("https://x.example; script-src 'unsafe-eval'")).toContain(
      "connect-src 'self' http: https:;",
    );
  });
});
