import type { RunStatus } from '../../preload/contract';
import { STATUS_TEXT } from './run-list';

/** The run's status in words and colour (never colour alone). */
export function StatusBadge({ status }: { status: RunStatus }) {
  return (
    <span className={`status status-${status}`} data-testid="run-status">
      <span className="status-dot" aria-hidden="true" />
      {STATUS_TEXT[status]}
    </span>
  );
}
