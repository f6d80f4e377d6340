import type { FilterInfo } from '../../preload/contract';

const TEXT: Record<FilterInfo['status'], string> = { training: 'Training', ready: 'Ready', failed: 'Failed', interrupted: 'Stopped' };
const TONE: Record<FilterInfo['status'], string> = { training: 'running', ready: 'completed', failed: 'failed', interrupted: 'interrupted' };

/** A filter's status in words and colour (the Runs page's badge styles). */
export function FilterStatus({ status }: { status: FilterInfo['status'] }) {
  return (
    <span className={`status status-${TONE[status]}`} data-testid="filter-status" data-status={status}>
      <span className="status-dot" aria-hidden="true" />
      {TEXT[status]}
    </span>
  );
}
