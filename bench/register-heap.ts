// The renderer's JavaScript heap through the DevTools protocol: as it is, and after a forced
// garbage collection (what the page really keeps alive).
import type { Page } from 'playwright-core';

export interface HeapFigures {
  usedMB: number;
  totalMB: number;
  usedAfterGcMB: number;
  totalAfterGcMB: number;
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

export async function heapUsage(page: Page): Promise<HeapFigures> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const before = await cdp.send('Runtime.getHeapUsage');
    await cdp.send('HeapProfiler.collectGarbage');
    const after = await cdp.send('Runtime.getHeapUsage');
    return {
      usedMB: mb(before.usedSize),
      totalMB: mb(before.totalSize),
      usedAfterGcMB: mb(after.usedSize),
      totalAfterGcMB: mb(after.totalSize),
    };
  } finally {
    await cdp.detach();
  }
}

/**
 * Waits until the renderer's main thread is nearly idle (under `busyMsPerSecond` of task time in
 * each of two consecutive seconds, from CDP Performance.getMetrics TaskDuration), at most
 * `maxMs`. Returns how long the register kept itself busy: work the clerk's first scans would
 * share the main thread with (building lookup maps, replication bookkeeping).
 */
export async function waitForQuiet(
  page: Page,
  maxMs: number,
  busyMsPerSecond = 100,
): Promise<{ waitedMs: number; quiet: boolean }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Performance.enable');
    const taskSeconds = async () =>
      (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
    const started = performance.now();
    let previous = await taskSeconds();
    let calm = 0;
    while (performance.now() - started < maxMs) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const now = await taskSeconds();
      calm = (now - previous) * 1000 < busyMsPerSecond ? calm + 1 : 0;
      previous = now;
      if (calm >= 2) return { waitedMs: Math.round(performance.now() - started), quiet: true };
    }
    return { waitedMs: Math.round(performance.now() - started), quiet: false };
  } finally {
    await cdp.detach();
  }
}
