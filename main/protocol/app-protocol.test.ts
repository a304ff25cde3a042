import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../security/content-security-policy';
import { createAppProtocolHandler, resolveAppPath } from './app-protocol';

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'pos-protocol-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>POS</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(base, 'secret.txt'), 'TOP SECRET');
  await mkdir(join(base, 'renderer-private'));
  await writeFile(join(base, 'renderer-private', 'key.txt'), 'PRIVATE KEY');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('resolveAppPath', () => {
  it('maps app://pos/ paths into the renderer folder', () => {
    expect(resolveAppPath(root, 'app://pos/')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://pos/assets/app.js?v=1#x')).toBe(join(root, 'assets', 'app.js'));
  });

  it('keeps URL-folded dot segments inside the folder', () => {
    // The WHATWG parser folds ../ and %2e%2e/ before we see the path.
    expect(resolveAppPath(root, 'app://pos/%2e%2e/secret.txt')).toBe(join(root, 'secret.txt'));
    expect(resolveAppPath(root, 'app://pos/a/../../../secret.txt')).toBe(join(root, 'secret.txt'));
  });

  it.each([
    'app://pos/assets/%2E%2E%2F%2E%2E%2Fsecret.txt',
    'app://pos/..%2Fsecret.txt',
    'app://pos/..%5Csecret.txt',
    'app://pos/%2e%2e%5c..%5csecret.txt',
    'app://pos/..%2Frenderer-private%2Fkey.txt',
    'app://pos/index.html%00.js',
    'app://pos/%E0%A4%A',
    'app://evil/index.html',
    'https://pos/index.html',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });
});

describe('app:// protocol handler', () => {
  const get = (url: string, method = 'GET') => createAppProtocolHandler(root)(new Request(url, { method }));

  it('serves the app with its content type and the CSP header', async () => {
    const page = await get('app://pos/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>POS</title>');
    const script = await get('app://pos/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('refuses traversal with 403 and never returns the file behind it', async () => {
    for (const url of [
      'app://pos/..%2Fsecret.txt',
      'app://pos/..%2Frenderer-private%2Fkey.txt',
      'app://pos/..%5Csecret.txt',
    ]) {
      const response = await get(url);
      expect(response.status).toBe(403);
      expect(await response.text()).not.toMatch(/SECRET|PRIVATE/);
    }
    // The URL parser already folds a literal ../ into the root: still nothing outside it.
    for (const url of ['app://pos/../secret.txt', 'app://pos/%2e%2e/secret.txt']) {
      const folded = await get(url);
      expect(folded.status).toBe(404);
      expect(await folded.text()).not.toContain('SECRET');
    }
  });

  it('answers 404 for missing assets, the app shell for client routes, 405 for writes', async () => {
    expect((await get('app://pos/assets/missing.js')).status).toBe(404);
    const route = await get('app://pos/orders/123');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>POS</title>');
    expect((await get('app://pos/index.html', 'POST')).status).toBe(405);
  });
});
