/**
 * The run page's charts (issue 18, item 1): one run's trajectories by generation, as pure
 * functions from its stored generations and the one chart theme to an ECharts option, so a
 * test can check what is drawn. The x axis spans the whole run (0 .. T) from the start, so a
 * running run's lines grow into it instead of the axis rescaling under them; past
 * FIXED_AXIS_MAX generations a fixed axis would squeeze the drawn part into a sliver, so the
 * axis follows the data instead.
 */
import type { RunDetail } from '../../preload/contract';
import { escapeHtml } from '../charts/escape-html';
import type { ChartTheme } from '../charts/theme';
import { RUN_PALETTE, slotClass } from '../compare/run-palette';
import { formatMetric } from '../lib/format';

type GenerationSummary = RunDetail['generations'][number];

export type RunChartId = 'error' | 'diversity' | 'kept';

interface LineDef {
  name: string;
  values: (g: GenerationSummary) => number | null;
  /** The closed form: dashed, in the theme's muted colour. */
  theory?: boolean;
}

export interface RunChartDef {
  id: RunChartId;
  title: string;
  subtitle: string;
  /** The y axis may be switched to log (the view's `log`). */
  loggable: boolean;
  lines: readonly LineDef[];
}

const square = (v: number): number => v * v;

/** The longest run whose x axis is fixed at 0 .. T while it runs. */
export const FIXED_AXIS_MAX = 10_000;

export const RUN_CHARTS: readonly RunChartDef[] = [
  {
    id: 'error',
    title: 'Mean squared error',
    subtitle: 'E‖θₜ − θ*‖² over replicates (error.rms²), dashed: theory.errorMeanSq',
    loggable: true,
    lines: [
      { name: 'MSE', values: (g) => square(g.error.rms) },
      { name: 'theory', values: (g) => g.theory.errorMeanSq, theory: true },
    ],
  },
  {
    id: 'diversity',
    title: 'Diversity',
    subtitle: 'mean per-dimension variance of the fitted model',
    loggable: false,
    lines: [{ name: 'diversity', values: (g) => g.diversity?.mean ?? null }],
  },
  {
    id: 'kept',
    title: 'Kept',
    subtitle: 'mean fraction of candidates the filter kept',
    loggable: false,
    lines: [{ name: 'kept', values: (g) => g.kept.mean }],
  },
];

/** A chart's points: [t, value] pairs, a value that cannot be drawn (or is <= 0 on a log axis) as a gap. */
export function chartPoints(def: RunChartDef, generations: readonly GenerationSummary[], log: boolean): [number, number | null][][] {
  return def.lines.map((line) =>
    generations.map((g) => {
      const v = line.values(g);
      const drawable = v !== null && Number.isFinite(v) && (!log || v > 0);
      return [g.t, drawable ? v : null];
    }),
  );
}

/** Whether a chart has anything to draw (a run without a theory or a diversity draws none). */
export function chartHasData(def: RunChartDef, generations: readonly GenerationSummary[]): boolean {
  return generations.some((g) => def.lines.some((line) => !line.theory && line.values(g) !== null));
}

/** The CSS class of a line's tooltip dot (styles/run-page.css): the run's colour, or the theory's. */
export function lineClass(line: LineDef): string {
  return line.theory ? 'tt-theory' : slotClass(0);
}

/**
 * The axis tooltip: the generation, then each line's value. HTML with classes only (the CSP
 * refuses ECharts' inline-styled markers); names go through escapeHtml.
 */
export function runChartTooltip(def: RunChartDef, params: unknown): string {
  const list = (Array.isArray(params) ? params : [params]) as { seriesIndex?: number; value?: [number, number | null] }[];
  const t = list[0]?.value?.[0];
  if (t === undefined) return '';
  const rows = list.map((p) => {
    const line = def.lines[p.seriesIndex ?? 0];
    return line ? `<div><span class="tt-dot ${lineClass(line)}"></span>${escapeHtml(line.name)}: <b>${escapeHtml(formatMetric(p.value?.[1] ?? null))}</b></div>` : '';
  });
  return `<div class="tt"><div class="tt-head">t = ${t}</div>${rows.join('')}</div>`;
}

/** The whole option of one chart; `generationsTotal` (T + 1) fixes the x axis at 0 .. T up to FIXED_AXIS_MAX. */
export function runChartOption(def: RunChartDef, generations: readonly GenerationSummary[], options: { theme: ChartTheme; log: boolean; generationsTotal: number }): Record<string, unknown> {
  const { theme } = options;
  const log = options.log && def.loggable;
  const colour = RUN_PALETTE[0];
  const points = chartPoints(def, generations, log);
  return {
    animation: false,
    grid: { left: 62, right: 16, top: 14, bottom: 34 },
    tooltip: { trigger: 'axis', confine: true, formatter: (params: unknown) => runChartTooltip(def, params) },
    xAxis: {
      type: 'value',
      name: 'generation t',
      nameLocation: 'middle',
      nameGap: 22,
      min: 0,
      max: options.generationsTotal - 1 <= FIXED_AXIS_MAX ? Math.max(1, options.generationsTotal - 1) : 'dataMax',
      minInterval: 1,
      nameTextStyle: { color: theme.muted, fontSize: 11 },
      axisLine: { lineStyle: { color: theme.border } },
      axisLabel: { color: theme.muted, fontSize: 11 },
      splitLine: { show: false },
    },
    yAxis: {
      type: log ? 'log' : 'value',
      scale: !log,
      axisLabel: { color: theme.muted, fontSize: 11 },
      splitLine: { lineStyle: { color: theme.border } },
    },
    series: def.lines.map((line, i) => ({
      type: 'line',
      name: line.name,
      data: points[i],
      showSymbol: false,
      connectNulls: false,
      lineStyle: line.theory ? { color: theme.muted, type: 'dashed', width: 1.5 } : { color: colour, width: 2 },
      itemStyle: { color: line.theory ? theme.muted : colour },
      emphasis: { disabled: true },
      z: line.theory ? 1 : 2,
    })),
  };
}
