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
