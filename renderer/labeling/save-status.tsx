import { describeError } from '../lib/errors';
import type { SaveState } from './save-queue';

/** Whether the labels made so far are in the store: saved, saving, or not (with a retry). */
export function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  if (state.status === 'error') {
    const { message } = describeError(state.error);
    return (
      <div className="save-status save-status-error" role="alert" data-testid="save-status" data-state="error">
        <span>
          Not saved: {message} ({state.pending} change{state.pending === 1 ? '' : 's'} waiting)
        </span>
        <button type="button" className="button-quiet" onClick={onRetry}>
          Retry
        </button>
      </div>
    );
  }
  const text = state.status === 'saving' ? 'Saving…' : state.status === 'saved' ? 'All labels saved' : 'Labels save as you make them';
  return (
    <div className={`save-status save-status-${state.status}`} role="status" aria-live="polite" data-testid="save-status" data-state={state.status}>
      <span className="save-dot" aria-hidden="true" />
      {text}
    </div>
  );
}
