import { useEffect, useMemo, useRef } from 'react';
import type { PlaneView } from '../../preload/contract';
import { EChart, type EChartsInstance } from '../charts/echart';
import type { SelectTool } from './actions';
import { candidateText } from './candidate-text';
import { readChartTheme } from '../charts/theme';
import { indicesInPolygon, indicesInRect, nearestIndex, type PlanePoint, type PlaneRect } from './lasso';
import { countLabels, type Label } from './label-values';
import { baseScatterOption, describeScatter, scatterSeries } from './scatter-option';
import { selectModeOf, type SelectMode, type Selection } from './selection';

interface Props {
  /** Identifies the plane: the frame is rebuilt only when the label set changes. */
  labelSetId: string;
  generation: number;
  /** The plane as shown (stacks fanned out): drawing and hit tests both use it. */
  view: PlaneView;
  /** The candidates' own coordinates (count x dim), for the tooltip. */
  candidates: readonly number[];
  dim: number;
  labels: readonly Label[];
  selection: Selection;
  suggestion: readonly number[] | null;
  showTruth: boolean;
  tool: SelectTool;
  /** A click on a candidate, with the mode its modifier keys ask for (plain: a new selection; Shift: add or take out). */
  onPick: (index: number, mode: SelectMode) => void;
  onBrushed: (hits: number[], mode: SelectMode) => void;
  /** A pointer went down on the chart (the workspace takes the keyboard focus). */
  onActivate: () => void;
}

interface BrushArea {
  brushType: 'rect' | 'polygon' | string;
  coordRange?: unknown;
}

/** How far from a candidate (CSS px) a click still picks it. */
const CLICK_RADIUS = 8;

function isDegenerate(area: BrushArea): boolean {
  if (area.brushType === 'polygon') return (area.coordRange as unknown[]).length < 3;
  const [[x0, x1], [y0, y1]] = area.coordRange as PlaneRect;
  return x0 === x1 || y0 === y1;
}

/**
 * The candidates of one generation in the label set's display plane, coloured by label, with the
 * estimate marked and (on request) the truth and the machine rule's verdicts. A click selects
 * a point (Shift-click adds or takes it out), with every tool; the box and lasso tools paint with ECharts' brush, and the page hit-tests
 * the painted shape itself (lasso.ts) against the plane coordinates.
 */
export function CandidateScatter(props: Props) {
  const { labelSetId, generation, view, labels, selection, suggestion, showTruth, tool, onActivate } = props;
  const chartRef = useRef<EChartsInstance | null>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  // Handlers registered once on the instance read the latest props through this ref.
  const latest = useRef(props);
  latest.current = props;
  // Modifier keys of the drag that is painting (brush events do not carry them).
  const dragMode = useRef<SelectMode>('replace');

  const { range, axisNames, explained } = view;
  const rangeKey = `${range.x.join()}|${range.y.join()}`;
  const base = useMemo(
    () =>
      baseScatterOption(
        { axisNames, explained, range },
        readChartTheme(),
        (i) => candidateText(latest.current.candidates, latest.current.dim, i),
        props.dim === 1,
      ),
    // The frame follows the set, not each generation (its range is the set's).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [labelSetId, rangeKey, axisNames.join(), explained?.join(), props.dim],
  );

  useEffect(() => {
    chartRef.current?.setOption({ series: scatterSeries({ view, labels, selection, suggestion, showTruth }) }, { lazyUpdate: true });
  }, [base, view, labels, selection, suggestion, showTruth]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    chart.dispatchAction({ type: 'brush', areas: [] });
    chart.dispatchAction({
      type: 'takeGlobalCursor',
      key: 'brush',
      brushOption: { brushType: tool === 'box' ? 'rect' : tool === 'lasso' ? 'polygon' : false, brushMode: 'single' },
    });
    // Says which tool the chart has really taken (it happens after React's render), for tests.
    if (containerRef.current) containerRef.current.dataset.brush = tool;
  }, [base, tool]);

  const onReady = (chart: EChartsInstance): void => {
    chartRef.current = chart;
    // Clicks are hit-tested here rather than through series events, so they work with every tool
    // (the brush layer swallows series clicks) and find hollow and stacked points alike.
    // zrender reports a click only when the pointer moved at most 4 px, so a drag is never one.
    chart.getZr().on('click', (event: { offsetX: number; offsetY: number; event?: { shiftKey?: boolean; altKey?: boolean } }) => {
      const { x, y } = latest.current.view;
      const toPixel = (px: number, py: number): PlanePoint => chart.convertToPixel({ xAxisIndex: 0, yAxisIndex: 0 }, [px, py]) as unknown as PlanePoint;
      const hit = nearestIndex(x, y, toPixel, [event.offsetX, event.offsetY], CLICK_RADIUS);
      const keys = event.event ?? {};
      if (hit !== null) latest.current.onPick(hit, selectModeOf({ shiftKey: keys.shiftKey === true, altKey: keys.altKey === true }));
    });
    chart.on('brushEnd', (params: unknown) => {
      const area = (params as { areas?: BrushArea[] }).areas?.[0];
      // A click with a brush tool leaves no shape (or a degenerate one): it selects nothing, and
      // must not clear the selection either.
      if (!area?.coordRange || isDegenerate(area)) return;
      const { x, y } = latest.current.view;
      const hits =
        area.brushType === 'polygon' ? indicesInPolygon(x, y, area.coordRange as PlanePoint[]) : indicesInRect(x, y, area.coordRange as PlaneRect);
      latest.current.onBrushed(hits, dragMode.current);
      // The painted shape has done its job; the selection halo shows the result.
      chart.dispatchAction({ type: 'brush', areas: [] });
    });
  };

  const counts = countLabels(labels);
  return (
    <div
      ref={containerRef}
      className={`candidate-scatter candidate-scatter-${tool}`}
      data-testid="candidate-scatter"
      data-generation={generation}
      onPointerDownCapture={(e) => {
        dragMode.current = selectModeOf(e);
        onActivate();
      }}
    >
      <EChart option={base} onReady={onReady} label={describeScatter(counts, selection.size, generation)} style={{ height: 500 }} />
    </div>
  );
}
