import { LineChart } from 'echarts/charts';
import { DatasetComponent, DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { afterEach, describe, expect, it } from 'vitest';
import { LIGHT_THEME } from '../../renderer/charts/theme';
import { metricDef } from '../../renderer/compare/metrics';
import { chartPng, legendRows } from '../../renderer/compare/export-png';
import { BAND_MAX_POINTS, bandEnvelope, buildPlotData, type PlotOptions } from '../../renderer/compare/plot-data';
import { nearestIndex, seriesId, trajectoryOption, trajectoryTooltip } from '../../renderer/compare/trajectory-option';
import { columns, style } from './compare-fixtures';

// What the page registers (charts/echart.tsx and measured-chart.tsx), drawn to SVG in Node.
echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, DatasetComponent, SVGRenderer]);

type EChartsInstance = echarts.ECharts;

const T = 10_000;
// A noisy random-walk-like error so that LTTB has shape to keep.
const walk = (seed: number): number[] => {
  let e = 1;
  let x = seed;
  return Array.from({ length: T + 1 }, () => {
    x = (x * 16807) % 2147483647;
    e = Math.abs(e + (x / 2147483647 - 0.5));
    return e + 1;
  });
};
const runs = [columns('a', walk(1)), columns('b', walk(2))];
const styles = [
  { ...style('a', 0, true), label: 'walk <a>' },
  { ...style('b', 1), label: 'walk b' },
];

let chart: EChartsInstance | null = null;
afterEach(() => {
  chart?.dispose();
  chart = null;
});

function draw(options: PlotOptions): { chart: EChartsInstance; option: ReturnType<typeof trajectoryOption> } {
  const plot = buildPlotData(runs, styles, options);
  const option = trajectoryOption(plot, metricDef(options.metric), options, LIGHT_THEME);
  chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: 800, height: 400 });
  chart.setOption(option);
  return { chart, option };
}

interface SeriesLike {
  id: string;
  getData(): { count(): number; getRawIndex(i: number): number };
}

describe('trajectoryOption', () => {
  it('draws every large series without animation or symbols, with LTTB sampling', () => {
    const { option } = draw({ metric: 'mse', yLog: false, xLog: false, bands: true });
    const series = option.series as Record<string, unknown>[];
    expect(option.animation).toBe(false);
    // Per run: line, dashed theory, and the band's two stacked halves.
    expect(series.map((s) => s.id)).toEqual(['a:line', 'a:theory', 'a:lo', 'a:hi', 'b:line', 'b:theory', 'b:lo', 'b:hi']);
    for (const s of series) {
      expect(s).toMatchObject({ type: 'line', sampling: 'lttb', showSymbol: false, animation: false });
    }
    expect(series[1]).toMatchObject({ lineStyle: { type: [6, 4], color: '#4e79a7' } });
    // Every series of a run carries its label, so the legend toggles the run as a whole.
    expect(new Set(series.slice(0, 4).map((s) => s.name))).toEqual(new Set(['walk <a>']));
    expect((option.legend as { data: { name: string }[] }).data.map((d) => d.name)).toEqual(['walk <a>', 'walk b']);
  });

  it('ECharts reduces 10,001 generations to about the pixel width; the band is an envelope, stacked consistently', () => {
    const { chart } = draw({ metric: 'error', yLog: false, xLog: false, bands: true });
    const model = (chart as unknown as { getModel(): { getSeries(): SeriesLike[] } }).getModel();
    const plot = buildPlotData(runs, styles, { metric: 'error', yLog: false, xLog: false, bands: true });
    for (const s of model.getSeries()) {
      const n = s.getData().count();
      expect(n).toBeLessThan(BAND_MAX_POINTS + 1);
      expect(n).toBeGreaterThan(300);
    }
    // The drawn band's top (lo + stacked width) is the envelope of the stored q75.
    const env = bandEnvelope(runs[0].t, runs[0].cols.errQ25, runs[0].cols.errQ75);
    const hi = model.getSeries().find((s) => s.id === seriesId('a', 'hi'))!;
    const data = hi.getData();
    const a = plot.runs[0];
    expect(a.bandX).toEqual(env.x);
    for (let i = 0; i < data.count(); i += 37) {
      const raw = data.getRawIndex(i);
      expect(a.lo![raw] + a.width![raw]).toBeCloseTo(env.hi[raw], 9);
    }
    // Lines keep every generation for ECharts to sample (and to show on zoom).
    expect(a.x.length).toBe(T + 1);
  });

  it('uses log axes when asked; a log x axis starts at generation 1', () => {
    const { option } = draw({ metric: 'mse', yLog: true, xLog: true, bands: true });
    expect(option.yAxis).toMatchObject({ type: 'log', name: 'E‖θₜ − θ*‖² (log scale)' });
    expect(option.xAxis).toMatchObject({ type: 'log', min: 1 });
    const source = (option.dataset as { source: { t: Float64Array } }[])[0].source;
    expect(source.t[0]).toBe(1);
  });

  it('the tooltip lists every run shown at the pointer generation, from the full columns, and escapes run names', () => {
    const plot = buildPlotData(runs, styles, { metric: 'mse', yLog: false, xLog: false, bands: true });
    // ECharts passes only the series whose sampled point is nearest: one, here.
    const html = trajectoryTooltip(plot, metricDef('mse'))([{ axisValue: 3 }]);
    expect(html).toContain('t = 3');
    expect(html).toContain('walk &lt;a&gt;');
    expect(html).not.toContain('<a>');
    expect(html.match(/tt-row/g)).toHaveLength(2);
    expect(html).toContain('tt-dot tt-c1');
    expect(html).toContain(`<b>${String(Number((runs[1].cols.errRms[3] ** 2).toPrecision(4)))}</b>`);
    expect(html).toContain('theory');
    // No inline styles: the page's CSP would block them.
    expect(html).not.toContain('style=');
    // Runs hidden from the legend are left out.
    const some = trajectoryTooltip(plot, metricDef('mse'), () => new Set(['walk b']))([{ axisValue: 3 }]);
    expect(some.match(/tt-row/g)).toHaveLength(1);
  });

  it('finds the nearest generation by binary search', () => {
    const x = new Float64Array([1, 2, 3, 5, 8]);
    expect(nearestIndex(x, 0)).toBe(0);
    expect(nearestIndex(x, 3.4)).toBe(2);
    expect(nearestIndex(x, 4)).toBe(2);
    expect(nearestIndex(x, 4.1)).toBe(3);
    expect(nearestIndex(x, 100)).toBe(4);
    expect(nearestIndex(new Float64Array(0), 1)).toBe(-1);
    expect(nearestIndex(x, Number.NaN)).toBe(-1);
  });

  it('the PNG export wraps a long legend for the picture, then puts the paged legend back', () => {
    expect(legendRows(['a', 'b'], 800)).toBe(1);
    expect(legendRows(Array.from({ length: 20 }, (_, i) => `long walk ${i}`), 800)).toBe(4);
    const many = Array.from({ length: 20 }, (_, i) => columns(`r${i}`, [1, 2, 3]));
    const manyStyles = many.map((r, i) => ({ ...style(r.id, i), label: `long walk ${i}` }));
    const options: PlotOptions = { metric: 'mse', yLog: false, xLog: false, bands: true };
    const option = trajectoryOption(buildPlotData(many, manyStyles, options), metricDef('mse'), options, LIGHT_THEME);
    chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: 800, height: 400 });
    chart.setOption(option);
    const seen: string[] = [];
    const original = chart.getDataURL.bind(chart);
    chart.getDataURL = ((opts: Parameters<EChartsInstance['getDataURL']>[0]) => {
      const legend = (chart!.getOption() as { legend: { type: string; data: unknown[] }[]; grid: { top: number }[] }).legend[0];
      seen.push(`${legend.type} ${legend.data.length} ${(chart!.getOption() as { grid: { top: number }[] }).grid[0].top}`);
      return original(opts);
    }) as EChartsInstance['getDataURL'];
    expect(chartPng(chart, option, '#ffffff')).toMatch(/^data:image\/svg\+xml/);
    expect(seen).toEqual(['plain 20 120']);
    const after = chart.getOption() as { legend: { type: string }[]; grid: { top: number }[] };
    expect(after.legend[0].type).toBe('scroll');
    expect(after.grid[0].top).toBe(48);
  });
});
