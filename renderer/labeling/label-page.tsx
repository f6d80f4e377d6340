import { invoke } from '../bridge/client';
import { useRequest } from '../lib/use-request';
import { ComingNext } from '../shell/coming-next';
import { ErrorNotice } from '../shell/error-notice';
import { LabelSetList } from './label-set-list';

/** Placeholder for the labeling workflow (issue 5): lists the stored label sets. */
export function LabelPage() {
  const sets = useRequest(() => invoke('labels:list', undefined));
  return (
    <section className="page" aria-labelledby="label-title">
      <div className="page-head">
        <h1 id="label-title">Label</h1>
      </div>
      <ComingNext
        cli={[
          { command: 'npm run cli -- label --labeler NAME --preset filter-constant-n', purpose: 'candidates for a person to label' },
          { command: 'npm run cli -- label --machine --preset filter-constant-n', purpose: 'a machine-labelled set' },
        ]}
      >
        <p>
          Mark good and bad samples of the first generations: each generation's candidates on a scatter plot (the first two PCA components
          when d &gt; 2), selected by click, box or lasso and marked with keys (G good, B bad, U unlabelled, Z undo), with the machine
          rule's suggestion and Cohen's kappa against it on demand. Labels save as they are made.
        </p>
      </ComingNext>
      <h2>Label sets</h2>
      {sets.error !== null && <ErrorNotice error={sets.error} context="Could not load the label sets" />}
      {sets.data && <LabelSetList sets={sets.data} />}
    </section>
  );
}
