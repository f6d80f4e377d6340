import { useEffect, useState } from 'react';
import type { FilterProvenance } from '../../preload/contract';
import { invoke, on } from '../bridge/client';
import type { ProvenanceById } from './config-diff';

export interface ProvenanceState {
  byId: ProvenanceById;
  error: unknown;
}

const NONE: ProvenanceById = new Map();

/**
 * The provenance of the stored filters the chosen runs reuse (`filters:provenance`), asked for
 * once per change of the set of filter ids, and again when filters or label sets change (a
 * filter deleted, a set renamed or imported).
 */
export function useFilterProvenance(filterIds: readonly string[]): ProvenanceState {
  const key = [...new Set(filterIds)].sort().join(',');
  const [state, setState] = useState<ProvenanceState>({ byId: NONE, error: null });
  const [reloads, setReloads] = useState(0);

  useEffect(
    () =>
      on('store:changed', ({ what }) => {
        if (key !== '' && (what === 'filters' || what === 'labels')) setReloads((n) => n + 1);
      }),
    [key],
  );

  useEffect(() => {
    if (key === '') {
      setState({ byId: NONE, error: null });
      return;
    }
    let stale = false;
    invoke('filters:provenance', { filterIds: key.split(',') }).then(
      (list: FilterProvenance[]) => {
        if (!stale) setState({ byId: new Map(list.map((p) => [p.filterId, p])), error: null });
      },
      (error: unknown) => {
        if (!stale) setState((s) => ({ byId: s.byId, error }));
      },
    );
    return () => {
      stale = true;
    };
  }, [key, reloads]);

  return state;
}
