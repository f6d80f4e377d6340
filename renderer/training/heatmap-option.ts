import type { FilterHeatmap } from '../../preload/contract';
import type { EChartsOption } from '../charts/echart';
import { escapeHtml } from '../charts/escape-html';
import { NEUTRAL_AXIS } from '../charts/theme';

/** "PC1 · 71.4% of variance" on a PCA plane, the axis' own name otherwise. */
export function axisTitle(name: string, explained: number | null | undefined): string {
  return explained === null || explained === undefined || !Number.isFinite(explained) ? name : `${name} · ${(explained * 100).toFixed(1)}% of variance`;
}

/** The cells' outer edges: centres from the services, half a cell beyond the first and last. */
export function gridExtent(centres: readonly number[]): [number, number] {
  if (centres.length === 0) return [0, 1];
  if (centres.length === 1) return [centres[0] - 0.5, centres[0] + 0.5];
  const step = (centres[centres.length - 1] - centres[0]) / (centres.length - 1);
  return [centres[0] - step / 2, centres[centres.length - 1] + step / 2];
}

/** `[xIndex, yIndex, w]` cells of an ECharts heat map from the row-major grid (bottom row first). */
export function heatCells(h: Pick<FilterHeatmap, 'x' | 'y' | 'weights'>): [number, number, number][] {
  const nx = h.x.length;
  const out: [number, number, number][] = [];
  for (let j = 0; j < h.y.length; j++) for (let i = 0; i < nx; i++) out.push([i, j, h.weights[j * nx + i]]);
  return out;
}

/** Labelled points split by label, as `[x, y]` pairs. */
export function pointsByLabel(points: FilterHeatmap['points']): { good: [number, number][]; bad: [number, number][] } {
  const good: [number, number][] = [];
  const bad: [number, number][] = [];
  for (let i = 0; i < points.labels.length; i++) (points.labels[i] === 1 ? good : bad).push([points.x[i], points.y[i]]);
  return { good, bad };
}

export const HEAT_COLORS = ['#f5f7fb', '#d3e2f3', '#9ec3e6', '#5a9bd4', '#2166ac', '#0b3a75'];
/** Point colours: green and orange read apart on the blue scale, and the shapes differ too. */
export const GOOD = '#16a34a';
export const BAD = '#ea580c';
const AXIS = NEUTRAL_AXIS;
const GRID = { left: 64, right: 112, top: 16, bottom: 52 };

/**
 * The filter's weight w(x) over the label set's display plane with the labelled candidates on
 * top. ECharts draws a heat map only on category axes, so the cells sit on a hidden category
 * grid and the points on a value grid laid exactly over it (same rectangle, extent of the
 * cells' outer edges): the axes a person reads are the value ones.
 */
export function heatmapOption(h: FilterHeatmap, options: { showPoints?: boolean } = {}): EChartsOption {
  const showPoints = options.showPoints ?? true;
  const [x0, x1] = gridExtent(h.x);
  const [y0, y1] = gridExtent(h.y);
  const { good, bad } = showPoints ? pointsByLabel(h.points) : { good: [], bad: [] };
  const flat = h.y.length === 1;
  const names = [axisTitle(h.axisNames[0], h.explained?.[0]), axisTitle(h.axisNames[1], h.explained?.[1])];
  const tick = (v: number): string => String(Number(v.toPrecision(3)));
  return {
    animation: false,
    grid: [GRID, GRID],
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p: { seriesIndex: number; value: number[] }) => {
        if (p.seriesIndex === 0) {
          const [i, j, w] = p.value;
          return `w = <b>${w.toFixed(3)}</b><br/>${escapeHtml(h.axisNames[0])} ${tick(h.x[i])}${flat ? '' : `, ${escapeHtml(h.axisNames[1])} ${tick(h.y[j])}`}`;
        }
        const [x, y] = p.value;
        return `${p.seriesIndex === 1 ? 'labelled good' : 'labelled bad'}<br/>${escapeHtml(h.axisNames[0])} ${tick(x)}, ${escapeHtml(h.axisNames[1])} ${tick(y)}`;
      },
    },
    xAxis: [
      { type: 'category', gridIndex: 0, data: h.x.map((_, i) => i), show: false, boundaryGap: true },
      {
        type: 'value',
        gridIndex: 1,
        min: x0,
        max: x1,
        name: names[0],
        nameLocation: 'middle',
        nameGap: 30,
        nameTextStyle: { color: AXIS, fontSize: 12 },
        axisLabel: { color: AXIS, fontSize: 11, formatter: tick, hideOverlap: true, showMinLabel: false, showMaxLabel: false },
        axisLine: { onZero: false, lineStyle: { color: AXIS } },
        splitLine: { show: false },
      },
    ],
    yAxis: [
      { type: 'category', gridIndex: 0, data: h.y.map((_, j) => j), show: false, boundaryGap: true },
      {
        type: 'value',
        gridIndex: 1,
        min: y0,
        max: y1,
        name: names[1],
        nameLocation: 'middle',
        nameGap: 44,
        nameTextStyle: { color: AXIS, fontSize: 12 },
        axisLabel: { color: AXIS, fontSize: 11, formatter: tick, hideOverlap: true, show: !flat, showMinLabel: false, showMaxLabel: false },
        axisLine: { onZero: false, lineStyle: { color: AXIS } },
        splitLine: { show: false },
      },
    ],
    visualMap: {
      type: 'continuous',
      seriesIndex: 0,
      min: 0,
      max: 1,
      calculable: false,
      orient: 'vertical',
      right: 8,
      top: 'middle',
      itemHeight: 180,
      itemWidth: 12,
      text: ['w = 1 kept', 'w = 0 dropped'],
      textStyle: { color: AXIS, fontSize: 11 },
      inRange: { color: HEAT_COLORS },
    },
    series: [
      { id: 'weight', name: 'weight w', type: 'heatmap', xAxisIndex: 0, yAxisIndex: 0, data: heatCells(h), emphasis: { disabled: true }, progressive: 0 },
      {
        id: 'good',
        name: 'labelled good',
        type: 'scatter',
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: good,
        symbol: 'circle',
        symbolSize: 3.5,
        itemStyle: { color: GOOD, opacity: 0.6 },
        large: good.length > 2000,
      },
      {
        id: 'bad',
        name: 'labelled bad',
        type: 'scatter',
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: bad,
        symbol: 'triangle',
        symbolSize: 4.5,
        itemStyle: { color: BAD, opacity: 0.75 },
        large: bad.length > 2000,
      },
    ],
  };
}
