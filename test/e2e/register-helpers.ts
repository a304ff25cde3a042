// Helpers for the register end-to-end tests: a seeded sync server on a temporary data folder
// (restartable on the same folder and port), HQ reads of what arrived, and demo products to scan.
import { resolve } from 'node:path';
import { startServer, type RunningServer } from '../../sync-server/server';
import { hqFetch } from '../support/hq-client';

export const HQ_TOKEN = 'register-e2e-hq-token-0123456789-abcdefgh';

export async function startSeededServer(dataDir: string, port = 0): Promise<RunningServer> {
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
