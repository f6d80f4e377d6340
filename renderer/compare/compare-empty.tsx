import { routeHref } from '../shell/routes';

/** No stored runs at all: how to make some. */
export function CompareEmpty() {
  return (
    <div className="empty" data-testid="compare-empty">
      <h3>No runs stored yet.</h3>
      <p>
        Start runs from <a href={routeHref('new-run')}>New run</a>, or from a terminal in the project folder, e.g.{' '}
        <code>npm run cli -- run --preset xu-fixed-n</code> and <code>npm run cli -- run --preset oracle-ball</code>; they show up here to be compared.
      </p>
    </div>
  );
}
