import type { FilterInfo } from '../../preload/contract';
import { formatDateTime } from '../lib/format';

/** The stored filters, with their status and the backend they trained on. */
export function FilterList({ filters }: { filters: readonly FilterInfo[] }) {
  if (filters.length === 0) return <p className="empty-line">No filters trained yet.</p>;
  return (
    <table className="simple-table" data-testid="filters">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Status</th>
          <th scope="col">Backend</th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        {filters.map((f) => (
          <tr key={f.id}>
            <td>{f.name}</td>
            <td>{f.error ? `${f.status}: ${f.error}` : f.status}</td>
            <td>{f.backend}</td>
            <td>{formatDateTime(f.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
