import { useId } from 'react';
import type { RunSummary } from '../../preload/contract';
import { formatDateTime } from '../lib/format';
import { StatusBadge } from '../runs/status-badge';
import type { RunFilter, StatusFilter } from './run-filter';

interface Props {
  shown: readonly Readonly<RunSummary>[];
  total: number;
  filter: RunFilter;
  onFilter: (filter: RunFilter) => void;
  chosen: ReadonlySet<string>;
  baseline: string | null;
  colourOf: (id: string) => string;
  onToggle: (id: string) => void;
  onPin: (id: string) => void;
  onChooseShown: () => void;
  onClear: () => void;
}

const STATUSES: readonly { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'Any status' },
  { value: 'completed', label: 'Completed' },
  { value: 'running', label: 'Running' },
  { value: 'interrupted', label: 'Interrupted' },
  { value: 'failed', label: 'Failed' },
];

/** The stored runs to choose from: search, status filter, multi-select, and a pinned baseline. */
export function RunPicker({ shown, total, filter, onFilter, chosen, baseline, colourOf, onToggle, onPin, onChooseShown, onClear }: Props) {
  const id = useId();
  const notChosen = shown.filter((r) => !chosen.has(r.id)).length;
  return (
    <aside className="compare-picker" aria-label="Runs to compare" data-testid="run-picker">
      <div className="picker-filters">
        <input
          type="search"
          value={filter.text}
          onChange={(e) => onFilter({ ...filter, text: e.target.value })}
          placeholder="Search runs"
          title="Matches name, preset, id, status and date; every word must match"
          aria-label="Search runs"
        />
        <select value={filter.status} onChange={(e) => onFilter({ ...filter, status: e.target.value as StatusFilter })} aria-label="Status">
          {STATUSES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div className="picker-actions">
        <span className="picker-count" data-testid="picker-count" aria-live="polite">
          {shown.length} of {total} shown · {chosen.size} chosen
        </span>
        <button type="button" className="button-quiet" onClick={onChooseShown} disabled={notChosen === 0}>
          Choose shown
        </button>
        <button type="button" className="button-quiet" onClick={onClear} disabled={chosen.size === 0}>
          Clear
        </button>
      </div>
      {shown.length === 0 ? (
        <p className="empty-line picker-none">No run matches the search.</p>
      ) : (
        <ul className="picker-list">
          {shown.map((run) => {
            const isChosen = chosen.has(run.id);
            const isBase = baseline === run.id;
            const box = `${id}-${run.id}`;
            return (
              <li
                key={run.id}
                className={`picker-item${isChosen ? ' picker-item-chosen' : ''}${isBase ? ' picker-item-baseline' : ''}`}
                data-testid="picker-run"
                data-run-id={run.id}
                data-chosen={isChosen}
              >
                <input type="checkbox" id={box} checked={isChosen} onChange={() => onToggle(run.id)} />
                <label htmlFor={box} className="picker-name" title={run.name}>
                  <span className="run-swatch" aria-hidden="true" style={isChosen ? { background: colourOf(run.id) } : undefined} />
                  {run.name}
                </label>
                <button
                  type="button"
                  className="pin-button"
                  aria-pressed={isBase}
                  aria-label={`Pin ${run.name} as baseline`}
                  title={isBase ? 'Baseline (click to unpin)' : 'Pin as the baseline: drawn first and thicker, first column of the config table'}
                  onClick={() => onPin(run.id)}
                >
                  {isBase ? '★' : '☆'}
                </button>
                <div className="picker-meta">
                  <span>{run.preset ?? 'custom'}</span>
                  <StatusBadge status={run.status} />
                  <time dateTime={run.createdAt}>{formatDateTime(run.createdAt)}</time>
                  <span>{run.status === 'completed' ? `T = ${run.generationsTotal - 1}` : `${run.generationsDone} / ${run.generationsTotal}`}</span>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </aside>
  );
}
