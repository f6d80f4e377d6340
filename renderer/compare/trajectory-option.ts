import type { EChartsCoreOption as EChartsOption } from 'echarts/core';
import { formatMetric } from '../lib/format';
import { escapeHtml } from '../charts/escape-html';
import type { ChartTheme } from '../charts/theme';
import { slotClass, withAlpha } from './run-palette';
import type { MetricDef } from './metrics';
import type { PlotData, PlotOptions, PlotRun } from './plot-data';

/** Series ids: `<runId>:line`, `:theory`, `:lo`, `:hi` (the band's two stacked halves). */
export type SeriesPart = 'line' | 'theory' | 'lo' | 'hi';
export const seriesId = (runId: string, part: SeriesPart): string => `${runId}:${part}`;

/** Settings every large line series shares (stack-notes: LTTB, no animation, no symbols). */
const BIG_LINE = { type: 'line', showSymbol: false, symbol: 'none', sampling: 'lttb', animation: false, connectNulls: false, emphasis: { disabled: true } } as const;

function runSeries(run: PlotRun): object[] {
  const ds = `ds:${run.id}`;
  const out: object[] = [
    {
      ...BIG_LINE,
      id: seriesId(run.id, 'line'),
      name: run.label,
      datasetId: ds,
      encode: { x: 't', y: 'line' },
      color: run.color,
      lineStyle: { width: run.baseline ? 2.6 : 1.6, color: run.color },
      z: 4,
    },
  ];
  if (run.theory) {
    out.push({
      ...BIG_LINE,
      id: seriesId(run.id, 'theory'),
      name: run.label,
      datasetId: ds,
      encode: { x: 't', y: 'theory' },
      color: run.color,
      lineStyle: { width: 1.4, type: [6, 4], color: run.color },
      z: 5,
    });
  }
  if (run.bandX && run.lo && run.width) {
    const stack = `band:${run.id}`;
    const band = `band:${run.id}`;
    out.push(
      { ...BIG_LINE, id: seriesId(run.id, 'lo'), name: run.label, datasetId: band, encode: { x: 't', y: 'lo' }, stack, stackStrategy: 'all', lineStyle: { opacity: 0 }, silent: true, z: 2 },
      {
        ...BIG_LINE,
        id: seriesId(run.id, 'hi'),
        name: run.label,
        datasetId: band,
        encode: { x: 't', y: 'width' },
        stack,
        stackStrategy: 'all',
        lineStyle: { opacity: 0 },
        areaStyle: { color: withAlpha(run.color, 0.16) },
        silent: true,
        z: 2,
      },
    );
  }
  return out;
}

/**
 * Each run's columns as datasets shared by its series (one store, no copies): the line and
 * theory on the generations, the band on its own x (an envelope for long runs).
 */
function datasets(run: PlotRun): object[] {
  const source: Record<string, Float64Array> = { t: run.x, line: run.line };
  if (run.theory) source.theory = run.theory;
  const out: object[] = [{ id: `ds:${run.id}`, source, dimensions: Object.keys(source) }];
  if (run.bandX && run.lo && run.width) out.push({ id: `band:${run.id}`, source: { t: run.bandX, lo: run.lo, width: run.width }, dimensions: ['t', 'lo', 'width'] });
  return out;
}

interface AxisParam {
  axisValue?: number | string;
}

/** Index of the value in an ascending column nearest to `x` (binary search); -1 for an empty column. */
export function nearestIndex(column: Float64Array, x: number): number {
  const n = column.length;
  if (n === 0 || !Number.isFinite(x)) return -1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (column[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && Math.abs(column[lo - 1] - x) <= Math.abs(column[lo] - x) ? lo - 1 : lo;
}

/**
 * The axis tooltip: at the pointer's generation, one row per run shown (line value, band,
 * theory), read from the full-resolution columns. ECharts' own axis lookup is not used for the
 * rows: after LTTB each run keeps different generations, and ECharts lists only the series
 * whose kept point is nearest the pointer, often a single run.
 *
 * HTML with classes only: the page's CSP forbids inline style attributes, so each run's colour
 * comes from its palette slot's class (renderer/styles/chart-tooltips.css).
 */
export function trajectoryTooltip(plot: PlotData, metric: MetricDef, hidden: () => ReadonlySet<string> = () => new Set()): (params: unknown) => string {
  return (params: unknown) => {
    const first = (Array.isArray(params) ? params[0] : params) as AxisParam | undefined;
    const x = Number(first?.axisValue);
    const off = hidden();
    let t: number | null = null;
    const rows: string[] = [];
    for (const run of plot.runs) {
      if (off.has(run.label)) continue;
      const i = nearestIndex(run.x, x);
      if (i < 0) continue;
      t ??= run.x[i];
      const band = run.q && Number.isFinite(run.q.lo[i]) ? ` <span class="tt-muted">[${formatMetric(run.q.lo[i])} – ${formatMetric(run.q.hi[i])}]</span>` : '';
      const theory = run.theory ? ` <span class="tt-muted">theory ${formatMetric(run.theory[i])}</span>` : '';
      rows.push(`<div class="tt-row"><span class="tt-dot ${slotClass(run.slot)}"></span>${escapeHtml(run.label)}: <b>${formatMetric(run.line[i])}</b>${band}${theory}</div>`);
    }
    return `<div class="tt"><div class="tt-head"><b>t = ${t ?? ''}</b> <span class="tt-muted">${escapeHtml(metric.label)}</span></div>${rows.join('')}</div>`;
  };
}

/** The trajectory chart: per run a line, its IQR band and its dashed theory curve, one legend entry per run. */
export function trajectoryOption(plot: PlotData, metric: MetricDef, options: PlotOptions, theme: ChartTheme, hidden?: () => ReadonlySet<string>): EChartsOption {
  const axisCommon = {
    nameTextStyle: { color: theme.muted, fontSize: 12 },
    axisLine: { lineStyle: { color: theme.border } },
    axisTick: { lineStyle: { color: theme.border } },
    axisLabel: { color: theme.muted, formatter: (v: number) => formatMetric(v) },
    splitLine: { lineStyle: { color: theme.border, opacity: 0.6 } },
  };
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: theme.text },
    legend: {
      type: 'scroll',
      top: 0,
      left: 8,
      right: 8,
      data: plot.runs.map((r) => ({ name: r.label, icon: 'roundRect', itemStyle: { color: r.color } })),
      textStyle: { color: theme.text },
      pageTextStyle: { color: theme.muted },
      pageIconColor: theme.text,
      pageIconInactiveColor: theme.border,
    },
    grid: { left: 78, right: 28, top: 48, bottom: 78 },
    tooltip: {
      trigger: 'axis',
      confine: true,
      backgroundColor: theme.surface,
      borderColor: theme.border,
      textStyle: { color: theme.text },
      axisPointer: { type: 'line', lineStyle: { color: theme.muted } },
      formatter: trajectoryTooltip(plot, metric, hidden),
    },
    xAxis: {
      ...axisCommon,
      type: options.xLog ? 'log' : 'value',
      name: options.xLog ? 'generation t (log scale, from t = 1)' : 'generation t',
      nameLocation: 'middle',
      nameGap: 28,
      min: options.xLog ? 1 : 0,
      max: 'dataMax',
      axisLabel: { color: theme.muted },
      splitLine: { show: false },
    },
    yAxis: {
      ...axisCommon,
      type: options.yLog ? 'log' : 'value',
      name: options.yLog ? `${metric.axisName} (log scale)` : metric.axisName,
      nameLocation: 'middle',
      nameGap: 60,
    },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0 },
      { type: 'slider', xAxisIndex: 0, height: 18, bottom: 6, showDataShadow: false, textStyle: { color: theme.muted }, borderColor: theme.border },
    ],
    dataset: plot.runs.flatMap(datasets),
    series: plot.runs.flatMap(runSeries),
  };
}
