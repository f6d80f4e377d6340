import type { CompareSeries, RunSummary } from '../../preload/contract';
import { toRunColumns, type RunColumns } from '../../renderer/compare/run-columns';

type Generation = CompareSeries['generations'][number];

export function summary(id: string, over: Partial<RunSummary> = {}): RunSummary {
  return {
    id,
    name: id,
    preset: 'xu-fixed-n',
    status: 'completed',
    createdAt: '2026-11-21T20:00:00.000Z',
    finishedAt: '2026-11-21T20:00:01.000Z',
    error: null,
    generationsDone: 4,
    generationsTotal: 4,
    engine: { version: '0.1.0', backend: 'js' },
    filterId: null,
    finalError: null,
    sweepId: null,
    sweepPoint: null,
    note: null,
    tags: [],
    ...over,
  };
}

/** A generation whose error quartiles are (q25, median, q75) = (e - 1, e, e + 1), rms = e. */
export function generation(t: number, e: number, over: Partial<Generation> = {}): Generation {
  return {
    t,
    sampleSize: 10,
    error: { mean: e, rms: e, median: e, q25: e - 1, q75: e + 1 },
    diversity: { mean: 1, median: 1 },
    kept: { mean: 1 },
    testError: null,
    theory: { errorMeanSq: e * e, testError: null },
    ...over,
  };
}

export function series(id: string, errors: readonly number[], config: unknown = {}, over: (t: number) => Partial<Generation> = () => ({})): CompareSeries {
  return {
    run: summary(id, { generationsDone: errors.length, generationsTotal: errors.length }),
    config: config as CompareSeries['config'],
    generations: errors.map((e, t) => generation(t, e, over(t))),
  };
}

export function columns(id: string, errors: readonly number[], config: unknown = {}, over?: (t: number) => Partial<Generation>): RunColumns {
  return toRunColumns(series(id, errors, config, over));
}

export const style = (id: string, slot = 0, baseline = false) => ({ id, label: `run ${id}`, color: '#4e79a7', slot, baseline });
