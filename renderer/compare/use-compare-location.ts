import { useEffect, useRef } from 'react';
import { parseRoute } from '../shell/routes';
import { compareHref, parseCompareLocation, sameLocation, type CompareLocation } from './compare-location';

/** The Compare view the URL names now (what the page starts from). */
export function readCompareLocation(): CompareLocation {
  return parseCompareLocation(window.location.hash);
}

/**
 * Keeps the Compare view and the URL fragment in step (compare-location.ts). Every change of
 * the view replaces the history entry rather than adding one (ticking runs and switching axes
 * must not flood Back); an address typed or pasted into the tab, or Back and Forward, apply
 * theirs through `apply`.
 */
export function useCompareLocation(current: CompareLocation, apply: (location: CompareLocation) => void): void {
  const href = compareHref(current);
  const currentRef = useRef(current);
  currentRef.current = current;
  const applyRef = useRef(apply);
  applyRef.current = apply;

  useEffect(() => {
    // Only while the fragment is Compare's: leaving the page must not write it back.
    if (parseRoute(window.location.hash) !== 'compare' || window.location.hash === href) return;
    window.history.replaceState(window.history.state, '', href);
  }, [href]);

  useEffect(() => {
    const onHashChange = (): void => {
      if (parseRoute(window.location.hash) !== 'compare') return;
      const next = parseCompareLocation(window.location.hash);
      if (!sameLocation(next, currentRef.current)) applyRef.current(next);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
}
