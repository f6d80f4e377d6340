import { useCallback, useLayoutEffect, useRef, type MutableRefObject } from 'react';
import { DataZoomComponent, DatasetComponent, TitleComponent } from 'echarts/components';
import { EChart, echarts, type EChartsInstance, type EChartsOption } from '../charts/echart';

// Only Compare's charts use these, so they are registered here (once, when Compare's chunk
// loads) rather than in the shared wrapper (charts/echart.tsx): the trajectory chart keeps each
// run's columns in one ECharts dataset, and zooms with dataZoom.
// TitleComponent: the parameter-paths view names each plane after its run.
echarts.use([DatasetComponent, DataZoomComponent, TitleComponent]);

/** When the user last changed the chosen runs, and for which runs (sorted ids, comma-joined). */
export interface SelectionClock {
  at: number;
  key: string;
  measured: boolean;
}

interface Props {
  option: EChartsOption;
  /** The chosen runs this option draws (same form as SelectionClock.key). */
  drawnKey: string;
  runCount: number;
  clock: MutableRefObject<SelectionClock>;
  onReady: (chart: EChartsInstance) => void;
  label: string;
  height: number;
  testId: string;
  /** Facts about what is drawn, as data attributes for tests (e.g. `{ 'data-y-scale': 'log' }`). */
  facts?: Readonly<Record<`data-${string}`, string | number>>;
}

/**
 * The shared EChart, timed: when ECharts reports `finished` after an option is applied, the
 * container gets `data-state="drawn"`, `data-render-ms` (option applied to frame drawn) and,
 * the first time the runs the user just chose are all drawn, `data-selection-ms` (choice to
 * chart drawn, fetch included). Written to the DOM directly: timing is not React state.
 */
export function MeasuredChart({ option, drawnKey, runCount, clock, onReady, label, height, testId, facts }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const pending = useRef<{ appliedAt: number; key: string; runs: number } | null>(null);
  const onReadyRef = useRef(onReady);
  onReadyRef.current = onReady;

  const ready = useCallback(
    (chart: EChartsInstance) => {
      onReadyRef.current(chart);
      chart.on('finished', () => {
        const p = pending.current;
        const el = box.current;
        if (!p || !el) return;
        pending.current = null;
        const now = performance.now();
        el.dataset.renderMs = (now - p.appliedAt).toFixed(0);
        el.dataset.drawnKey = p.key;
        el.dataset.drawnRuns = String(p.runs);
        const c = clock.current;
        if (c.key === p.key && !c.measured) {
          c.measured = true;
          el.dataset.selectionMs = (now - c.at).toFixed(0);
          el.dataset.selectionRuns = String(p.runs);
        }
        el.dataset.state = 'drawn';
      });
    },
    [clock],
  );

  // Before the EChart's own effect applies the option: the render clock starts here.
  useLayoutEffect(() => {
    pending.current = { appliedAt: performance.now(), key: drawnKey, runs: runCount };
    if (box.current) box.current.dataset.state = 'drawing';
  }, [option, drawnKey, runCount]);

  return (
    <div ref={box} className="compare-chart" data-testid={testId} {...facts}>
      <EChart option={option} onReady={ready} label={label} style={{ height }} />
    </div>
  );
}
