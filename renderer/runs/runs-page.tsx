import { useState } from 'react';
import { invoke } from '../bridge/client';
import { downloadText } from '../lib/download';
import { ConfirmDialog } from '../shell/confirm-dialog';
import { ErrorNotice } from '../shell/error-notice';
import { routeHref } from '../shell/routes';
import type { RunView } from './run-list';
import { RunsEmpty } from './runs-empty';
import { RunsTable } from './runs-table';
import { useRuns } from './use-runs';

/** Stored runs with live progress: cancel, export and delete (after a confirmation). */
export function RunsPage() {
  const { runs, error, refresh } = useRuns();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<{ context: string; error: unknown } | null>(null);
  const [toDelete, setToDelete] = useState<RunView | null>(null);

  const act = async (run: RunView, context: string, action: () => Promise<unknown>): Promise<void> => {
    setBusyId(run.id);
    setActionError(null);
    try {
      await action();
    } catch (e) {
      setActionError({ context, error: e });
    } finally {
      setBusyId(null);
    }
  };

  const onCancel = (run: RunView): void => {
    void act(run, `Could not cancel ${run.name}`, () => invoke('runs:cancel', { id: run.id }));
  };
  const onExport = (run: RunView, format: 'json' | 'csv'): void => {
    void act(run, `Could not export ${run.name}`, async () => {
      const file = await invoke('runs:export', { id: run.id, format });
      downloadText(file.filename, file.mimeType, file.content);
    });
  };
  const confirmDelete = (): void => {
    const run = toDelete;
    if (!run) return;
    void act(run, `Could not delete ${run.name}`, async () => {
      await invoke('runs:delete', { id: run.id });
      refresh();
    }).finally(() => setToDelete(null));
  };

  return (
    <section className="page" aria-labelledby="runs-title">
      <div className="page-head">
        <h1 id="runs-title">Runs</h1>
        <div className="page-head-actions">
          <button type="button" className="button-quiet" onClick={refresh}>
            Refresh
          </button>
          <a className="button button-primary" href={routeHref('new-run')}>
            New run
          </a>
        </div>
      </div>
      {error !== null && <ErrorNotice error={error} context="Could not load the runs" />}
      {actionError && <ErrorNotice error={actionError.error} context={actionError.context} onDismiss={() => setActionError(null)} />}
      {runs === null && error === null && <p className="loading">Loading runs…</p>}
      {runs !== null && runs.length === 0 && <RunsEmpty />}
      {runs !== null && runs.length > 0 && (
        <RunsTable runs={runs} busyId={busyId} onCancel={onCancel} onDelete={setToDelete} onExport={onExport} />
      )}
      <ConfirmDialog
        open={toDelete !== null}
        title={`Delete run ${toDelete?.name ?? ''}?`}
        confirmLabel="Delete"
        cancelLabel="Keep it"
        danger
        busy={toDelete !== null && busyId === toDelete.id}
        onConfirm={confirmDelete}
        onCancel={() => setToDelete(null)}
      >
        <p>
          This removes the run <span className="mono">{toDelete?.id}</span> and its {toDelete?.generationsDone ?? 0} stored generations from the store.
          {toDelete?.status === 'running' && ' It is still running: it will be cancelled first.'} This cannot be undone; export it first to keep a copy.
        </p>
      </ConfirmDialog>
    </section>
  );
}
