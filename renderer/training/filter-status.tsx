import type { FilterInfo } from '../../preload/contract';
import { qualityVerdict } from './filter-facts';

const TEXT: Record<FilterInfo['status'], string> = { training: 'Training', ready: 'Ready', failed: 'Failed', interrupted: 'Stopped' };
const TONE: Record<FilterInfo['status'], string> = { training: 'running', ready: 'completed', failed: 'failed', interrupted: 'interrupted' };

/**
 * A filter's status in words and colour (the Runs page's badge styles). A ready filter is green
 * only when its held-out metrics clear FILTER_QUALITY; one that does not reads "Ready · weak"
 * in the warning colour, with why in its tooltip.
 */
export function FilterStatus({ status, metrics }: { status: FilterInfo['status']; metrics?: FilterInfo['metrics'] }) {
  const quality = status === 'ready' ? qualityVerdict(metrics ?? null) : null;
  const weak = quality?.level === 'weak';
  return (
    <span
      className={`status status-${weak ? 'interrupted' : TONE[status]}`}
      data-testid="filter-status"
      data-status={status}
      data-quality={quality?.level}
      title={weak ? `Weak filter: ${quality.reasons.join('; ')}.` : undefined}
    >
      <span className="status-dot" aria-hidden="true" />
      {TEXT[status]}
      {weak && ' · weak'}
    </span>
  );
}
