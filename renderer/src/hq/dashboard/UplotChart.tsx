// A bar chart over categories with uPlot (x = category index, labels drawn on the axis).
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';

export interface ChartSeries {
  label: string;
  values: number[];
  color: string;
}

export function BarChart({
  title,
  labels,
  series,
  format,
}: {
  title: string;
  labels: string[];
  series: ChartSeries[];
  format: (v: number) => string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const empty = labels.length === 0;
  useEffect(() => {
    const element = box.current;
    // No categories is a zero-width x range, on which uPlot's tick maths throws
    // ("Invalid array length"): the page says there is nothing to chart instead.
    if (!element || empty) return;
    const bars = uPlot.paths.bars?.({ size: [0.7, 60] });
    const options: uPlot.Options = {
      title,
      width: Math.max(320, element.clientWidth),
      height: 220,
      legend: { show: series.length > 1 },
      scales: { x: { time: false, range: [-0.5, labels.length - 0.5] } },
      axes: [
        { values: (_u, ticks) => ticks.map((t) => labels[t] ?? ''), space: 24, grid: { show: false } },
        { values: (_u, ticks) => ticks.map((t) => format(t)), size: 80 },
      ],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          fill: `${s.color}cc`,
          paths: bars,
          points: { show: false },
          value: (_u: uPlot, v: number | null) => (v === null ? '' : format(v)),
        })),
      ],
    };
    const data: uPlot.AlignedData = [labels.map((_, i) => i), ...series.map((s) => s.values)];
    const plot = new uPlot(options, data, element);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(320, element.clientWidth), height: 220 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [title, labels, series, format, empty]);
  if (empty) {
    return (
      <div className="hq-chart hq-chart-empty" role="img" aria-label={title}>
        <strong>{title}</strong>
        <p>No sales in this period yet.</p>
      </div>
    );
  }
  return <div className="hq-chart" ref={box} role="img" aria-label={title} />;
}
