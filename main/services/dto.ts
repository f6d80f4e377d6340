import type { FilterInfo, LabelSetInfo, RunSummary } from '../../preload/contract';
import type { GenerationSummary } from '../../engine';
import type { FilterSummary, LabelSetRecord, RunRecord } from '../store';

/** The contract's view of a stored run (what lists and events carry). */
export function toRunSummary(r: RunRecord, last?: GenerationSummary): RunSummary {
  return {
    id: r.id,
    name: r.name,
    preset: r.preset,
    status: r.status,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
    error: r.error,
    generationsDone: r.generationsDone,
    generationsTotal: r.generationsTotal,
    engine: r.engine,
    filterId: r.filterId,
    finalError: last ? { mean: last.error.mean, rms: last.error.rms, median: last.error.median } : null,
    sweepId: r.sweepId,
    sweepPoint: r.sweepPoint,
  };
}

export function toLabelSetInfo(s: LabelSetRecord): LabelSetInfo {
  return { id: s.id, name: s.name, kind: s.kind, labeler: s.labeler, source: s.source, createdAt: s.createdAt, updatedAt: s.updatedAt, counts: s.counts };
}

export function toFilterInfo(f: FilterSummary): FilterInfo {
  return { id: f.id, name: f.name, status: f.status, labelSetId: f.labelSetId, backend: f.backend, settings: f.settings, metrics: f.metrics, error: f.error, createdAt: f.createdAt };
}
