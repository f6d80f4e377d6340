import type { RunDetail, SweepDetail } from '../../preload/contract';
import { invoke } from '../bridge/client';
import { storedFilterId } from '../compare/config-diff';
import { useFilterProvenance } from '../compare/use-filter-provenance';
import { formatConfigValue } from '../compare/config-diff';
import { useRequest } from '../lib/use-request';

/**
 * Where the run came from: for a run that reuses a stored filter, label set -> filter -> run;
 * for a sweep's run, the sweep and the run's point on its grid.
 */
export function RunProvenance({ run }: { run: RunDetail }) {
  const filterId = run.filterId ?? storedFilterId(run.config);
  const { byId } = useFilterProvenance(filterId ? [filterId] : []);
  const p = filterId ? byId.get(filterId) : undefined;
  const sweep = useRequest<SweepDetail | null>(() => (run.sweepId ? invoke('sweeps:get', { id: run.sweepId }) : Promise.resolve(null)));
  if (!filterId && !run.sweepId) return null;
  return (
    <section className="run-section" aria-labelledby="run-provenance-title">
      <h2 id="run-provenance-title">Provenance</h2>
      {filterId && (
        <ol className="run-chain" data-testid="run-provenance-chain">
          <li>
            <span className="run-muted">label set</span>{' '}
            {p?.labelSet ? `${p.labelSet.name} (${p.labelSet.kind === 'human' ? `by ${p.labelSet.labeler}` : p.labelSet.labeler}, ${p.labelSet.generations} × ${p.labelSet.candidatesPerGeneration})` : p ? 'not stored' : '…'}
          </li>
          <li>
            <span className="run-muted">filter</span> {p?.filter ? `${p.filter.name} (${filterId})` : p ? `${filterId}: no longer stored` : filterId}
          </li>
          <li>
            <span className="run-muted">run</span> {run.name}
          </li>
        </ol>
      )}
      {run.sweepId && (
        <p data-testid="run-provenance-sweep">
          <span className="run-muted">sweep</span> {sweep.data ? sweep.data.name : run.sweepId}
          {run.sweepPoint && (
            <>
              {' at '}
              {Object.entries(run.sweepPoint)
                .map(([path, v]) => `${path} = ${formatConfigValue(v)}`)
                .join(', ')}
            </>
          )}
          {sweep.error !== null && <span className="run-muted"> (the sweep is no longer stored)</span>}
        </p>
      )}
    </section>
  );
}
