// The customer summary panel over the real summary source (its HTTP client with a stand-in
// network): live from the server, the kept answer "as of" its time when offline, a line saying it
// needs the network when never fetched, and it never takes focus from the scan field.
// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RegisterCustomerSummary } from '../../../../shared/hq/service';
import { CustomerSummaries } from '../../local-data/customer-summaries';
import { SyncHttp, type FetchLike } from '../../sync/sync-http';
import { CustomerSummaryPanel } from './CustomerSummaryPanel';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const ID = '0193a000-0000-7000-8000-0000000000c1';
const summary: RegisterCustomerSummary = {
  customerId: ID,
  asOf: '2026-12-01T10:00:00.000Z',
  currency: 'USD',
  orders: 7,
  spent: 12_345,
  channels: 2,
  stores: 3,
  lastVisit: { at: '2026-11-28T15:00:00.000Z', storeCode: 'S002' },
  openPickups: 2,
  openPickupsHere: 1,
  returns: 1,
  storeCredit: 1250,
  hqNotes: true,
};

let network: 'up' | 'down' | 'unknown-customer' = 'up';
const calls: string[] = [];
const fakeFetch: FetchLike = async (url) => {
  calls.push(url);
  if (network === 'down') throw new TypeError('fetch failed');
  if (network === 'unknown-customer')
    return new Response(JSON.stringify({ code: 'SYNC_NOT_FOUND', message: 'No such customer; search again.' }), {
      status: 404,
    });
  return new Response(JSON.stringify({ summary }), { status: 200 });
};
const http = new SyncHttp({ baseUrl: 'http://server.test', credential: 'cred', fetch: fakeFetch });

let container: HTMLDivElement;
let root: Root;
let scan: HTMLInputElement;

beforeEach(() => {
  localStorage.clear();
  calls.length = 0;
  network = 'up';
  scan = document.createElement('input');
  document.body.appendChild(scan);
  scan.focus();
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  scan.remove();
});

async function show(port: CustomerSummaries): Promise<void> {
  await act(async () => {
    root.render(<CustomerSummaryPanel customerId={ID} port={port} />);
  });
  await vi.waitFor(() => expect(container.textContent).not.toContain('Loading'), { timeout: 5000 });
}

describe('CustomerSummaryPanel', () => {
  it('shows the live summary from the server and keeps it on the register', async () => {
    await show(new CustomerSummaries(() => http, localStorage));
    expect(calls).toEqual([`http://server.test/api/customers/${ID}/summary`]);
    expect(container.querySelector('[data-testid="summary-orders"]')?.textContent).toContain('7');
    expect(container.textContent).toContain('123.45');
    expect(container.textContent).toContain('S002');
    expect(container.querySelector('[data-testid="summary-pickups"]')?.textContent).toContain('1 here');
    expect(container.textContent).toContain('Head office notes on file');
    expect(container.querySelector('[data-testid="summary-as-of"]')).toBeNull();
    expect(localStorage.getItem(`pos.customer-summary.${ID}`)).toContain('"orders":7');
  });

  it('offline, shows the kept summary with the time it was fetched', async () => {
    const clock = () => new Date('2026-12-02T09:30:00.000Z');
    await show(new CustomerSummaries(() => http, localStorage, clock));
    network = 'down';
    act(() => root.unmount());
    root = createRoot(container);
    await show(new CustomerSummaries(() => http, localStorage, clock));
    const asOf = container.querySelector('[data-testid="summary-as-of"]')?.textContent ?? '';
    expect(asOf).toMatch(/^as of /);
    expect(asOf).toContain('2026');
    expect(container.querySelector('[data-testid="summary-orders"]')?.textContent).toContain('7');
  });

  it('says the summary needs the network when it was never fetched and the server cannot be reached', async () => {
    network = 'down';
    await show(new CustomerSummaries(() => http, localStorage));
    expect(container.querySelector('[data-testid="summary-unavailable"]')?.textContent).toBe(
      'Summary needs the network',
    );
    expect(container.querySelector('[data-testid="summary-orders"]')).toBeNull();
  });

  it('says so when the server does not know the customer yet (created offline, not synced)', async () => {
    network = 'unknown-customer';
    await show(new CustomerSummaries(() => http, localStorage));
    expect(container.querySelector('[data-testid="summary-unavailable"]')?.textContent).toBe(
      'Summary after the customer reaches the server',
    );
  });

  it('never takes focus from the scan field and has no tab stops', async () => {
    await show(new CustomerSummaries(() => http, localStorage));
    expect(document.activeElement).toBe(scan);
    expect(container.querySelectorAll('button, input, select, textarea, a[href], [tabindex]')).toHaveLength(0);
  });
});
