// Helpers for the register end-to-end tests: a seeded sync server on a temporary data folder
// (restartable on the same folder and port), HQ reads of what arrived, demo products to scan, and
// the setup most register e2e files share: a Chromium page enrolled at S001, the demo clerk signed
// in by keyboard with the till open, a screenshot of the page when a test fails.
import { mkdirSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestContext } from 'vitest';
import { startServer, type RunningServer } from '../../sync-server/server';
import { launchChromium } from '../support/chromium';
import { hqFetch } from '../support/hq-client';
import { copySqliteTemplate } from '../support/seed-template';

export const HQ_TOKEN = 'register-e2e-hq-token-0123456789-abcdefgh';

export async function startSeededServer(dataDir: string, port = 0): Promise<RunningServer> {
  // A new data folder starts as a copy of the run's demo-seeded database (test/support/seed-template.ts).
  if (readdirSync(dataDir).length === 0) copySqliteTemplate(dataDir);
  return startServer({
    host: '127.0.0.1',
    port,
    logLevel: 'warn',
    posDir: resolve('out/renderer'),
    storage: { kind: 'sqlite', dataDir },
    hqToken: HQ_TOKEN,
    seedDemo: true,
  });
}

export async function hq<T>(url: string, path: string, body?: unknown): Promise<T> {
  return hqFetch<T>(url, HQ_TOKEN, path, body);
}

/** Every document of a collection as the server holds it (HQ sees all stores). */
export async function pullAll<T>(url: string, collection: string): Promise<T[]> {
  const out: T[] = [];
  let seq = 0;
  for (;;) {
    const page = await hq<{ documents: T[]; checkpoint: { seq: number } }>(
      url,
      `/sync/${collection}/pull?seq=${seq}&limit=1000`,
    );
    out.push(...page.documents);
    if (page.documents.length === 0 || page.checkpoint.seq === seq) return out;
    seq = page.checkpoint.seq;
  }
}

export async function enrollmentCode(url: string, storeCode: string): Promise<string> {
  return (await hq<{ code: string }>(url, '/api/hq/enrollment-codes', { storeId: storeCode })).code;
}

export interface DemoProduct {
  id: string;
  sku: string;
  name: string;
  primaryBarcode: string;
  unit: 'each' | 'kg';
  taxCategory: string;
  active: boolean;
  prices: { amount: number }[];
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

export interface EnrolledRegister {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Uncaught errors of the page, in order (each is also logged with its stack). */
  errors: string[];
}

/**
 * A fresh Chromium page enrolled as a register of `storeCode` through the enrollment link, left on
 * the sign-in screen once the first sync is done. Creates test-results/ for screenshots.
 */
export async function enrollRegister(
  serverUrl: string,
  options: { viewport?: { width: number; height: number }; storeCode?: string } = {},
): Promise<EnrolledRegister> {
  mkdirSync('test-results', { recursive: true });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => {
    errors.push(e.message);
    console.error('[pageerror]', e.stack);
  });
  const code = await enrollmentCode(serverUrl, options.storeCode ?? 'S001');
  await page.goto(`${serverUrl}/#/enroll?code=${encodeURIComponent(code)}&server=${encodeURIComponent(serverUrl)}`);
  await page.getByTestId('enroll-submit').click();
  await page.getByTestId('sign-in').waitFor({ timeout: 90_000 });
  return { browser, context, page, errors };
}

/** The demo clerk signs in typing the PIN, opens the till with `float` and lands on the sell screen. */
export async function openTillByKeyboard(page: Page, float = '150.00'): Promise<void> {
  await page.getByTestId('staff-Casey Clerk').click();
  await page.keyboard.type('1111');
  await page.keyboard.press('Enter');
  await page.getByTestId('float-input').fill(float);
  await page.getByTestId('open-till').click();
  await page.getByTestId('go-sell').click();
  await page.getByTestId('sell-screen').waitFor();
}

/** An afterEach hook: a failed test leaves test-results/<prefix>-failed-<test name>.png. */
export function screenshotOnFailure(prefix: string, page: () => Page | undefined) {
  return async (ctx: TestContext): Promise<void> => {
    if (ctx.task.result?.state !== 'fail') return;
    await page()?.screenshot({
      path: `test-results/${prefix}-failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}.png`,
    });
  };
}

/** The register's sale storage (local-data/durable-state-storage.ts): IndexedDB `pos-state`, store `kv`. */
export async function stateItem(page: Page, key: string): Promise<string | undefined> {
  return page.evaluate(
    (k) =>
      new Promise<string | undefined>((resolve, reject) => {
        const open = indexedDB.open('pos-state', 1);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('kv', 'readonly').objectStore('kv').get(k);
          req.onsuccess = () => (open.result.close(), resolve(req.result as string | undefined));
          req.onerror = () => reject(req.error);
        };
      }),
    key,
  );
}

export async function setStateItem(page: Page, key: string, value: string | null): Promise<void> {
  await page.evaluate(
    ({ k, v }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('pos-state', 1);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('kv', 'readwrite', { durability: 'strict' });
          if (v === null) tx.objectStore('kv').delete(k);
          else tx.objectStore('kv').put(v, k);
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    { k: key, v: value },
  );
}
