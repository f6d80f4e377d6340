import type { RunStatus } from '../../preload/contract';
import type { ToolbarState } from './compare-toolbar';
import { isMetricId } from './metrics';
import type { StatusFilter } from './run-filter';
import { WINDOWS } from './sweep';
import { COMPARE_VIEWS } from './views';

/**
 * What the Compare page shows, kept in the URL fragment like the pages themselves
 * (shell/routes.ts), so a reload keeps the view and a copied address opens it elsewhere:
 *
 *     #/compare?runs=ID,ID&base=ID&metric=error&y=log&x=log&bands=off&view=sweep&window=all&sweep=ID&group=1&q=TEXT&status=completed
 *
 * Every part is optional; a part at its default is left out, so the bare `#/compare` is the
 * default view. Values that make no sense (an unknown metric, a baseline not among the runs)
 * fall back to the default rather than failing.
 */
export interface CompareLocation {
  /** Chosen runs, in the order chosen (colours and the default baseline follow it). */
  runs: string[];
  /** The pinned baseline (one of `runs`), or null: the first chosen is the baseline. */
  pinned: string | null;
  tools: ToolbarState;
  /** The stored sweep opened (sweeps:get), shown first in the sweep view. */
  sweep: string | null;
  /** Which of the sweeps found is shown. */
  sweepIndex: number;
  /** The run picker's search text and status filter. */
  text: string;
  status: StatusFilter;
}

export const DEFAULT_TOOLS: Readonly<ToolbarState> = Object.freeze({ view: 'trajectories', metric: 'mse', yLog: false, xLog: false, bands: true, window: 'last-quarter' });

export const DEFAULT_LOCATION: Readonly<CompareLocation> = Object.freeze({
  runs: [],
  pinned: null,
  tools: DEFAULT_TOOLS,
  sweep: null,
  sweepIndex: 0,
  text: '',
  status: 'all',
});

const STATUSES: readonly RunStatus[] = ['running', 'completed', 'failed', 'interrupted'];
/** Ids are the store's [0-9a-z]{8}; anything id-like is accepted, the page drops ids it does not know. */
const ID = /^[0-9A-Za-z_-]{1,64}$/;

/** The query part of a fragment (`#/compare?a=1` gives `a=1`). */
function queryOf(hash: string): URLSearchParams {
  const at = hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
}

function axis(value: string | null, fallback: boolean): boolean {
  return value === 'log' ? true : value === 'linear' ? false : fallback;
}

/** The Compare view a fragment names; anything missing or unreadable is the default. */
export function parseCompareLocation(hash: string): CompareLocation {
  const q = queryOf(hash);
  const runs = [...new Set((q.get('runs') ?? '').split(',').filter((id) => ID.test(id)))];
  const base = q.get('base');
  const view = q.get('view');
  const metric = q.get('metric') ?? '';
  const window = q.get('window');
  const bands = q.get('bands');
  const sweep = q.get('sweep');
  const group = Number(q.get('group'));
  const status = q.get('status');
  return {
    runs,
    pinned: base !== null && runs.includes(base) ? base : null,
    tools: {
      view: COMPARE_VIEWS.find((v) => v === view) ?? DEFAULT_TOOLS.view,
      metric: isMetricId(metric) ? metric : DEFAULT_TOOLS.metric,
      yLog: axis(q.get('y'), DEFAULT_TOOLS.yLog),
      xLog: axis(q.get('x'), DEFAULT_TOOLS.xLog),
      bands: bands === 'off' ? false : bands === 'on' ? true : DEFAULT_TOOLS.bands,
      window: WINDOWS.find((w) => w.id === window)?.id ?? DEFAULT_TOOLS.window,
    },
    sweep: sweep !== null && ID.test(sweep) ? sweep : null,
    sweepIndex: Number.isInteger(group) && group > 0 ? group : 0,
    text: q.get('q') ?? '',
    status: STATUSES.find((s) => s === status) ?? 'all',
  };
}

/** The fragment of a Compare view, with only what differs from the default. */
export function compareHref(loc: CompareLocation): string {
  const q: [string, string][] = [];
  const { tools } = loc;
  if (loc.runs.length > 0) q.push(['runs', loc.runs.join(',')]);
  if (loc.pinned !== null && loc.runs.includes(loc.pinned)) q.push(['base', loc.pinned]);
  if (tools.view !== DEFAULT_TOOLS.view) q.push(['view', tools.view]);
  if (tools.metric !== DEFAULT_TOOLS.metric) q.push(['metric', tools.metric]);
  if (tools.yLog !== DEFAULT_TOOLS.yLog) q.push(['y', tools.yLog ? 'log' : 'linear']);
  if (tools.xLog !== DEFAULT_TOOLS.xLog) q.push(['x', tools.xLog ? 'log' : 'linear']);
  if (tools.bands !== DEFAULT_TOOLS.bands) q.push(['bands', tools.bands ? 'on' : 'off']);
  if (tools.window !== DEFAULT_TOOLS.window) q.push(['window', tools.window]);
  if (loc.sweep !== null) q.push(['sweep', loc.sweep]);
  if (loc.sweepIndex > 0) q.push(['group', String(loc.sweepIndex)]);
  if (loc.text !== '') q.push(['q', loc.text]);
  if (loc.status !== 'all') q.push(['status', loc.status]);
  // Commas stay readable in the run list (URLSearchParams would write %2C).
  const query = new URLSearchParams(q).toString().replace(/%2C/g, ',');
  return query === '' ? '#/compare' : `#/compare?${query}`;
}

/** Whether two views are the same (as their fragments are). */
export function sameLocation(a: CompareLocation, b: CompareLocation): boolean {
  return compareHref(a) === compareHref(b);
}
