/**
 * The app's pages and their addresses. Routing is plain state kept in the URL's fragment
 * (`#/runs`), so a reload stays on the page and the browser mode's `?token=` is left alone.
 */
export const PAGES = [
  { id: 'runs', title: 'Runs' },
  { id: 'new-run', title: 'New run' },
  { id: 'label', title: 'Label' },
  { id: 'train', title: 'Train' },
  { id: 'compare', title: 'Compare' },
] as const;

export type PageId = (typeof PAGES)[number]['id'];

export const DEFAULT_PAGE: PageId = 'runs';

/** The page a fragment names (`#/new-run`, `#new-run`), or the default page. */
export function parseRoute(hash: string): PageId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return PAGES.find((p) => p.id === id)?.id ?? DEFAULT_PAGE;
}

/** The fragment link of a page. */
export function routeHref(page: PageId): string {
  return `#/${page}`;
}

export function pageTitle(page: PageId): string {
  return PAGES.find((p) => p.id === page)!.title;
}

/**
 * A run's own page, `#/runs/RUN_ID?view-state` (issue 18, item 1): the run id, and the query
 * after it (the page's view state, run-page/run-location.ts). null for any other address.
 */
export function parseRunRoute(hash: string): { runId: string; query: string } | null {
  const match = /^#\/?runs\/([^/?#]+)(?:\?(.*))?$/.exec(hash);
  if (!match) return null;
  try {
    return { runId: decodeURIComponent(match[1]), query: match[2] ?? '' };
  } catch {
    return null; // a malformed escape is no run id: the list is shown instead
  }
}

/** The link of a run's page, with its view state's query when there is one. */
export function runHref(runId: string, query = ''): string {
  return `#/runs/${encodeURIComponent(runId)}${query ? `?${query}` : ''}`;
}
