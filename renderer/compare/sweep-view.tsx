import { useState, type MutableRefObject } from 'react';
import type { SweepSummaryDto } from '../../preload/contract';
import type { EChartsInstance, EChartsOption } from '../charts/echart';
import { MeasuredChart, type SelectionClock } from './measured-chart';
import { metricDef, type MetricId } from './metrics';
import type { SweepGroup, SweepRow } from './sweep';

interface Props {
  sweeps: readonly SweepGroup[];
  index: number;
  onIndex: (index: number) => void;
  /** The chart's option (sweep-option.ts), null when there is no sweep to draw. */
  option: EChartsOption | null;
  rows: readonly SweepRow[];
  metric: MetricId;
  windowLabel: string;
  drawnKey: string;
  clock: MutableRefObject<SelectionClock>;
  onReady: (chart: EChartsInstance) => void;
  /** Sweeps in the store (`sweeps:list`); opening one chooses its runs. */
  stored: readonly SweepSummaryDto[];
  onOpenStored: (id: string) => void;
  opening: boolean;
}

/** Stored sweeps to open: each is one run per grid point, summarised by the services. */
function StoredSweeps({ stored, onOpen, opening }: { stored: readonly SweepSummaryDto[]; onOpen: (id: string) => void; opening: boolean }) {
  const [id, setId] = useState('');
  const chosen = stored.find((s) => s.id === id) ?? stored[0];
  if (!chosen) return null;
  return (
    <div className="toolbar-field stored-sweeps">
      <label className="toolbar-field">
        <span>Stored sweep</span>
        <select value={chosen.id} onChange={(e) => setId(e.target.value)}>
          {stored.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} · {s.grid.map((g) => g.path).join(' × ')} · {s.runs} runs
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => onOpen(chosen.id)} disabled={opening}>
        {opening ? 'Opening…' : 'Open its runs'}
      </button>
    </div>
  );
}

/** Summary against the swept parameter, for the sweeps found among (or stored for) the chosen runs. */
export function SweepView({ sweeps, index, onIndex, option, rows, metric, windowLabel, drawnKey, clock, onReady, stored, onOpenStored, opening }: Props) {
  const sweep = sweeps[index] ?? null;
  const def = metricDef(metric);
  const storedPicker = stored.length > 0 ? <StoredSweeps stored={stored} onOpen={onOpenStored} opening={opening} /> : null;
  if (!sweep || !option) {
    return (
      <div className="sweep-view">
        {storedPicker}
        <div className="empty compare-placeholder" data-testid="sweep-none">
          <h3>No sweep among the chosen runs</h3>
          <p>
            A sweep is a set of runs that agree on every config field but one numeric field (their names, presets and seeds aside): for example the
            same preset run at several <code>sampleSize.n0</code> or <code>data.realWeight</code>. Choose such runs, several seeds per value if you
            like, or open a stored sweep (<code>npm run cli -- sweep --preset fresh-golden --grid data.realWeight=0.2:0.8:0.2</code>).
          </p>
        </div>
      </div>
    );
  }
  const valued = rows.filter((r) => r.value !== null).length;
  return (
    <div className="sweep-view" data-testid="sweep-view">
      {storedPicker}
      {sweeps.length > 1 ? (
        <label className="toolbar-field sweep-pick">
          <span>Swept field</span>
          <select value={index} onChange={(e) => onIndex(Number(e.target.value))}>
            {sweeps.map((s, i) => (
              <option key={`${s.path}-${i}`} value={i}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p className="sweep-pick">
          <span className="toolbar-label">Swept field</span> {sweep.title}
        </p>
      )}
      <MeasuredChart option={option} drawnKey={drawnKey} runCount={valued} clock={clock} onReady={onReady} label={`Sweep: ${def.label} against ${sweep.path}`} height={420} testId="sweep-chart" />
      <p className="chart-caption">
        Each point is one run: the mean of its {def.axisName} over the {windowLabel}. The solid line joins the means at each value of{' '}
        <code>{sweep.path}</code>; dashed, the closed form averaged over the same generations{def.theoryName ? '' : ' (this metric has none)'}.{' '}
        {sweep.source === 'detected'
          ? 'Found among the chosen runs.'
          : `A stored sweep: ${def.id === 'mse' || def.id === 'testError' || def.id === 'kept' ? 'summaries as the services computed them (with their standard error where known)' : 'summaries from the runs’ series over the sweep’s windows'}.`}
      </p>
    </div>
  );
}
