import type { PlaneView } from '../../preload/contract';
import type { EChartsOption } from '../charts/echart';
import type { ChartTheme } from '../charts/theme';
import { asLabel, LABEL_NAMES, type Label } from './label-values';
import { ESTIMATE_STYLE, LABEL_STYLES, SELECTION_STYLE, SUGGESTION_STYLES, TRUTH_STYLE, type PointStyle } from './scatter-style';
import type { Selection } from './selection';

/** A candidate as the chart holds it: plane coordinates and its index in the group. */
export type ScatterDatum = [x: number, y: number, index: number];

/** "PC1 · 73.4% of variance" for a principal axis, the plain name for the data's own axes. */
export function axisTitle(name: string, explained: number | null): string {
  if (explained === null || !Number.isFinite(explained)) return name;
  return `${name} · ${(explained * 100).toFixed(1)}% of variance`;
}

/** The set's extent with a margin, so edge points are not cut and a flat range still has width. */
export function paddedRange([lo, hi]: readonly [number, number], margin = 0.06): [number, number] {
  if (!(Number.isFinite(lo) && Number.isFinite(hi))) return [-1, 1];
  const span = hi - lo;
  const pad = span > 0 ? span * margin : Math.max(Math.abs(lo) * 0.1, 0.5);
  return [lo - pad, hi + pad];
}

/** The plot area's margins inside the chart, in CSS pixels (the axis names sit in them). */
export const SCATTER_GRID = { left: 64, right: 24, top: 16, bottom: 58 } as const;

/** Series ids, fixed, so updates merge into the right series. */
export const SERIES = {
  selection: 'selection',
  candidates: { 1: 'good', 0: 'bad', [-1]: 'unlabelled' } as Readonly<Record<Label, string>>,
  suggestion: { 1: 'machine-good', 0: 'machine-bad' } as const,
  estimate: 'estimate',
  truth: 'truth',
};

function symbolSeries(id: string, style: PointStyle, z: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    name: style.name,
    type: 'scatter',
    // ECharts fills its `empty...` symbols white, which would hide what lies beneath; a
    // transparent fill keeps the outline and the hit area.
    symbol: style.hollow ? style.symbol.replace(/^empty(.)/, (_, c: string) => c.toLowerCase()) : style.symbol,
    symbolSize: style.size,
    z,
    animation: false,
    // Drawn in one go: progressive chunks would flicker on every selection change.
    progressive: 0,
    itemStyle: style.hollow ? { color: 'transparent', borderColor: style.color, borderWidth: 1.5 } : { color: style.color },
    emphasis: { scale: 1.6 },
    data: [],
    ...extra,
  };
}

function axis(name: string, range: readonly [number, number], theme: ChartTheme, gap: number): Record<string, unknown> {
  const [min, max] = paddedRange(range);
  return {
    type: 'value',
    name,
    nameLocation: 'middle',
    nameGap: gap,
    nameTextStyle: { color: theme.text, fontSize: 13 },
    min,
    max,
    axisLabel: { color: theme.muted, showMinLabel: false, showMaxLabel: false, formatter: (v: number) => String(Number(v.toPrecision(3))) },
    axisLine: { lineStyle: { color: theme.border } },
    splitLine: { lineStyle: { color: theme.border, opacity: 0.6 } },
  };
}

/**
 * The chart's frame for one label set: axes over the set's whole extent (stable from generation
 * to generation), the brush the box and lasso tools draw with, and every series empty; the
 * points come through `scatterSeries` updates merged by id.
 */
export function baseScatterOption(
  view: Pick<PlaneView, 'axisNames' | 'explained' | 'range'>,
  theme: ChartTheme,
  /** A candidate's tooltip line beyond its index and label (its own coordinates). */
  describe?: (index: number) => string,
  /** d = 1: the vertical axis only spreads the candidates out (their order), so it shows no values. */
  strip = false,
): EChartsOption {
  const [xName, yName] = view.axisNames;
  const [xShare, yShare] = view.explained ?? [null, null];
  const yAxis = axis(strip ? 'candidates, spread out' : axisTitle(yName, yShare), view.range.y, theme, strip ? 16 : 46);
  return {
    animation: false,
    grid: { ...SCATTER_GRID },
    xAxis: axis(axisTitle(xName, xShare), view.range.x, theme, 34),
    yAxis: strip ? { ...yAxis, axisLabel: { show: false }, splitLine: { show: false } } : yAxis,
    tooltip: {
      trigger: 'item',
      formatter: (p: { data?: unknown; seriesName?: string }) => {
        const d = p.data as ScatterDatum | undefined;
        if (!Array.isArray(d)) return p.seriesName ?? '';
        if (d[2] < 0) return `${p.seriesName ?? ''}<br/>(${d[0].toPrecision(4)}, ${d[1].toPrecision(4)})`;
        return `Candidate ${d[2]} · ${p.seriesName?.toLowerCase() ?? ''}${describe ? `<br/>${describe(d[2])}` : ''}`;
      },
    },
    // The page's own toolbar picks the tool (brush's default toolbox would duplicate it).
    toolbox: { show: false },
    // The brush paints the box or lasso only; the page hit-tests its polygon itself (lasso.ts),
    // so no series is linked (seriesIndex: []) and nothing is dimmed while drawing.
    brush: {
      xAxisIndex: 0,
      yAxisIndex: 0,
      seriesIndex: [],
      brushMode: 'single',
      transformable: false,
      removeOnClick: true,
      throttleType: 'debounce',
      throttleDelay: 0,
      brushStyle: { borderWidth: 1.5, color: 'rgba(47, 95, 208, 0.10)', borderColor: 'rgba(47, 95, 208, 0.9)' },
      outOfBrush: { colorAlpha: 1 },
    },
    series: [
      symbolSeries(SERIES.selection, SELECTION_STYLE, 1, { silent: true, itemStyle: { color: SELECTION_STYLE.color, opacity: 0.85, borderColor: '#6b5d00', borderWidth: 1 } }),
      // The machine's outlines go under the person's marks, so both stay readable.
      symbolSeries(SERIES.suggestion[1], SUGGESTION_STYLES[1], 2, { silent: true }),
      symbolSeries(SERIES.suggestion[0], SUGGESTION_STYLES[0], 2, { silent: true }),
      symbolSeries(SERIES.candidates[-1], LABEL_STYLES[-1], 3),
      symbolSeries(SERIES.candidates[0], LABEL_STYLES[0], 4),
      symbolSeries(SERIES.candidates[1], LABEL_STYLES[1], 4),
      symbolSeries(SERIES.estimate, { ...ESTIMATE_STYLE, color: theme.text }, 5, {
        label: { show: true, position: 'right', formatter: 'estimate', color: theme.text, fontSize: 12, fontWeight: 600 },
      }),
      symbolSeries(SERIES.truth, TRUTH_STYLE, 5, {
        label: { show: true, position: 'top', formatter: 'θ*', color: TRUTH_STYLE.color, fontSize: 13, fontWeight: 700 },
      }),
    ],
  };
}

export interface ScatterInput {
  view: Pick<PlaneView, 'x' | 'y' | 'estimate' | 'truth'>;
  labels: readonly number[];
  selection: Selection;
  /** The machine rule's labels, when shown. */
  suggestion: readonly number[] | null;
  showTruth: boolean;
}

/** The data of every series, as a merge update (by id) of `baseScatterOption`. */
export function scatterSeries({ view, labels, selection, suggestion, showTruth }: ScatterInput): Record<string, unknown>[] {
  const byLabel: Record<Label, ScatterDatum[]> = { 1: [], 0: [], [-1]: [] };
  const machine: Record<0 | 1, ScatterDatum[]> = { 1: [], 0: [] };
  const selected: ScatterDatum[] = [];
  for (let i = 0; i < view.x.length; i++) {
    const datum: ScatterDatum = [view.x[i], view.y[i], i];
    byLabel[asLabel(labels[i])].push(datum);
    if (selection.has(i)) selected.push(datum);
    const m = suggestion?.[i];
    if (m === 0 || m === 1) machine[m].push(datum);
  }
  return [
    { id: SERIES.selection, data: selected },
    ...([-1, 0, 1] as const).map((l) => ({ id: SERIES.candidates[l], name: LABEL_STYLES[l].name, data: byLabel[l] })),
    { id: SERIES.suggestion[1], data: machine[1] },
    { id: SERIES.suggestion[0], data: machine[0] },
    { id: SERIES.estimate, data: [[view.estimate[0], view.estimate[1], -1]] },
    { id: SERIES.truth, data: showTruth ? [[view.truth[0], view.truth[1], -1]] : [] },
  ];
}

/** The chart's accessible description of what it shows. */
export function describeScatter(counts: { total: number; good: number; bad: number; unlabelled: number }, selected: number, generation: number): string {
  return `Candidates of generation ${generation}: ${counts.total} points, ${counts.good} ${LABEL_NAMES[1]}, ${counts.bad} ${LABEL_NAMES[0]}, ${counts.unlabelled} ${LABEL_NAMES[-1]}; ${selected} selected`;
}
