import { trainingSettings, type FilterModel, type RunConfig } from '../../engine';
import type { ReadableRunStore } from '../store';
import { ServiceError } from './errors';

/** A stored filter that a run may reuse by `filter.id`. */
export interface ReusedFilter {
  readonly id: string;
  readonly model: FilterModel;
  readonly backend: string;
}

/**
 * Checks a neural run's `filter.id` before anything is written: the filter must exist, be ready
 * and have been trained for the run's family and dimension. Returns null for runs that train
 * their filter inline (or are not neural).
 */
export function resolveReusedFilter(store: ReadableRunStore, config: Readonly<RunConfig>): ReusedFilter | null {
  if (config.filter.kind !== 'neural' || config.filter.id === undefined) return null;
  const id = config.filter.id;
  const filter = store.getFilter(id);
  if (!filter) throw new ServiceError('INVALID_CONFIG', `filter.id: no filter '${id}' in ${store.file} (see \`filters\`)`);
  if (filter.status !== 'ready') throw new ServiceError('INVALID_CONFIG', `filter.id: filter '${id}' is ${filter.status}, not ready`);
  const model = filter.model as FilterModel;
  if (model.family !== config.model.family || model.dim !== config.model.dim) {
    throw new ServiceError('INVALID_CONFIG', `filter.id: filter '${id}' was trained for ${model.family} d = ${model.dim}; the run is ${config.model.family} d = ${config.model.dim}`);
  }
  return { id, model, backend: filter.backend };
}

/** Name of the filter a run trains inline. */
export function inlineFilterName(config: Readonly<RunConfig>): string {
  const s = trainingSettings(config);
  return `${config.name}: lambda ${s.lambda}, c ${s.c}, ${s.hidden} hidden`;
}
