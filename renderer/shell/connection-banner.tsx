import { useEffect, useState } from 'react';
import { onConnectionLost } from '../bridge/client';

/** A banner across the top once the connection to the services is lost (browser mode only). */
export function ConnectionBanner() {
  const [lost, setLost] = useState(false);

  useEffect(() => onConnectionLost(() => setLost(true)), []);

  if (!lost) return null;
  return (
    <div className="connection-banner" role="alert" data-testid="connection-lost">
      <p>
        <strong>Lost the connection to the Collapse Lab server.</strong> Nothing on this page updates any more. If{' '}
        <code>npm run serve</code> stopped, start it again and open the new URL it prints (each start has its own token).
      </p>
      <button type="button" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  );
}
