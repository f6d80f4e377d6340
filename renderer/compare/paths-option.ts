import type { EChartsCoreOption as EChartsOption } from 'echarts/core';
import { escapeHtml } from '../charts/escape-html';
import type { ChartTheme } from '../charts/theme';
import { formatMetric } from '../lib/format';
import type { PathsPlane } from './paths-plane';
import type { RunStyle } from './plot-data';
import { slotClass } from './run-palette';

/** Most runs drawn side by side; more would leave each plane too narrow to read. */
export const MAX_PATH_PANELS = 4;

/**
 * The parameter paths of the chosen runs, one plane per run side by side on shared axes (seed
 * 000's figures, with and without the filter): each recorded replicate's estimate over the
 * generations as a thin line in its run's colour, its start (t = 0) hollow and its end filled.
 */
export function pathsOption(plane: PathsPlane, styles: readonly RunStyle[], theme: ChartTheme): EChartsOption {
  const byId = new Map(styles.map((s) => [s.id, s]));
  const runs = plane.runs.filter((r) => byId.has(r.id)).slice(0, MAX_PATH_PANELS);
  const n = Math.max(1, runs.length);
  const gap = 4;
  const width = (100 - gap * (n + 1)) / n;
  const grid = runs.map((_, i) => ({ left: `${gap + i * (width + gap)}%`, width: `${width}%`, top: 48, bottom: 48, containLabel: true }));
  const axisStyle = {
    axisLine: { lineStyle: { color: theme.border } },
    axisTick: { lineStyle: { color: theme.border } },
    // The range is padded, not rounded: its own end values would print as odd extra labels.
    axisLabel: { color: theme.muted, formatter: (v: number) => formatMetric(v), showMinLabel: false, showMaxLabel: false },
    splitLine: { lineStyle: { color: theme.border, opacity: 0.6 } },
    nameTextStyle: { color: theme.muted, fontSize: 12 },
  };
  // One range for every plane, so runs side by side are read on the same scale.
  const pts = runs.flatMap((r) => r.paths.flatMap((p) => p.points));
  const range = (j: 0 | 1) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of pts) {
      if (!Number.isFinite(p[j])) continue;
      lo = Math.min(lo, p[j]);
      hi = Math.max(hi, p[j]);
    }
    if (lo > hi) return {};
    const pad = (hi - lo) * 0.05 || Math.abs(lo) * 0.05 || 1;
    return { min: lo - pad, max: hi + pad };
  };
  const xr = range(0);
  const yr = range(1);
  const series: object[] = [];
  runs.forEach((run, i) => {
    const style = byId.get(run.id)!;
    const tip = (replicate: number, t: number, p: readonly [number, number]) =>
      `<div class="tt"><div class="tt-head"><span class="tt-dot ${slotClass(style.slot)}"></span><b>${escapeHtml(style.label)}</b></div>` +
      `<div>replicate ${replicate}, generation ${t}</div><div class="tt-muted">${escapeHtml(plane.axes[0])} ${formatMetric(p[0])}, ${escapeHtml(plane.axes[1])} ${formatMetric(p[1])}</div></div>`;
    for (const path of run.paths) {
      series.push({
        type: 'line',
        id: `path:${run.id}:${path.replicate}`,
        name: style.label,
        xAxisIndex: i,
        yAxisIndex: i,
        data: path.points.map((p) => [p[0], p[1]]),
        showSymbol: false,
        lineStyle: { color: style.color, width: 1, opacity: 0.6 },
        emphasis: { focus: 'series', lineStyle: { width: 2, opacity: 1 } },
        tooltip: { formatter: (e: { dataIndex: number }) => tip(path.replicate, e.dataIndex, path.points[e.dataIndex]) },
        z: 2,
      });
    }
    const ends = (which: 'start' | 'end') =>
      run.paths.filter((p) => p.points.length > 0).map((p) => ({ value: [...(which === 'start' ? p.points[0] : p.points[p.points.length - 1])], replicate: p.replicate, t: which === 'start' ? 0 : p.points.length - 1 }));
    for (const which of ['start', 'end'] as const) {
      series.push({
        type: 'scatter',
        id: `path-${which}:${run.id}`,
        name: style.label,
        xAxisIndex: i,
        yAxisIndex: i,
        data: ends(which),
        symbolSize: which === 'start' ? 6 : 7,
        itemStyle: which === 'start' ? { color: theme.surface, borderColor: style.color, borderWidth: 1.5 } : { color: style.color, borderColor: theme.surface, borderWidth: 1 },
        tooltip: { formatter: (e: { data: { replicate: number; t: number; value: [number, number] } }) => tip(e.data.replicate, e.data.t, e.data.value) },
        z: 3,
      });
    }
  });
  return {
    animation: false,
    backgroundColor: theme.surface,
    textStyle: { color: theme.text },
    title: runs.map((run, i) => ({
      text: byId.get(run.id)!.label,
      left: `${gap + i * (width + gap) + width / 2}%`,
      textAlign: 'center',
      top: 8,
      textStyle: { color: theme.text, fontSize: 13, fontWeight: 'normal' },
    })),
    tooltip: { trigger: 'item', confine: true, backgroundColor: theme.surface, borderColor: theme.border, textStyle: { color: theme.text } },
    grid,
    xAxis: runs.map((_, i) => ({ type: 'value', gridIndex: i, name: plane.axes[0], nameLocation: 'middle', nameGap: 28, ...xr, ...axisStyle })),
    yAxis: runs.map((_, i) => ({ type: 'value', gridIndex: i, name: plane.axes[1], nameLocation: 'end', ...yr, ...axisStyle })),
    series,
  };
}
