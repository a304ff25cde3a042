import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { ShellError } from '../../shared/ipc/ipc-errors';
import { APP_ORIGIN } from '../protocol/app-protocol';
import { CONTENT_SECURITY_POLICY, type CspSession, installCspHeaders } from './content-security-policy';
import { createExternalLinks } from './external-links';
import { type PermissionSession, installPermissionPolicy } from './permissions';
import { isTrustedUrl, normaliseOrigin, originOf } from './trusted-url';
import { type HardenableContents, hardenWebContents } from './web-contents-hardening';

const shop = ['https://shop.example'];

describe('trusted-url: exact origin comparison', () => {
  it.each([
    ['https://shop.example/help', true],
    ['HTTPS://SHOP.EXAMPLE/Help', true],
    ['https://shop.example.evil/', false],
    ['https://shop.example.evil.com/x', false],
    ['https://shop.example@evil.com/', false],
    ['https://evil.com/?https://shop.example', false],
    ['https://shop.example:8443/', false],
    ['http://shop.example/', false],
    ['https://user:pw@shop.example/', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s → %s', (url, trusted) => {
    expect(isTrustedUrl(url, shop)).toBe(trusted);
  });

  it('gives the custom app:// scheme a real origin', () => {
    expect(originOf('app://pos/index.html#/sale')).toBe(APP_ORIGIN);
    expect(isTrustedUrl('app://pos/assets/x.js', [APP_ORIGIN])).toBe(true);
    expect(isTrustedUrl('app://pos.evil/index.html', [APP_ORIGIN])).toBe(false);
    expect(isTrustedUrl('file:///etc/passwd', [APP_ORIGIN])).toBe(false);
  });

  it('accepts only bare origins in configuration', () => {
    expect(normaliseOrigin('https://Shop.Example/')).toBe('https://shop.example');
    expect(() => normaliseOrigin('https://shop.example/path')).toThrow(/bare origin/);
  });
});

describe('openExternal allow-list', () => {
  it('opens allowed https pages and refuses look-alikes, other schemes and plain http with a coded error', async () => {
    const opened: string[] = [];
    const links = createExternalLinks(
      () => shop,
      async (url) => {
        opened.push(url);
      },
    );
    await links.open('https://shop.example/returns');
    for (const url of [
      'https://shop.example.evil/',
      'http://shop.example/',
      'file:///etc/passwd',
      'smb://shop.example/share',
    ]) {
      await expect(links.open(url)).rejects.toMatchObject({ code: ShellError.URL_NOT_ALLOWED });
    }
    expect(opened).toEqual(['https://shop.example/returns']);
  });
});

class Contents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
}

function hardened() {
  const contents = new Contents();
  const opened: string[] = [];
  const externalLinks = createExternalLinks(
    () => shop,
    async (url) => {
      opened.push(url);
    },
  );
  // The fake implements the two members hardenWebContents uses.
  hardenWebContents(contents as unknown as HardenableContents, {
    isTrustedUrl: (url) => isTrustedUrl(url, [APP_ORIGIN]),
    externalLinks,
    log: () => undefined,
  });
  const fire = (event: string, ...args: unknown[]): boolean => {
    const preventDefault = vi.fn();
    contents.emit(event, { preventDefault, url: args[0] }, ...args);
    return preventDefault.mock.calls.length > 0;
  };
  return { contents, opened, fire };
}

describe('web contents hardening', () => {
  it('blocks navigation and redirects away from the app, allows moving inside it', () => {
    const { fire } = hardened();
    expect(fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fire('will-navigate', 'app://pos.evil/')).toBe(true);
    expect(fire('will-navigate', 'app://pos/index.html')).toBe(false);
    expect(fire('will-redirect', 'https://shop.example/')).toBe(true);
    expect(fire('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(fire('will-attach-webview')).toBe(true);
  });

  it('denies every window.open; allowed links go to the system browser instead', () => {
    const { contents, opened } = hardened();
    expect(contents.openHandler?.({ url: 'https://shop.example/help' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'https://shop.example.evil/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'app://pos/index.html' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://shop.example/help']);
  });
});

describe('permissions', () => {
  function installed() {
    const handlers: {
      request?: (...args: unknown[]) => void;
      check?: (...args: unknown[]) => boolean;
      device?: () => boolean;
    } = {};
    const session = {
      setPermissionRequestHandler: (h: (...args: unknown[]) => void) => (handlers.request = h),
      setPermissionCheckHandler: (h: (...args: unknown[]) => boolean) => (handlers.check = h),
      setDevicePermissionHandler: (h: () => boolean) => (handlers.device = h),
    };
    installPermissionPolicy(session as unknown as PermissionSession, (url) => isTrustedUrl(url, [APP_ORIGIN]));
    const request = (permission: string, url: string): boolean => {
      let granted: boolean | undefined;
      handlers.request?.({ getURL: () => url }, permission, (g: boolean) => (granted = g), { requestingUrl: url });
      return granted === true;
    };
    return { handlers, request };
  }

  it('denies by default, even to the app itself', () => {
    const { request, handlers } = installed();
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'hid', 'serial', 'usb']) {
      expect(request(permission, 'app://pos/index.html')).toBe(false);
    }
    expect(handlers.device?.()).toBe(false);
  });

  it('grants the clipboard write only to the app origin', () => {
    const { request, handlers } = installed();
    expect(request('clipboard-sanitized-write', 'app://pos/index.html')).toBe(true);
    expect(request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(handlers.check?.(null, 'clipboard-sanitized-write', 'app://pos')).toBe(true);
    expect(handlers.check?.(null, 'media', 'app://pos')).toBe(false);
  });
});

describe('CSP header', () => {
  it('replaces whatever CSP a response carried with the app policy', () => {
    let handler:
      ((details: unknown, callback: (r: { responseHeaders: Record<string, string[]> }) => void) => void) | undefined;
    const session = { webRequest: { onHeadersReceived: (h: typeof handler) => (handler = h) } };
    installCspHeaders(session as unknown as CspSession);
    let result: Record<string, string[]> = {};
    handler?.(
      { responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } },
      (r) => (result = r.responseHeaders),
    );
    expect(result).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});
