import type { FilterProvenance } from '../../preload/contract';
import type { ReadableRunStore } from '../store';
import { ServiceError } from './errors';

/**
 * `filters:provenance`: for each filter id (in the order asked, duplicates answered once), the
 * stored filter and the label set it was trained on, read in one snapshot. Ids of filters no
 * longer stored, and sets no longer stored, answer null rather than failing the request: a run
 * keeps its `filter.id` after the filter is gone.
 */
export function filterProvenance(store: ReadableRunStore, filterIds: readonly string[]): FilterProvenance[] {
  // The WebSocket carries whatever a page sends: the ids are checked, not trusted.
  if (!Array.isArray(filterIds) || !filterIds.every((id) => typeof id === 'string')) {
    throw new ServiceError('BAD_REQUEST', 'filterIds: expected an array of filter ids');
  }
  return store.snapshot((s) => {
    const filters = new Map(s.listFilters().map((f) => [f.id, f]));
    return [...new Set(filterIds)].map((filterId): FilterProvenance => {
      const f = filters.get(filterId);
      if (!f) return { filterId, filter: null, labelSet: null };
      const set = f.labelSetId === null ? undefined : s.getLabelSet(f.labelSetId);
      const { groups, candidates, labelled, good } = set?.counts ?? { groups: 0, candidates: 0, labelled: 0, good: 0 };
      return {
        filterId,
        filter: { name: f.name, status: f.status, labelSetId: f.labelSetId, createdAt: f.createdAt },
        labelSet: set
          ? {
              id: set.id,
              name: set.name,
              kind: set.kind,
              labeler: set.labeler,
              generations: groups,
              // Every generation of a set has the same number of candidates (createLabelSet).
              candidatesPerGeneration: groups > 0 ? Math.round(candidates / groups) : 0,
              labelled,
              good,
            }
          : null,
      };
    });
  });
}
