import { useState } from 'react';
import type { RunDetail } from '../../preload/contract';
import { invoke } from '../bridge/client';
import { downloadText } from '../lib/download';
import { useAction } from '../lib/use-action';
import { ConfirmDialog } from '../shell/confirm-dialog';
import { ErrorNotice } from '../shell/error-notice';
import { routeHref, runHref } from '../shell/routes';

/**
 * Rerun (the stored config, seed included, as a new run: the CLI's `run --from`), export as
 * JSON or CSV, cancel while it runs, and delete after a confirmation.
 */
export function RunActionsBar({ run }: { run: RunDetail }) {
  const { busy, failure, dismiss, run: act } = useAction();
  const [confirming, setConfirming] = useState(false);

  const rerun = (): Promise<void> =>
    act(`Could not rerun ${run.name}`, async () => {
      const { runId } = await invoke('runs:start', { config: run.config });
      window.location.hash = runHref(runId);
    });
  const exportAs = (format: 'json' | 'csv'): Promise<void> =>
    act(`Could not export ${run.name}`, async () => {
      const file = await invoke('runs:export', { id: run.id, format });
      downloadText(file.filename, file.mimeType, file.content);
    });
  const remove = (): Promise<void> =>
    act(`Could not delete ${run.name}`, async () => {
      await invoke('runs:delete', { id: run.id });
      window.location.hash = routeHref('runs');
    }).finally(() => setConfirming(false));

  return (
    <>
      <div className="page-head-actions">
        {run.status === 'running' && (
          <button type="button" disabled={busy} onClick={() => void act(`Could not cancel ${run.name}`, () => invoke('runs:cancel', { id: run.id }))}>
            Cancel
          </button>
        )}
        <button type="button" disabled={busy} onClick={() => void rerun()}>
          Rerun
        </button>
        <button type="button" className="button-quiet" disabled={busy} onClick={() => void exportAs('json')}>
          Export JSON
        </button>
        <button type="button" className="button-quiet" disabled={busy} onClick={() => void exportAs('csv')}>
          Export CSV
        </button>
        <button type="button" className="button-quiet button-danger-text" disabled={busy} onClick={() => setConfirming(true)}>
          Delete
        </button>
      </div>
      {failure && <ErrorNotice error={failure.error} context={failure.context} onDismiss={dismiss} />}
      <ConfirmDialog
        open={confirming}
        title={`Delete run ${run.name}?`}
        confirmLabel="Delete"
        cancelLabel="Keep it"
        danger
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          This removes the run <span className="mono">{run.id}</span> and its {run.generationsDone} stored generations from the store.
          {run.status === 'running' && ' It is still running: it will be cancelled first.'} This cannot be undone; export it first to keep a copy.
        </p>
      </ConfirmDialog>
    </>
  );
}
