import { HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import { BrushComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, type CSSProperties, type ReactElement } from 'react';

// Tree-shaken ECharts (stack-notes: echarts/core), registered once when the first page that
// draws a chart loads this module: what more than one page draws, and the one-page parts of
// the pages that keep no chart module of their own (Train's heat map: heatmap + visualMap;
// Label's lasso: brush). Compare registers its dataset and dataZoom in compare/measured-chart.tsx,
// so only its chunk carries them. Nothing imports the whole `echarts` package.
echarts.use([
  LineChart,
  ScatterChart,
  HeatmapChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  VisualMapComponent,
  BrushComponent,
  MarkLineComponent,
  CanvasRenderer,
]);

export type EChartsInstance = echarts.ECharts;
export type EChartsOption = echarts.EChartsCoreOption;

export interface EChartProps {
  /** Applied with notMerge when it changes identity; for live data call `setOption` on the instance instead. */
  option: EChartsOption;
  /** Receives the instance once created (live updates, PNG export, brush events). */
  onReady?: (chart: EChartsInstance) => void;
  style?: CSSProperties;
  className?: string;
  /** Accessible label of the chart region. */
  label: string;
}

/**
 * The one ECharts wrapper (docs/architecture.md): the instance lives outside React state, is created
 * once in an effect, follows its container's size through a ResizeObserver and is disposed on
 * unmount. Live charts keep their data outside React and call
 * `chart.setOption({ series: [{ id, data }] }, { lazyUpdate: true })` at most once a frame.
 */
export function EChart({ option, onReady, style, className, label }: EChartProps): ReactElement {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsInstance | null>(null);

  useEffect(() => {
    const el = ref.current!;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    onReady?.(chart);
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
    // onReady is read once at creation on purpose.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} className={className} style={{ width: '100%', height: 360, ...style }} role="img" aria-label={label} />;
}

export { echarts };
