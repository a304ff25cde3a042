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
    return { usedMB: mb(before.usedSize), totalMB: mb(before.totalSize), usedAfterGcMB: mb(after.usedSize), totalAfterGcMB: mb(after.totalSize) };
  } finally {
    await cdp.detach();
  }
}
