// In-page timing probe for the register benchmarks. It runs inside the app's page and measures
// from the Enter keydown's own timestamp (event.timeStamp: when the browser created the event)
// to the DOM node the key produced (a MutationObserver), then to the next animation frame, then
// to just after that frame was painted (a message posted from the rAF callback runs once the
// frame's rendering work is done).
//
// The probe is plain JavaScript in a string on purpose: functions compiled by tsx carry helper
// calls (`__name`) that do not exist in the page.
import type { Page } from 'playwright-core';

/** What one measured key press produced, in milliseconds from the keydown. */
export interface ProbeSample {
  target: string;
  /** Until the element was in the DOM (lookup, state update, React commit). */
  dom: number;
  /** Until the next animation frame began. */
  frame: number;
  /** Until that frame was painted. */
  painted: number;
}

const PROBE_SOURCE = `(() => {
  if (window.__regbench) return;
  const targets = ['cart-line', 'receipt-screen'];
  const probe = { samples: [], keyAt: undefined, waiters: [] };
  const settle = () => {
    probe.waiters = probe.waiters.filter((w) => {
      if (probe.samples.length < w.count) return true;
      w.resolve(probe.samples.length);
      return false;
    });
  };
  window.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') probe.keyAt = event.timeStamp;
  }, true);
  const matchTarget = (node) => {
    if (!(node instanceof Element)) return undefined;
    for (const id of targets) {
      const selector = '[data-testid="' + id + '"]';
      if (node.matches(selector) || node.querySelector(selector)) return id;
    }
    return undefined;
  };
  new MutationObserver((records) => {
    if (probe.keyAt === undefined) return;
    for (const record of records) {
      for (const node of record.addedNodes) {
        const target = matchTarget(node);
        if (!target) continue;
        const keyAt = probe.keyAt;
        probe.keyAt = undefined;
        const domAt = performance.now();
        requestAnimationFrame(() => {
          const frameAt = performance.now();
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            probe.samples.push({ target, dom: domAt - keyAt, frame: frameAt - keyAt, painted: performance.now() - keyAt });
            settle();
          };
          channel.port2.postMessage(0);
        });
        return;
      }
    }
  }).observe(document.body, { childList: true, subtree: true });
  probe.waitFor = (count, timeoutMs) => new Promise((resolve, reject) => {
    probe.waiters.push({ count, resolve });
    settle();
    setTimeout(() => reject(new Error('probe: no sample ' + count + ' within ' + timeoutMs + ' ms')), timeoutMs);
  });
  window.__regbench = probe;
})()`;

export async function installProbe(page: Page): Promise<void> {
  await page.evaluate(PROBE_SOURCE);
}

/** Resolves once the probe holds `count` samples (no polling in the page: the probe resolves it). */
export async function waitForSamples(page: Page, count: number, timeoutMs = 10_000): Promise<void> {
  await page.evaluate(`window.__regbench.waitFor(${Number(count)}, ${Number(timeoutMs)})`);
}

export async function sampleCount(page: Page): Promise<number> {
  return (await page.evaluate('window.__regbench.samples.length')) as number;
}

export async function readSamples(page: Page): Promise<ProbeSample[]> {
  return (await page.evaluate('window.__regbench.samples')) as ProbeSample[];
}

/** Durations of the app's own performance measures with this name (see useCompleteSale). */
export async function readMeasures(page: Page, name: string): Promise<number[]> {
  return (await page.evaluate(
    `performance.getEntriesByName(${JSON.stringify(name)}, 'measure').map((e) => e.duration)`,
  )) as number[];
}

/** One kind of the pull loop's first-run measures (pull-only-replication.ts), relative to Enroll. */
export interface PullPhase {
  count: number;
  /** Sum of the measures' durations. */
  totalMs: number;
  /** First start and last end, ms after the Enroll mark. */
  firstStartMs: number;
  lastEndMs: number;
}

/**
 * The first run's timeline from the app's own marks and measures: Enroll (`pos:enroll`), every
 * page's fetch (request → parsed JSON), arrival (the catalog indexing it) and IndexedDB write, and
 * the moment the register became usable (`pos:usable`).
 */
export async function readFirstRun(page: Page): Promise<Record<string, PullPhase | number>> {
  return (await page.evaluate(`(() => {
    const enroll = performance.getEntriesByName('pos:enroll', 'mark')[0];
    const zero = enroll ? enroll.startTime : 0;
    const out = {};
    const usable = performance.getEntriesByName('pos:usable', 'mark')[0];
    if (usable) out.usableMs = Math.round(usable.startTime - zero);
    for (const e of performance.getEntriesByType('measure')) {
      if (!e.name.startsWith('pos:pull-')) continue;
      const key = e.name.slice('pos:pull-'.length);
      const p = out[key] || (out[key] = { count: 0, totalMs: 0, firstStartMs: Infinity, lastEndMs: 0 });
      p.count += 1;
      p.totalMs += e.duration;
      p.firstStartMs = Math.min(p.firstStartMs, e.startTime - zero);
      p.lastEndMs = Math.max(p.lastEndMs, e.startTime + e.duration - zero);
    }
    for (const v of Object.values(out)) if (typeof v === 'object') {
      v.totalMs = Math.round(v.totalMs); v.firstStartMs = Math.round(v.firstStartMs); v.lastEndMs = Math.round(v.lastEndMs);
    }
    return out;
  })()`)) as Record<string, PullPhase | number>;
}
