import { backendTooltip } from '../shell/backend-text';
import { useBackend } from './use-store-lists';

/**
 * Which backend trains the filter, and why each faster one was skipped, said on the page
 * (the header's badge keeps the same text in a tooltip).
 */
export function BackendNote() {
  const { data, error } = useBackend();
  if (error !== null) {
    return (
      <p className="train-backend" data-testid="train-backend">
        <span className="train-backend-name">training backend unknown</span> <span className="train-backend-why">the services did not report it</span>
      </p>
    );
  }
  if (!data) {
    return (
      <p className="train-backend" data-testid="train-backend">
        <span className="train-backend-name">training backend: detecting…</span>
      </p>
    );
  }
  const skipped = data.chain.filter((a) => !a.ok);
  const inUse = data.chain.find((a) => a.ok && a.name === data.backend) ?? data.chain.find((a) => a.ok);
  return (
    <div className="train-backend" data-testid="train-backend" title={backendTooltip(data)}>
      <span className="train-backend-name">
        Trains on <strong>{data.backend}</strong> · {data.device}
      </span>
      {skipped.length > 0 ? (
        <details className="train-backend-why">
          <summary>
            {skipped.length} faster backend{skipped.length === 1 ? '' : 's'} skipped: why?
          </summary>
          <ul>
            {skipped.map((a) => (
              <li key={a.name}>
                <strong>{a.name}</strong>: {a.reason}
              </li>
            ))}
            {inUse && (
              <li>
                <strong>{inUse.name}</strong> in use: {inUse.reason}
              </li>
            )}
          </ul>
        </details>
      ) : (
        <span className="train-backend-why">{inUse ? inUse.reason : 'the fastest available'}</span>
      )}
    </div>
  );
}
