import { useMemo } from 'react';
import type { RunDetail } from '../../preload/contract';
import { EChart } from '../charts/echart';
import { readChartTheme } from '../charts/theme';
import { chartHasData, RUN_CHARTS, runChartOption, type RunChartDef } from './run-chart-option';

interface Props {
  run: RunDetail;
  log: boolean;
  onLog: (log: boolean) => void;
}

/** Error with its theory, diversity and kept, redrawn as the run's generations grow. */
export function RunCharts({ run, log, onLog }: Props) {
  const shown = RUN_CHARTS.filter((def) => def.id === 'error' || chartHasData(def, run.generations));
  return (
    <section className="run-section" aria-labelledby="run-charts-title">
      <div className="run-section-head">
        <h2 id="run-charts-title">Charts</h2>
        <label className="run-check">
          <input type="checkbox" checked={log} onChange={(e) => onLog(e.target.checked)} /> log error axis
        </label>
      </div>
      <div className="run-charts">
        {shown.map((def) => (
          <RunChart key={def.id} def={def} run={run} log={log} />
        ))}
      </div>
    </section>
  );
}

function RunChart({ def, run, log }: { def: RunChartDef; run: RunDetail; log: boolean }) {
  const { generations, generationsTotal } = run;
  const option = useMemo(() => runChartOption(def, generations, { theme: readChartTheme(), log, generationsTotal }), [def, generations, log, generationsTotal]);
  return (
    <figure className="run-chart" data-testid={`run-chart-${def.id}`} data-points={generations.length}>
      <figcaption>
        <span className="run-chart-title">{def.title}</span> <span className="run-chart-subtitle">{def.subtitle}</span>
      </figcaption>
      <EChart option={option} style={{ height: 240 }} label={`${def.title} by generation`} />
    </figure>
  );
}
