import type { ReadableRunStore } from '../../store';
import { ServiceError } from '../errors';
import { fitDisplayPlane, project, type DisplayPlane } from '../label-view';

export interface PlaneOfSet {
  plane: DisplayPlane;
  range: { x: [number, number]; y: [number, number] };
}

/** The plane's extent along one axis, padded by 5% (1 when the points do not spread). */
function extent(v: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of v) {
    if (a < lo) lo = a;
    if (a > hi) hi = a;
  }
  const pad = (hi - lo) * 0.05 || 1;
  return [lo - pad, hi + pad];
}

/**
 * A label set's display plane and extent, fitted once on its whole pool and cached, shared by
 * `labels:candidates` and `filters:heatmap` so both draw the set in the same plane.
 */
export class LabelPlanes {
  private readonly planes = new Map<string, PlaneOfSet>();

  constructor(private readonly store: ReadableRunStore) {}

  of(labelSetId: string): PlaneOfSet {
    const cached = this.planes.get(labelSetId);
    if (cached) return cached;
    const gens = this.store.getLabelGenerations(labelSetId);
    if (gens.length === 0) throw new ServiceError('BAD_REQUEST', `no label set '${labelSetId}'`);
    const groups = gens.map((g) => this.store.getLabelGroup(labelSetId, g)!);
    const dim = groups[0].dim;
    const pool = new Float64Array(groups.reduce((n, g) => n + g.candidates.length, 0));
    let offset = 0;
    for (const g of groups) {
      pool.set(g.candidates, offset);
      offset += g.candidates.length;
    }
    const plane = fitDisplayPlane(pool, dim);
    const p = project(plane, pool, pool.length / dim);
    const entry = { plane, range: { x: extent(p.x), y: extent(p.y) } };
    this.planes.set(labelSetId, entry);
    return entry;
  }
}
