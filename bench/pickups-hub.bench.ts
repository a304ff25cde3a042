// Pickups on the register in Chromium against a real sync server with 2,000 open fulfillment
// orders for store S001: opening the orders hub, filtering it by search, and scan-to-confirm of a
// pick line, each to the DOM. Beside each wall time, the CPU time the page's main thread spent in
// tasks meanwhile (Chrome's Performance.getMetrics TaskDuration before and after): on a shared,
// loaded machine the wall time's tail is mostly waiting for a core, the CPU time is the work.
// `npm run bench pickups`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { startServer } from '../sync-server/server';
import { formatOrderNumber } from '../shared/ids/order-number';
import { launchChromium } from '../test/support/chromium';
import { hqFetch } from '../test/support/hq-client';
import { signInAndOpenTill } from '../test/support/register-ui';
import { percentiles, writeResult, type Percentiles } from './harness';

const ORDERS = Number(process.env.PICKBENCH_ORDERS ?? 2_000);
const OPEN_RUNS = 30;
const FILTER_RUNS = 60;
const SCANS = 150;
const TARGETS = { openP99Ms: 50, filterP99Ms: 50, scanP99Ms: 16 };
const TOKEN = 'pickups-bench-token-0123456789-abcdefghij'; // the server wants ≥ 32 characters

interface Product {
  id: string;
  sku: string;
  name: string;
  primaryBarcode: string;
  unit: string;
  active: boolean;
}

function show(label: string, p: Percentiles, target: number): string {
  return `${label.padEnd(36)} p50 ${p.p50.toFixed(2)}  p95 ${p.p95.toFixed(2)}  p99 ${p.p99.toFixed(2)}  max ${p.max.toFixed(2)} ms  (n=${p.count})  target p99 ≤ ${target} ms: ${p.p99 <= target ? 'met' : 'MISSED'}`;
}

async function pull<T>(url: string, collection: string): Promise<T[]> {
  const out: T[] = [];
  for (let seq = 0; ;) {
    const page = await hqFetch<{ documents: T[]; checkpoint: { seq: number } }>(
      url,
      TOKEN,
      `/sync/${collection}/pull?seq=${seq}&limit=1000`,
    );
    out.push(...page.documents);
    if (page.documents.length === 0 || page.checkpoint.seq === seq) return out;
    seq = page.checkpoint.seq;
  }
}

function fulfillment(storeId: string, n: number, lines: { p: Product; q: number }[], status: string) {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    orderId: randomUUID(),
    orderNumber: formatOrderNumber({ storeCode: 'WEB', registerCode: 'W01', sequence: n }),
    assignedStoreId: storeId,
    type: n % 5 === 0 ? 'ship' : 'pickup',
    status,
    lines: lines.map(({ p, q }) => ({
      id: randomUUID(),
      orderLineId: randomUUID(),
      productId: p.id,
      sku: p.sku,
      name: p.name,
      quantity: q,
      pickedQuantity: 0,
      shortQuantity: 0,
    })),
    customer: { name: `Customer ${n}`, phone: `+1 212 555 ${String(n).padStart(4, '0')}` },
    pickupCode: `C${String(n).padStart(5, '0')}`,
    ...(n % 5 === 0 ? { shippingAddress: { line1: `${n} Elm Rd`, city: 'Brooklyn', country: 'US' } } : {}),
    reservationMovementIds: [],
    rerouteCount: 0,
    history: [{ status: 'created', at: now, by: { kind: 'server' } }],
    dueAt: new Date(Date.now() + ((n % 300) - 60) * 60_000).toISOString(),
    createdAt: now,
    updatedAt: now,
    _deleted: false,
  };
}

// Page scripts are strings: tsx would wrap named functions in a `__name` helper the page lacks.
const TIME_TO_DOM = `(([sel, action, value]) => new Promise((resolve, reject) => {
  const target = document.querySelector(sel);
  if (!target) return reject(new Error('no ' + sel));
  let t0 = 0;
  const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now() - t0); });
  observer.observe(target, { subtree: true, childList: true, characterData: true, attributes: true });
  const input = document.querySelector(action === 'filter' ? '[data-testid=pickups-search]' : '[data-testid=pick-scan]');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  t0 = performance.now();
  setValue.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  if (action === 'scan') input.form.requestSubmit();
  setTimeout(() => { observer.disconnect(); reject(new Error('no DOM change for ' + action + ' ' + value)); }, 5000);
}))`;

const OPEN_HUB = `new Promise((resolve) => {
  const t0 = performance.now();
  const check = () => document.querySelector('[data-testid=pickup-row]') ? resolve(performance.now() - t0) : requestAnimationFrame(check);
  location.hash = '#/pickups';
  check();
})`;

/** Time from `act` to the first DOM mutation under `selector` (what the clerk sees change). */
async function timeToDom(page: Page, selector: string, act: 'filter' | 'scan', arg: string): Promise<number> {
  return page.evaluate(`${TIME_TO_DOM}(${JSON.stringify([selector, act, arg])})`) as Promise<number>;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pickbench-'));
  const posDir = join(dataDir, 'renderer');
  execFileSync(
    'npx',
    ['vite', 'build', '--config', 'renderer/vite.config.ts', '--outDir', posDir, '--emptyOutDir', '--logLevel', 'warn'],
    { stdio: 'inherit' },
  );
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    logLevel: 'warn',
    posDir,
    storage: { kind: 'sqlite', dataDir },
    hqToken: TOKEN,
    seedDemo: true,
  });
  const browser = await launchChromium();
  try {
    const url = server.url;
    const store = (await pull<{ id: string; kind: string; key: string }>(url, 'config')).find(
      (d) => d.kind === 'store' && d.key === 'S001',
    )!;
    const products = (await pull<Product>(url, 'products'))
      .filter((p) => p.active && p.unit === 'each' && p.primaryBarcode)
      .slice(0, 40);
    const statuses = ['allocated', 'picking', 'ready_for_pickup'];
    const docs = Array.from({ length: ORDERS }, (_, i) =>
      fulfillment(
        store.id,
        i + 1,
        [
          { p: products[i % 40]!, q: 1 + (i % 3) },
          { p: products[(i * 7) % 40]!, q: 1 },
        ],
        statuses[i % 3]!,
      ),
    );
    // The order the scan benchmark picks: 20 lines with room for every scan.
    const big = fulfillment(
      store.id,
      ORDERS + 1,
      products.slice(0, 20).map((p) => ({ p, q: 100 })),
      'picking',
    );
    for (let i = 0; i < docs.length; i += 500)
      await hqFetch(
        url,
        TOKEN,
        '/sync/fulfillment_orders/push',
        docs.slice(i, i + 500).map((d) => ({ newDocumentState: d })),
      );
    await hqFetch(url, TOKEN, '/sync/fulfillment_orders/push', [{ newDocumentState: big }]);

    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const { code } = await hqFetch<{ code: string }>(url, TOKEN, '/api/hq/enrollment-codes', { storeId: 'S001' });
    await page.goto(`${url}/#/enroll?code=${encodeURIComponent(code)}&server=${encodeURIComponent(url)}`);
    await page.getByTestId('enroll-submit').click();
    await page.getByTestId('sign-in').waitFor({ timeout: 180_000 });
    await signInAndOpenTill(page);
    await page.waitForFunction(
      (n) => (document.querySelector('[data-testid=nav-pickups]')?.textContent ?? '').includes(`${n} new`),
      Math.ceil(ORDERS / 3),
      { timeout: 60_000 },
    );

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const busyMs = async (): Promise<number> =>
      ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
    /** Runs `op` (its wall time in ms) and records the main thread's task time around it. */
    const cpuOf = async (cpu: number[], op: () => Promise<number>): Promise<number> => {
      const before = await busyMs();
      const wall = await op();
      cpu.push((await busyMs()) - before);
      return wall;
    };

    const open: number[] = [];
    const openCpu: number[] = [];
    for (let i = 0; i < OPEN_RUNS; i++) {
      await page.evaluate("location.hash = '#/sell'");
      await page.getByTestId('sell-screen').waitFor();
      open.push(await cpuOf(openCpu, async () => (await page.evaluate(OPEN_HUB)) as number));
    }

    const queries = ['Customer 1', 'C00042', '555 0777', 'W01-0003', 'nobody at all', 'customer 19', ''];
    const filter: number[] = [];
    const filterCpu: number[] = [];
    for (let i = 0; i < FILTER_RUNS; i++)
      filter.push(
        await cpuOf(filterCpu, () =>
          timeToDom(page, '[data-testid=pickups-table]', 'filter', queries[i % queries.length]!),
        ),
      );

    await page.getByTestId('pickups-search').fill(big.orderNumber);
    await page.keyboard.press('Enter');
    await page.getByTestId('pick-panel').waitFor();
    const scans: number[] = [];
    const scanCpu: number[] = [];
    for (let i = 0; i < SCANS; i++) {
      scans.push(
        await cpuOf(scanCpu, () =>
          timeToDom(page, '[data-testid=pick-list]', 'scan', products[i % 20]!.primaryBarcode),
        ),
      );
      await page.waitForTimeout(40); // a scanner's pace, and the write-through queue drains
    }

    const figures = {
      orders: ORDERS,
      hubOpenMs: percentiles(open),
      filterMs: percentiles(filter),
      scanToDomMs: percentiles(scans),
      // Main-thread task time during each operation (includes the evaluate round trip itself).
      hubOpenCpuMs: percentiles(openCpu),
      filterCpuMs: percentiles(filterCpu),
      scanCpuMs: percentiles(scanCpu),
      targets: TARGETS,
    };
    console.log(show('hub open (2,000 orders) → rows', figures.hubOpenMs, TARGETS.openP99Ms));
    console.log(show('hub filter → DOM', figures.filterMs, TARGETS.filterP99Ms));
    console.log(show('pick scan → line in DOM', figures.scanToDomMs, TARGETS.scanP99Ms));
    const cpu = (label: string, p: Percentiles) =>
      console.log(
        `${label.padEnd(36)} p50 ${p.p50.toFixed(2)}  p95 ${p.p95.toFixed(2)}  p99 ${p.p99.toFixed(2)}  max ${p.max.toFixed(2)} ms CPU (main thread)`,
      );
    cpu('hub open CPU', figures.hubOpenCpuMs);
    cpu('hub filter CPU', figures.filterCpuMs);
    cpu('pick scan CPU', figures.scanCpuMs);
    console.log(`results: ${writeResult('pickups-hub', figures)}`);
  } finally {
    await browser.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
