import type { FilterInfo, LabelSetInfo } from '../../preload/contract';
import { formatDateTime } from '../lib/format';
import { FilterStatus } from './filter-status';

interface Props {
  filters: readonly FilterInfo[];
  labelSets: readonly LabelSetInfo[] | null;
  openId: string | null;
  onOpen: (filter: FilterInfo) => void;
}

/** Every stored filter, newest first, with its outcome; Open shows its history and heat map above. */
export function FilterTable({ filters, labelSets, openId, onOpen }: Props) {
  if (filters.length === 0) {
    return (
      <p className="empty-line" data-testid="filters-empty">
        No filters trained yet. Start one above, or from a terminal: <code>npm run cli -- train-filter --labels LABEL_SET_ID</code>.
      </p>
    );
  }
  const sorted = [...filters].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const setName = (id: string | null): string => (id === null ? 'deleted' : (labelSets?.find((s) => s.id === id)?.name ?? id));
  const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
  return (
    <table className="simple-table filter-table" data-testid="filters">
      <thead>
        <tr>
          <th scope="col">Filter</th>
          <th scope="col">Status</th>
          <th scope="col">Label set</th>
          <th scope="col">Best epoch</th>
          <th scope="col">Held-out accuracy</th>
          <th scope="col">Contracting</th>
          <th scope="col">Created</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((f) => {
          const m = f.metrics;
          const open = f.id === openId;
          return (
            <tr key={f.id} data-testid="filter-row" data-filter-id={f.id} data-status={f.status} className={open ? 'filter-row-open' : undefined} aria-current={open ? 'true' : undefined}>
              <td>
                <div className="run-name">{f.name}</div>
                <div className="run-meta">
                  <span className="mono">{f.id}</span>
                  <span>{f.backend}</span>
                </div>
              </td>
              <td>
                <FilterStatus status={f.status} metrics={f.metrics} />
                {f.error && <div className="run-meta filter-error">{f.error}</div>}
              </td>
              <td>{setName(f.labelSetId)}</td>
              <td className="num">{m ? m.bestEpoch : '–'}</td>
              <td className="num">{m ? pct(m.heldOutAccuracy) : '–'}</td>
              <td className="num">{m ? pct(m.heldOutContraction) : '–'}</td>
              <td>
                <time dateTime={f.createdAt} title={f.createdAt}>
                  {formatDateTime(f.createdAt)}
                </time>
              </td>
              <td>
                <button type="button" className="button-quiet" onClick={() => onOpen(f)} disabled={open} aria-label={`Open filter ${f.name} (${f.id})`}>
                  {open ? 'Shown' : 'Open'}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
