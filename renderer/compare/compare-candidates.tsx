import type { RunSummary } from '../../preload/contract';
import { formatDateTime } from '../lib/format';
import { StatusBadge } from '../runs/status-badge';

/** The stored runs that the comparison will choose from. */
export function CompareCandidates({ runs }: { runs: readonly RunSummary[] }) {
  if (runs.length === 0) return <p className="empty-line">No runs stored yet.</p>;
  return (
    <table className="simple-table" data-testid="compare-runs">
      <thead>
        <tr>
          <th scope="col">Run</th>
          <th scope="col">Preset</th>
          <th scope="col">Status</th>
          <th scope="col">Generations</th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id}>
            <td>{r.name}</td>
            <td>{r.preset ?? 'custom'}</td>
            <td>
              <StatusBadge status={r.status} />
            </td>
            <td>
              {r.generationsDone} / {r.generationsTotal}
            </td>
            <td>{formatDateTime(r.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
