/**
 * A run page's view state in its address (issue 18, item 6): `#/runs/RUN_ID?log=1&config=all`.
 * Only what differs from the defaults is written, so the plain link `#/runs/RUN_ID` opens the
 * default view, and a reload or a shared link shows the same view.
 */

export const CONFIG_VIEWS = ['diff', 'all'] as const;
export type ConfigView = (typeof CONFIG_VIEWS)[number];

export interface RunPageView {
  /** The error chart on a log axis. */
  log: boolean;
  /** The config table: only the fields that differ from the run's preset, or every field. */
  config: ConfigView;
}

export const DEFAULT_VIEW: RunPageView = { log: false, config: 'diff' };

/** The view a query names; anything unknown or malformed falls back to its default. */
export function parseRunView(query: string): RunPageView {
  const q = new URLSearchParams(query);
  const config = q.get('config');
  return {
    log: q.get('log') === '1',
    config: (CONFIG_VIEWS as readonly string[]).includes(config ?? '') ? (config as ConfigView) : DEFAULT_VIEW.config,
  };
}

/** The query of a view: empty for the default view. */
export function formatRunView(view: RunPageView): string {
  const q = new URLSearchParams();
  if (view.log !== DEFAULT_VIEW.log) q.set('log', '1');
  if (view.config !== DEFAULT_VIEW.config) q.set('config', view.config);
  return q.toString();
}
