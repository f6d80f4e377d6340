import type { RunView } from './run-list';
import { RunRow } from './run-row';

interface Props {
  runs: readonly RunView[];
  busyId: string | null;
  onCancel: (run: RunView) => void;
  onDelete: (run: RunView) => void;
  onExport: (run: RunView, format: 'json' | 'csv') => void;
}

export function RunsTable({ runs, busyId, ...actions }: Props) {
  return (
    <table className="runs-table" data-testid="runs-table">
      <caption className="visually-hidden">Stored runs, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Run</th>
          <th scope="col">Status</th>
          <th scope="col">Progress</th>
          <th scope="col">Created</th>
          <th scope="col">Result</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <RunRow key={run.id} run={run} finalRms={run.status === 'completed' ? (run.finalError?.rms ?? null) : undefined} busy={busyId === run.id} {...actions} />
        ))}
      </tbody>
    </table>
  );
}
