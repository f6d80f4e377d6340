import type { EChartsCoreOption, EChartsType } from 'echarts/core';

/** Rows a plain (wrapping) legend needs for these labels at this width: about 7 px a character plus the icon and gap. */
export function legendRows(labels: readonly string[], width: number): number {
  const usable = Math.max(100, width - 16);
  let rows = 1;
  let x = 0;
  for (const label of labels) {
    const w = label.length * 7 + 45;
    if (x > 0 && x + w > usable) {
      rows++;
      x = 0;
    }
    x += w;
  }
  return rows;
}

/**
 * The chart as a PNG data URL at twice its pixel size. On screen a long legend scrolls in pages;
 * a picture must name every run, so for the export the legend wraps (the plot moves down to make
 * room) and the zoom slider is left out; the chart is put back as it was right after.
 */
export function chartPng(chart: EChartsType, option: EChartsCoreOption, background: string): string {
  const legend = (option.legend ?? {}) as { data?: readonly (string | { name: string })[] };
  const labels = (legend.data ?? []).map((d) => (typeof d === 'string' ? d : d.name));
  const rows = legendRows(labels, chart.getWidth());
  const wrap = rows > 1;
  // A legend of another type is a new component: it gets all of its settings again.
  if (wrap) chart.setOption({ legend: { ...legend, type: 'plain' }, grid: { ...(option.grid as object | undefined), top: 24 + rows * 24 } });
  try {
    return chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background, excludeComponents: ['dataZoom'] });
  } finally {
    if (wrap) chart.setOption({ legend: option.legend, grid: option.grid });
  }
}
