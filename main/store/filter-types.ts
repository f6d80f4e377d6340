import type { EpochRecord } from '../../engine/neural/types';
export type { FilterStatus } from './statuses';
import type { FilterStatus } from './statuses';
/** The states a filter can be finished in (recovery also uses 'interrupted'). */
export type FinalFilterStatus = Exclude<FilterStatus, 'training'>;

export interface NewFilterInput {
  name: string;
  /** The label set it is trained on; null when it has none (or it was deleted since). */
  labelSetId: string | null;
  /** What training was asked to do (network, loss weights, epochs, ...); opaque to the store. */
  settings: unknown;
  backend: string;
}

/** A stored filter without its model: what listings need, small enough to send to a window. */
export interface FilterSummary {
  id: string;
  name: string;
  labelSetId: string | null;
  settings: unknown;
  backend: string;
  /** `{}` until training finishes with metrics. */
  metrics: unknown;
  status: FilterStatus;
  error: string | null;
  /** ISO 8601 UTC with milliseconds. */
  createdAt: string;
  finishedAt: string | null;
}

export interface FilterRecord extends FilterSummary {
  /** Weights, standardisation, PCA; opaque to the store. `{}` until the filter is ready. */
  model: unknown;
}

export interface FilterResult {
  /** Required for 'ready'; when absent the stored model is kept. */
  model?: unknown;
  /** When absent the stored metrics are kept. */
  metrics?: unknown;
  error?: string | null;
}

/** One epoch of training history: the engine's EpochRecord, exactly an entry of the export document's `training`. */
export type TrainingEpochRow = EpochRecord;
