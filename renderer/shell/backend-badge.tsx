import { invoke } from '../bridge/client';
import { useRequest } from '../lib/use-request';
import { backendTooltip } from './backend-text';

/** Which training backend the services use, with why faster ones were skipped in its tooltip. */
export function BackendBadge() {
  const { data, error } = useRequest(() => invoke('system:backend', undefined));

  if (error) {
    return (
      <span className="badge badge-muted" data-testid="backend-badge" title="The services did not report their backend">
        backend unknown
      </span>
    );
  }
  if (!data) {
    return (
      <span className="badge badge-muted" data-testid="backend-badge">
        backend: detecting…
      </span>
    );
  }
  const tooltip = backendTooltip(data);
  return (
    <span className="badge" data-testid="backend-badge" title={tooltip} aria-label={`training backend ${data.backend} on ${data.device}. ${tooltip}`}>
      <strong>{data.backend}</strong> · {data.device}
    </span>
  );
}
