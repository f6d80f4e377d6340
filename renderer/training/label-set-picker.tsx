import { useId, useState } from 'react';
import type { LabelSetInfo } from '../../preload/contract';
import { invoke } from '../bridge/client';
import { formatDateTime } from '../lib/format';
import { ErrorNotice } from '../shell/error-notice';
import { routeHref } from '../shell/routes';
import { describeCounts, describeShape, labelSetShape, trainVerdict } from './filter-facts';

interface Props {
  sets: readonly LabelSetInfo[] | null;
  loading: boolean;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** A new set was made here (it is selected once the list has it). */
  onCreated: (set: LabelSetInfo) => void;
}

/** Which label set to train on: its counts and model, with what to do when there is none yet. */
export function LabelSetPicker({ sets, loading, selectedId, onSelect, onCreated }: Props) {
  const id = useId();
  const [making, setMaking] = useState(false);
  const [makeError, setMakeError] = useState<unknown>(null);
  const selected = sets?.find((s) => s.id === selectedId) ?? null;
  const verdict = trainVerdict(selected);
  const shape = labelSetShape(selected);

  const makeMachineSet = (): void => {
    setMaking(true);
    setMakeError(null);
    invoke('labels:create', { request: { preset: 'filter-constant-n' }, kind: 'machine', name: 'machine labels (filter-constant-n)' })
      .then(onCreated, setMakeError)
      .finally(() => setMaking(false));
  };
  const makeButton = (
    <button type="button" className={sets && sets.length > 0 ? 'button-quiet' : 'button-primary'} onClick={makeMachineSet} disabled={making} data-testid="make-machine-set">
      {making ? 'Labelling…' : 'Make a machine-labelled set'}
    </button>
  );

  if (sets === null) return <p className="loading">{loading ? 'Loading label sets…' : ''}</p>;
  if (sets.length === 0) {
    return (
      <div className="empty train-empty" data-testid="label-sets-empty">
        <h3>No label sets yet</h3>
        <p>
          A filter learns from labelled candidates. Label some on the <a href={routeHref('label')}>Label page</a>, or let the machine rule label 20
          generations of 1000 candidates of a 2-d Gaussian (30% farthest from the truth marked bad):
        </p>
        <p className="train-empty-actions">{makeButton}</p>
        <p>
          From a terminal: <code>npm run cli -- label --machine</code>
        </p>
        {makeError !== null && <ErrorNotice error={makeError} context="Could not make the label set" />}
      </div>
    );
  }

  return (
    <div className="label-set-picker" data-testid="label-set-picker">
      <label htmlFor={id} className="train-label">
        Label set
      </label>
      <select id={id} value={selectedId ?? ''} onChange={(e) => onSelect(e.target.value)} aria-describedby={`${id}-facts`}>
        {selectedId === null && <option value="">Choose a label set…</option>}
        {sets.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} · {s.counts.labelled} labelled{s.counts.good === 0 ? ' (no good labels yet)' : ''}
          </option>
        ))}
      </select>
      <div id={`${id}-facts`} className="label-set-facts" data-testid="label-set-facts">
        {selected && (
          <>
            <p>
              {describeCounts(selected.counts)}
              {shape && <> · {describeShape(shape)}</>}
            </p>
            <p className="train-muted">
              {selected.kind === 'machine' ? 'machine labels' : `labelled by ${selected.labeler}`} · updated {formatDateTime(selected.updatedAt)} ·{' '}
              <span className="mono">{selected.id}</span>
            </p>
            {!verdict.ok && (
              <p className="field-error" role="alert">
                {verdict.reason}
              </p>
            )}
          </>
        )}
      </div>
      <div className="label-set-more">
        {makeButton}
        <a href={routeHref('label')}>Label candidates by hand</a>
      </div>
      {makeError !== null && <ErrorNotice error={makeError} context="Could not make the label set" />}
    </div>
  );
}
