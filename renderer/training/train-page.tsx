import { invoke } from '../bridge/client';
import { useRequest } from '../lib/use-request';
import { ComingNext } from '../shell/coming-next';
import { ErrorNotice } from '../shell/error-notice';
import { FilterList } from './filter-list';

/** Placeholder for the filter-training workflow (issue 5): lists the stored filters. */
export function TrainPage() {
  const filters = useRequest(() => invoke('filters:list', undefined));
  return (
    <section className="page" aria-labelledby="train-title">
      <div className="page-head">
        <h1 id="train-title">Train</h1>
      </div>
      <ComingNext
        cli={[
          { command: 'npm run cli -- train-filter --labels LABEL_SET_ID', purpose: 'train the neural filter, epochs printed live' },
          { command: 'npm run cli -- filters', purpose: 'list trained filters' },
        ]}
      >
        <p>
          Choose a label set and the filter's settings (lambda, mu, c, hidden width, epochs, learning rate), then watch L_cls and L_contr
          (and L_ess, accuracy, contraction) live while it trains, stop it, see its weight over the PCA plane, save it and launch a
          filtered run from it in one click.
        </p>
      </ComingNext>
      <h2>Filters</h2>
      {filters.error !== null && <ErrorNotice error={filters.error} context="Could not load the filters" />}
      {filters.data && <FilterList filters={filters.data} />}
    </section>
  );
}
