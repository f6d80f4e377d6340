import type { FilterInfo, FilterMetrics, FilterSettings, LabelSetInfo, LabelSetSource, RunSummary } from '../../preload/contract';
import type { GenerationSummary } from '../../engine';
import type { FilterSummary, LabelSetRecord, RunRecord } from '../store';
import { ServiceError } from './errors';

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
    note: r.note,
    tags: r.tags,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The store keeps a label set's source, a filter's settings and metrics as opaque JSON (a bundle
 * may bring any). These read them into the contract's types once, here, so the renderer gets
 * the real type or null and never parses them itself.
 */
export function labelSetSource(value: unknown): LabelSetSource | null {
  if (!isObject(value) || typeof value.family !== 'string') return null;
  const numbers = ['dim', 'sigma', 'n0', 'seed', 'generations', 'candidates', 'contamination'] as const;
  if (numbers.some((k) => !isNumber(value[k]))) return null;
  const truth = value.truth;
  if (!(truth === null || isNumber(truth) || (Array.isArray(truth) && truth.every(isNumber)))) return null;
  return value as unknown as LabelSetSource;
}

/** A stored set's source, or BAD_REQUEST when it is not one this Collapse Lab wrote. */
export function requireLabelSetSource(set: LabelSetRecord): LabelSetSource {
  const source = labelSetSource(set.source);
  if (!source) throw new ServiceError('BAD_REQUEST', `label set '${set.id}' has a source this version cannot read`);
  return source;
}

const SETTING_NUMBERS = ['lambda', 'mu', 'c', 'tau', 'hidden', 'epochs', 'learningRate', 'groupsPerBatch', 'heldOut', 'patience', 'seed'] as const;

export function filterSettings(value: unknown): FilterSettings | null {
  if (!isObject(value) || SETTING_NUMBERS.some((k) => !isNumber(value[k]))) return null;
  if (value.components !== undefined && !isNumber(value.components)) return null;
  return value as unknown as FilterSettings;
}

export function filterMetrics(value: unknown): FilterMetrics | null {
  if (!isObject(value)) return null;
  const { bestEpoch, epochsRun, stoppedEarly, heldOutAccuracy, heldOutContraction, explainedVariance } = value;
  if (![bestEpoch, epochsRun, heldOutAccuracy, heldOutContraction].every(isNumber) || typeof stoppedEarly !== 'boolean') return null;
  if (!Array.isArray(explainedVariance) || !explainedVariance.every(isNumber)) return null;
  return value as unknown as FilterMetrics;
}

export function toLabelSetInfo(s: LabelSetRecord): LabelSetInfo {
  return { id: s.id, name: s.name, kind: s.kind, labeler: s.labeler, source: labelSetSource(s.source), createdAt: s.createdAt, updatedAt: s.updatedAt, counts: s.counts };
}

export function toFilterInfo(f: FilterSummary): FilterInfo {
  return {
    id: f.id,
    name: f.name,
    status: f.status,
    labelSetId: f.labelSetId,
    backend: f.backend,
    settings: filterSettings(f.settings),
    metrics: filterMetrics(f.metrics),
    error: f.error,
    createdAt: f.createdAt,
  };
}

// The contract declares the states for the wire, the store for its CHECK constraints
// (store/statuses.ts): the compiler keeps the two the same.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const statusesAgree: [Same<RunRecord['status'], RunSummary['status']>, Same<FilterSummary['status'], FilterInfo['status']>, Same<LabelSetRecord['kind'], LabelSetInfo['kind']>] = [true, true, true];
void statusesAgree;
