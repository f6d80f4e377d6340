import type { LabelSetInfo } from '../../preload/contract';
import { formatDateTime } from '../lib/format';
import { describeSource } from './set-source';

/** The stored label sets with how far their labelling got; each opens for labelling. */
export function LabelSetList({ sets, onOpen }: { sets: readonly LabelSetInfo[]; onOpen: (set: LabelSetInfo) => void }) {
  return (
    <table className="simple-table label-sets" data-testid="label-sets">
      <caption className="visually-hidden">Stored label sets, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Labeller</th>
          <th scope="col">Labelled</th>
          <th scope="col">Good</th>
          <th scope="col">Updated</th>
          <th scope="col">
            <span className="visually-hidden">Open</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sets.map((s) => (
          <tr key={s.id} data-testid="label-set-row" data-set-id={s.id}>
            <td>
              <div className="set-name">
                <span className="run-name">{s.name}</span> <span className={`kind-badge kind-${s.kind}`}>{s.kind}</span>
              </div>
              <div className="set-source">{describeSource(s)}</div>
            </td>
            <td>{s.labeler}</td>
            <td>
              <div className="run-progress">
                <progress value={s.counts.labelled} max={Math.max(s.counts.candidates, 1)} aria-label={`Labelled in ${s.name}`} />
                <span className="run-progress-text">
                  {s.counts.labelled} / {s.counts.candidates}
                </span>
              </div>
            </td>
            <td>{s.counts.good}</td>
            <td>
              <time dateTime={s.updatedAt}>{formatDateTime(s.updatedAt)}</time>
            </td>
            <td className="row-action">
              <button type="button" className={s.kind === 'human' ? 'button-primary' : undefined} onClick={() => onOpen(s)} aria-label={`Open ${s.name}`}>
                {s.kind === 'human' ? 'Label' : 'View'}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
