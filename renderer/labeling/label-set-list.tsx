import type { LabelSetInfo } from '../../preload/contract';
import { formatDateTime } from '../lib/format';

/** The stored label sets with how far their labelling got. */
export function LabelSetList({ sets }: { sets: readonly LabelSetInfo[] }) {
  if (sets.length === 0) return <p className="empty-line">No label sets yet.</p>;
  return (
    <table className="simple-table" data-testid="label-sets">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Kind</th>
          <th scope="col">Labeler</th>
          <th scope="col">Labelled</th>
          <th scope="col">Good</th>
          <th scope="col">Updated</th>
        </tr>
      </thead>
      <tbody>
        {sets.map((s) => (
          <tr key={s.id}>
            <td>{s.name}</td>
            <td>{s.kind}</td>
            <td>{s.labeler}</td>
            <td>
              {s.counts.labelled} / {s.counts.candidates} in {s.counts.groups} generations
            </td>
            <td>{s.counts.good}</td>
            <td>{formatDateTime(s.updatedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
