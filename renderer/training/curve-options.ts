import type { EChartsOption } from '../charts/echart';
import { escapeHtml } from '../charts/escape-html';
import { NEUTRAL_AXIS } from '../charts/theme';
import type { EpochSeries, Metric } from './epoch-series';
import { countOnFloor, logFloor, logSafe, minPositive } from './log-scale';

/** One chart card of the Train page: which metrics it draws, and on what kind of axis. */
export interface CurveDef {
  id: 'cls' | 'contr' | 'ess' | 'heldout';
  title: string;
  subtitle: string;
  /** Losses may switch to a log axis; fractions stay on 0..1. */
  kind: 'loss' | 'fraction';
  lines: readonly { metric: Metric; name: string; color: string }[];
}

/** L = L_cls + λ L_contr + μ L_ess (docs/experiments.md 4), one card per term, plus the held-out metrics. */
export const CURVES: readonly CurveDef[] = [
  { id: 'cls', title: 'L_cls', subtitle: 'cross-entropy of w against the labels', kind: 'loss', lines: [{ metric: 'clsLoss', name: 'L_cls', color: '#2f5fd0' }] },
  { id: 'contr', title: 'L_contr', subtitle: 'contraction hinge, 0 once every batch contracts', kind: 'loss', lines: [{ metric: 'contrLoss', name: 'L_contr', color: '#c2410c' }] },
  { id: 'ess', title: 'L_ess', subtitle: 'effective-sample-size penalty, 0 above τ', kind: 'loss', lines: [{ metric: 'essLoss', name: 'L_ess', color: '#7c3aed' }] },
  {
    id: 'heldout',
    title: 'Held-out',
    subtitle: 'accuracy at w > 0.5 · share of generations that contract',
    kind: 'fraction',
    lines: [
      { metric: 'accuracy', name: 'accuracy', color: '#1f7a4d' },
      { metric: 'contractionSatisfied', name: 'contraction satisfied', color: '#b45309' },
    ],
  },
];

const AXIS = NEUTRAL_AXIS;
const SPLIT = 'rgba(138, 147, 163, 0.18)';

/** The chart's fixed part (axes, empty series); the data comes with `curvePatch`, once a frame. */
export function curveBaseOption(def: CurveDef, options: { log: boolean; tooltip?: (params: unknown) => string }): EChartsOption {
  const log = options.log && def.kind === 'loss';
  const many = def.lines.length > 1;
  return {
    animation: false,
    grid: { left: 58, right: 18, top: many ? 34 : 14, bottom: 34 },
    legend: many ? { top: 0, left: 52, itemWidth: 14, itemHeight: 8, textStyle: { color: AXIS, fontSize: 11 } } : undefined,
    tooltip: { trigger: 'axis', axisPointer: { type: 'line' }, confine: true, formatter: options.tooltip },
    xAxis: {
      type: 'value',
      name: 'epoch',
      nameLocation: 'middle',
      nameGap: 22,
      nameTextStyle: { color: AXIS, fontSize: 11 },
      min: 0,
      max: 10,
      minInterval: 1,
      axisLine: { lineStyle: { color: AXIS } },
      axisLabel: { color: AXIS, fontSize: 11 },
      splitLine: { show: false },
    },
    yAxis:
      def.kind === 'fraction'
        ? { type: 'value', min: 0, max: 1, axisLabel: { color: AXIS, fontSize: 11, formatter: (v: number) => `${Math.round(v * 100)}%` }, splitLine: { lineStyle: { color: SPLIT } } }
        : log
          ? { type: 'log', logBase: 10, axisLabel: { color: AXIS, fontSize: 11, formatter: formatLogTick }, splitLine: { lineStyle: { color: SPLIT } } }
          : { type: 'value', scale: true, axisLabel: { color: AXIS, fontSize: 11, formatter: formatTick }, splitLine: { lineStyle: { color: SPLIT } } },
    series: def.lines.map((line) => ({
      id: line.metric,
      name: line.name,
      type: 'line',
      data: [],
      color: line.color,
      showSymbol: false,
      symbol: 'circle',
      symbolSize: 4,
      lineStyle: { width: 1.8 },
      sampling: 'lttb',
      animation: false,
      emphasis: { disabled: true },
    })),
  };
}

/**
 * The data part of a chart for `setOption(patch, { lazyUpdate: true })`: every line's points
 * (log-safe on a log axis), the x extent, and the marks: the best epoch once known, and the
 * floor that zeros are drawn on. `onFloor` counts the points drawn there.
 */
export function curvePatch(
  def: CurveDef,
  series: EpochSeries,
  options: { log: boolean; epochsTotal: number; bestEpoch: number | null; running: boolean },
): { patch: EChartsOption; onFloor: number; floor: number | null } {
  const log = options.log && def.kind === 'loss';
  const columns = def.lines.map((l) => series.columns[l.metric]);
  const floor = log ? logFloor(columns) : null;
  const onFloor = floor === null ? 0 : countOnFloor(columns, floor);
  // Nothing above the floor (every value 0 so far): a fixed two-decade axis instead of ECharts' guess.
  const flat = floor !== null && minPositive(columns) === null;
  const marks: unknown[] = [];
  if (options.bestEpoch !== null) {
    marks.push({ xAxis: options.bestEpoch, label: { formatter: `best ${options.bestEpoch}`, position: 'insideEndTop', color: AXIS, fontSize: 10 }, lineStyle: { color: AXIS, type: 'dashed' } });
  }
  if (floor !== null && onFloor > 0) {
    marks.push({ yAxis: floor, label: { show: false }, lineStyle: { color: AXIS, type: 'dotted' } });
  }
  return {
    floor,
    onFloor,
    patch: {
      xAxis: { max: epochAxisMax(series.epochs[series.length - 1] ?? 0, options.epochsTotal, options.running) },
      // With zeros on the floor, the axis starts there and that tick reads 0; without, ECharts picks the range.
      ...(floor !== null
        ? {
            yAxis: {
              min: onFloor > 0 ? floor : null,
              max: flat ? floor * 100 : null,
              axisLabel: { formatter: onFloor > 0 ? (v: number) => (v <= floor * 1.000001 ? '0' : formatLogTick(v)) : formatLogTick },
            },
          }
        : {}),
      series: def.lines.map((line, i) => ({
        id: line.metric,
        data: series.points(line.metric, floor !== null ? logSafe(columns[i], floor) : columns[i]),
        // Few points: show them, so a short history reads as points, not a bare segment.
        showSymbol: series.length <= 30,
        ...(i === 0 ? { markLine: { silent: true, symbol: 'none', animation: false, data: marks } } : {}),
      })),
    },
  };
}

/**
 * The x axis' right end. While training, it runs a little ahead of the newest epoch (a "nice"
 * 1, 2 or 5 times a power of ten, at least 10) and never past the epochs asked for, so 40 epochs
 * of 5000 are not squeezed into a sliver; once training ended, it ends at the last epoch.
 */
export function epochAxisMax(lastEpoch: number, epochsTotal: number, running: boolean): number {
  if (!running) return Math.max(1, lastEpoch || epochsTotal);
  const ahead = niceCeil(Math.max(10, lastEpoch * 1.25));
  return Math.max(1, epochsTotal > 0 ? Math.min(epochsTotal, ahead) : ahead);
}

/** The smallest 1, 2 or 5 times a power of ten that is >= v (v > 0). */
export function niceCeil(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * p >= v - 1e-9 * p) return m * p;
  return 10 * p;
}

/** The class of a line's colour dot in the tooltip (renderer/styles/chart-tooltips.css). */
export function lineDotClass(metric: Metric): string {
  return `tt-line-${metric}`;
}

/**
 * The axis tooltip: the epoch, then each line's true value (zeros stay 0 on a log axis).
 * HTML with classes only: ECharts' own `marker` is a span with an inline style attribute, which
 * the page's CSP (style-src 'self') refuses on every move; each line's dot takes its colour from
 * a class instead.
 */
export function curveTooltip(def: CurveDef, series: EpochSeries, params: unknown): string {
  const list = (Array.isArray(params) ? params : [params]) as { dataIndex?: number; seriesId?: string }[];
  const index = list[0]?.dataIndex;
  if (index === undefined || index < 0 || index >= series.length) return '';
  const rows = def.lines.map((line) => {
    const v = series.columns[line.metric][index];
    return `<span class="tt-dot ${lineDotClass(line.metric)}"></span>${escapeHtml(line.name)}: <b>${def.kind === 'fraction' ? formatFraction(v) : formatLoss(v)}</b>`;
  });
  return [`epoch ${series.epochs[index]}`, ...rows].join('<br/>');
}

export function formatLoss(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-3 ? v.toExponential(2) : String(Number(v.toPrecision(4)));
}

export function formatFraction(v: number): string {
  return Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–';
}

function formatTick(v: number): string {
  const a = Math.abs(v);
  return v !== 0 && (a >= 1e4 || a < 1e-3) ? v.toExponential(0) : String(Number(v.toPrecision(3)));
}

export function formatLogTick(v: number): string {
  const exponent = Math.round(Math.log10(v));
  return Math.abs(exponent) <= 2 ? String(Number(v.toPrecision(2))) : `1e${exponent}`;
}
