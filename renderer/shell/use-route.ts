import { useCallback, useEffect, useState } from 'react';
import { pageTitle, parseRoute, routeHref, type PageId } from './routes';

/** The current page from the URL fragment, and a function that moves to another one. */
export function useRoute(): [PageId, (page: PageId) => void] {
  const [page, setPage] = useState<PageId>(() => parseRoute(window.location.hash));

  useEffect(() => {
    const onHashChange = (): void => setPage(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  useEffect(() => {
    document.title = `${pageTitle(page)} · Collapse Lab`;
  }, [page]);

  const navigate = useCallback((next: PageId) => {
    window.location.hash = routeHref(next);
    setPage(next);
  }, []);

  return [page, navigate];
}

/** The whole fragment, kept current: pages that keep state in the address (a run's page) read it. */
export function useHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onHashChange = (): void => setHash(window.location.hash);
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  return hash;
}
