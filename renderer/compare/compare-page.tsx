import { invoke } from '../bridge/client';
import { useRequest } from '../lib/use-request';
import { ComingNext } from '../shell/coming-next';
import { ErrorNotice } from '../shell/error-notice';
import { CompareCandidates } from './compare-candidates';

/** Placeholder for run comparison (issue 5): lists the runs that could be compared. */
export function ComparePage() {
  const runs = useRequest(() => invoke('runs:list', undefined));
  return (
    <section className="page" aria-labelledby="compare-title">
      <div className="page-head">
        <h1 id="compare-title">Compare</h1>
      </div>
      <ComingNext
        cli={[
          { command: 'npm run cli -- runs', purpose: 'list stored runs' },
          { command: 'npm run cli -- export RUN_ID --format csv > run.csv', purpose: 'one run per generation, for a spreadsheet' },
        ]}
      >
        <p>
          Overlay the error trajectories of saved runs over generations (median and interquartile band per run, the theory curve dashed,
          linear or log axes), a sweep view, a table of only the config fields that differ, a pinned baseline, and PNG and CSV export.
        </p>
      </ComingNext>
      <h2>Stored runs</h2>
      {runs.error !== null && <ErrorNotice error={runs.error} context="Could not load the runs" />}
      {runs.data && <CompareCandidates runs={runs.data} />}
    </section>
  );
}
