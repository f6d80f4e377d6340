import type { EChartsCoreOption as EChartsOption } from 'echarts/core';
import { formatMetric } from '../lib/format';
import { escapeHtml } from '../charts/escape-html';
import type { ChartTheme } from '../charts/theme';
import { slotClass } from './run-palette';
import type { MetricDef } from './metrics';
import type { RunStyle } from './plot-data';
import { sweepMeans, type SweepGroup, type SweepRow } from './sweep';

export interface SweepPlotOptions {
  xLog: boolean;
  yLog: boolean;
  /** Says which generations each point averages, for the axis name. */
  windowLabel: string;
}

/** Keeps a value a log axis can show, else null (a gap, never an invented value). */
const onAxis = (v: number | null, log: boolean): number | null => (v === null || !Number.isFinite(v) || (log && v <= 0) ? null : v);

/**
 * Summary against the swept field: one point per run (its colour, so the legend and the
 * trajectory chart agree), a line through the mean at each value, and the theory's mean over the
 * same window dashed.
 */
export function sweepOption(sweep: SweepGroup, rows: readonly SweepRow[], styles: readonly RunStyle[], metric: MetricDef, options: SweepPlotOptions, theme: ChartTheme): EChartsOption {
  const xLog = options.xLog && rows.every((r) => r.x > 0);
  const byRun = new Map(styles.map((s) => [s.id, s]));
  const means = sweepMeans(rows);
  const many = means.length > 1;
  const series: object[] = [];
  const legend: string[] = [];
  const order = new Map(styles.map((st, i) => [st.id, i]));
  const byStyle = [...rows].sort((a, b) => (order.get(a.runId) ?? 0) - (order.get(b.runId) ?? 0));
  for (const r of byStyle) {
    const style = byRun.get(r.runId);
    const y = onAxis(r.value, options.yLog);
    if (!style || y === null) continue;
    if (!legend.includes(style.label)) legend.push(style.label);
    series.push({
      type: 'scatter',
      id: `pt:${r.runId}`,
      name: style.label,
      data: [[r.x, y]],
      symbolSize: style.baseline ? 13 : 10,
      itemStyle: { color: style.color, borderColor: theme.surface, borderWidth: 1 },
      z: 4,
      tooltip: {
        formatter: () =>
          `<div class="tt"><div class="tt-head"><span class="tt-dot ${slotClass(style.slot)}"></span><b>${escapeHtml(style.label)}</b></div>` +
          `<div>${escapeHtml(sweep.path)} = ${formatMetric(r.x)}</div><div>mean <b>${formatMetric(r.value)}</b>${r.se !== null ? ` ± ${formatMetric(r.se)}` : ''}${r.theory !== null ? ` <span class="tt-muted">theory ${formatMetric(r.theory)}</span>` : ''}</div>` +
          `<div class="tt-muted">generations ${r.window[0]}–${r.window[1] - 1}</div></div>`,
      },
    });
  }
  const lines: string[] = [];
  for (const m of means) {
    const suffix = many ? ` (${m.seriesKey})` : '';
    lines.push(`mean over runs${suffix}`);
    series.push({
      type: 'line',
      id: `mean:${m.seriesKey}`,
      name: `mean over runs${suffix}`,
      data: m.points.map((p) => [p.x, onAxis(p.value, options.yLog)]),
      symbol: 'circle',
      symbolSize: 4,
      lineStyle: { color: theme.text, width: 1.5 },
      itemStyle: { color: theme.text },
      z: 3,
    });
    if (m.points.some((p) => p.theory !== null)) {
      lines.push(`theory, same window${suffix}`);
      series.push({
        type: 'line',
        id: `theory:${m.seriesKey}`,
        name: `theory, same window${suffix}`,
        data: m.points.map((p) => [p.x, onAxis(p.theory, options.yLog)]),
        symbol: 'none',
        lineStyle: { color: theme.muted, width: 1.5, type: [6, 4] },
        itemStyle: { color: theme.muted },
        z: 2,
      });
    }
  }
  const axis = {
    nameTextStyle: { color: theme.muted, fontSize: 12 },
    axisLine: { lineStyle: { color: theme.border } },
    axisLabel: { color: theme.muted, formatter: (v: number) => formatMetric(v) },
    splitLine: { lineStyle: { color: theme.border, opacity: 0.6 } },
    nameLocation: 'middle',
  };
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: theme.text },
    // The summary lines first, then the runs in the page's order (baseline first).
    legend: { type: 'scroll', top: 0, left: 8, right: 8, data: [...lines, ...legend], textStyle: { color: theme.text }, pageTextStyle: { color: theme.muted } },
    grid: { left: 78, right: 28, top: 48, bottom: 52 },
    tooltip: { trigger: 'item', confine: true, backgroundColor: theme.surface, borderColor: theme.border, textStyle: { color: theme.text } },
    xAxis: { ...axis, type: xLog ? 'log' : 'value', name: `${sweep.path}${xLog ? ' (log scale)' : ''}`, nameGap: 28, scale: true },
    yAxis: { ...axis, type: options.yLog ? 'log' : 'value', name: `${metric.axisName}: mean over ${options.windowLabel}${options.yLog ? ' (log)' : ''}`, nameGap: 60 },
    series,
  };
}
