import { routeHref } from '../shell/routes';

/** What to do when the store has no runs yet. */
export function RunsEmpty() {
  return (
    <div className="empty" data-testid="runs-empty">
      <h3>No runs yet</h3>
      <p>
        Start one from <a href={routeHref('new-run')}>New run</a>, or from a terminal in the project folder:{' '}
        <code>npm run cli -- run --preset xu-fixed-n</code>. Runs stored by the command line show up here too.
      </p>
    </div>
  );
}
