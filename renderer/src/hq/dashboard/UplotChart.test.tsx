// A dashboard chart with no categories (no sales yet in the period) says so instead of asking
// uPlot to draw a zero-width range, which threw "Invalid array length" on a fresh chain.
// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';

const made: { options: { scales: { x: { range: number[] } } } }[] = [];
vi.mock('uplot', () => {
  class FakePlot {
    static paths = { bars: () => undefined };
    constructor(options: { scales: { x: { range: number[] } } }) {
      made.push({ options });
    }
    setSize() {}
    destroy() {}
  }
  return { default: FakePlot };
});
globalThis.ResizeObserver ??= class {
  observe() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;
const { BarChart } = await import('./UplotChart');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
let host: HTMLElement | undefined;
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  made.length = 0;
});

function show(labels: string[], values: number[]): HTMLElement {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() =>
    root!.render(
      <BarChart
        title="Sales by hour"
        labels={labels}
        series={[{ label: 'Sales', values, color: '#000' }]}
        format={String}
      />,
    ),
  );
  return host;
}

describe('BarChart', () => {
  it('says there is nothing to chart when there are no categories, without drawing', () => {
    const page = show([], []);
    expect(page.textContent).toContain('No sales in this period yet.');
    expect(made).toHaveLength(0);
  });

  it('draws one bar over a range around it', () => {
    const page = show(['09'], [1250]);
    expect(page.textContent).not.toContain('No sales');
    expect(made).toHaveLength(1);
    expect(made[0]!.options.scales.x.range).toEqual([-0.5, 0.5]);
  });
});
