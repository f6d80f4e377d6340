import type { RunDetail } from '../../preload/contract';
import { formatDateTime, formatDuration, formatMetric } from '../lib/format';
import { RunProgress } from '../runs/run-progress';
import { StatusBadge } from '../runs/status-badge';

/** Status, live progress, seed, engine and timings: the facts list at the top of a run's page. */
export function RunFacts({ run }: { run: RunDetail }) {
  const took = run.finishedAt ? formatDuration(Date.parse(run.finishedAt) - Date.parse(run.createdAt)) : null;
  const last = run.generations[run.generations.length - 1];
  return (
    <dl className="run-facts" data-testid="run-facts">
      <div>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={run.status} />
          {run.error && <span className="run-error-text"> {run.error}</span>}
        </dd>
      </div>
      <div>
        <dt>Progress</dt>
        <dd>
          <RunProgress name={run.name} done={run.generationsDone} total={run.generationsTotal} />
        </dd>
      </div>
      <div>
        <dt>Error now</dt>
        <dd>{last ? `rms ${formatMetric(last.error.rms)} at t = ${last.t}` : '—'}</dd>
      </div>
      <div>
        <dt>Seed</dt>
        <dd className="mono" data-testid="run-seed">
          {run.config.seed}
        </dd>
      </div>
      <div>
        <dt>Engine</dt>
        <dd>
          {run.engine.version} on <span className="mono">{run.engine.backend}</span>
        </dd>
      </div>
      <div>
        <dt>Created</dt>
        <dd>
          <time dateTime={run.createdAt} title={run.createdAt}>
            {formatDateTime(run.createdAt)}
          </time>
        </dd>
      </div>
      <div>
        <dt>Finished</dt>
        <dd>
          {run.finishedAt ? (
            <>
              <time dateTime={run.finishedAt} title={run.finishedAt}>
                {formatDateTime(run.finishedAt)}
              </time>{' '}
              (took {took})
            </>
          ) : (
            'not yet'
          )}
        </dd>
      </div>
    </dl>
  );
}
