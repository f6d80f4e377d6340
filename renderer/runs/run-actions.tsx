import type { RunView } from './run-list';

interface Props {
  run: RunView;
  busy: boolean;
  onCancel: (run: RunView) => void;
  onDelete: (run: RunView) => void;
  onExport: (run: RunView, format: 'json' | 'csv') => void;
}

/** Per-run buttons; each accessible name carries the run's name, so a list of them reads well. */
export function RunActions({ run, busy, onCancel, onDelete, onExport }: Props) {
  return (
    <div className="run-actions">
      {run.status === 'running' && (
        <button type="button" onClick={() => onCancel(run)} disabled={busy} aria-label={`Cancel run ${run.name}`}>
          Cancel
        </button>
      )}
      <button type="button" className="button-quiet" onClick={() => onExport(run, 'json')} disabled={busy} aria-label={`Export ${run.name} as JSON`}>
        JSON
      </button>
      <button type="button" className="button-quiet" onClick={() => onExport(run, 'csv')} disabled={busy} aria-label={`Export ${run.name} as CSV`}>
        CSV
      </button>
      <button type="button" className="button-quiet button-danger-text" onClick={() => onDelete(run)} disabled={busy} aria-label={`Delete run ${run.name}`}>
        Delete
      </button>
    </div>
  );
}
