import { useState } from 'react';
import { ErrorNotice } from '../shell/error-notice';
import { LabelSetList } from './label-set-list';
import { LabelSetsEmpty } from './label-sets-empty';
import { LabelingWorkspace } from './labeling-workspace';
import { NewLabelSet } from './new-label-set';
import { useLabelLocation } from './use-label-location';
import { useLabelSets } from './use-label-sets';

/**
 * The Label page (issue 5, item 1): the stored label sets and a form for a new human one; an
 * open set is labelled in the workspace. Which set and generation is open lives in the URL, so
 * a reload comes back to the same place with every saved label.
 */
export function LabelPage() {
  const sets = useLabelSets();
  const [location, nav] = useLabelLocation();
  const [creating, setCreating] = useState(false);
  const open = location.setId !== null ? sets.data?.find((s) => s.id === location.setId) : undefined;

  return (
    <section className="page label-page" aria-labelledby="label-title">
      <div className="page-head">
        <h1 id="label-title">Label</h1>
        {location.setId === null && sets.data && sets.data.length > 0 && !creating && (
          <div className="page-head-actions">
            <button type="button" className="button-primary" onClick={() => setCreating(true)}>
              New label set
            </button>
          </div>
        )}
      </div>
      {sets.error !== null && <ErrorNotice error={sets.error} context="Could not load the label sets" />}
      {sets.data === null && sets.error === null && <p className="loading">Loading label sets…</p>}

      {location.setId !== null && sets.data && !open && !sets.loading && (
        <div className="empty" data-testid="label-set-missing">
          <h3>No label set {location.setId}</h3>
          <p>
            It may have been deleted, or the link is from another store. <button type="button" className="button-quiet" onClick={nav.close}>Back to the label sets</button>
          </p>
        </div>
      )}
      {open && <LabelingWorkspace key={open.id} set={open} initialGeneration={location.generation} onBack={nav.close} onGeneration={nav.showGeneration} />}

      {location.setId === null && sets.data && (
        <>
          {sets.data.length === 0 && <LabelSetsEmpty />}
          {(creating || sets.data.length === 0) && (
            <NewLabelSet
              onCreated={(set) => {
                setCreating(false);
                sets.reload();
                nav.open(set.id, null);
              }}
              onCancel={sets.data.length > 0 ? () => setCreating(false) : undefined}
            />
          )}
          {sets.data.length > 0 && (
            <>
              <p className="page-intro">
                Mark candidates of the first generations good or bad: select them on the plot by click, box or lasso, then press <kbd>G</kbd> or{' '}
                <kbd>B</kbd>. Labels save as you make them.
              </p>
              <LabelSetList sets={sets.data} onOpen={(s) => nav.open(s.id, null)} />
            </>
          )}
        </>
      )}
    </section>
  );
}
