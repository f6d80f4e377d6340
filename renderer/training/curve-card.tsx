import { useCallback, useEffect, useMemo, useRef } from 'react';
import { EChart, type EChartsInstance } from '../charts/echart';
import { curveBaseOption, curvePatch, curveTooltip, type CurveDef } from './curve-options';
import type { TrainingSession } from './training-session';

interface Props {
  def: CurveDef;
  session: TrainingSession;
  log: boolean;
  bestEpoch: number | null;
  /** Still training: the x axis runs ahead of the newest epoch. */
  running: boolean;
}

/**
 * One live chart. Its data stays in the session: on each of the session's flushes (at most one
 * a frame) it calls `setOption(patch, { lazyUpdate: true })` and writes the number of points it
 * drew into `data-epochs`, without rendering React. Only the axis type (log toggle) and the best
 * epoch go through React.
 */
export function CurveCard({ def, session, log, bestEpoch, running }: Props) {
  const chartRef = useRef<EChartsInstance | null>(null);
  const figureRef = useRef<HTMLElement>(null);
  const noteRef = useRef<HTMLParagraphElement>(null);
  const latest = useRef({ session, log, bestEpoch, running });
  latest.current = { session, log, bestEpoch, running };

  const option = useMemo(
    () => curveBaseOption(def, { log, tooltip: (params) => curveTooltip(def, session.series, params) }),
    [def, log, session],
  );

  const draw = useCallback(() => {
    const chart = chartRef.current;
    if (!chart || chart.isDisposed()) return;
    const { session: s, log: isLog, bestEpoch: best, running: live } = latest.current;
    const { patch, onFloor } = curvePatch(def, s.series, { log: isLog, epochsTotal: s.getSnapshot().epochsTotal, bestEpoch: best, running: live });
    chart.setOption(patch, { lazyUpdate: true });
    if (figureRef.current) figureRef.current.dataset.epochs = String(s.series.length);
    if (noteRef.current) noteRef.current.textContent = onFloor > 0 ? `${onFloor} epoch${onFloor === 1 ? '' : 's'} at exactly 0, drawn on the line marked 0` : '';
  }, [def]);

  useEffect(() => session.subscribe(draw), [session, draw]);
  // After the wrapper applied a new base option (log toggle, another filter): its series are empty again.
  useEffect(() => draw(), [option, bestEpoch, running, draw]);

  const onReady = useCallback((chart: EChartsInstance) => {
    chartRef.current = chart;
  }, []);

  return (
    <figure className="curve-card" ref={figureRef} data-testid={`curve-${def.id}`} data-epochs="0">
      <figcaption>
        <span className="curve-title">{def.title}</span> <span className="curve-subtitle">{def.subtitle}</span>
      </figcaption>
      <EChart option={option} onReady={onReady} style={{ height: 210 }} label={`${def.title}: ${def.subtitle}, by epoch`} />
      <p className="curve-note" ref={noteRef} />
    </figure>
  );
}
