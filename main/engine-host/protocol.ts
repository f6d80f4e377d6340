import type { MessagePort } from 'node:worker_threads';
import type { EpochRecord, FilterModel, LabelGroup, RunConfig, TrainingResult, TrainingSettings } from '../../engine';
import type { BackendName } from './tf-backend';

/**
 * The messages between the host and its worker threads: a discriminated union each way, plain
 * data and transferable buffers only (the Signal Desktop pattern from style.md).
 */
export type ToWorker =
  | {
      type: 'train';
      groups: LabelGroup[];
      family: string;
      settings: TrainingSettings;
      prefer?: BackendName;
      /** Int32Array over a SharedArrayBuffer: 1 once the host wants the training stopped. */
      abort: SharedArrayBuffer;
    }
  | {
  type: 'block';
  config: RunConfig;
  first: number;
  count: number;
  filterModel?: FilterModel;
  /** Int32Array over a SharedArrayBuffer: batches the worker may still send before it waits. */
  credits: SharedArrayBuffer;
  /** Longest the worker computes before sending what it has (ms). */
  batchMs: number;
  /** Where the host sends a merged batch's buffers back for reuse ({ buffers: ArrayBuffer[] }). */
  recycle: MessagePort;
};

/**
 * Generations [t0, t0 + n) of one block: per-replicate arrays, generation-major (rows of count);
 * the arrays may hold more rows than n (a reused batch), of which the first n are this batch's.
 */
export interface RawBatch {
  type: 'raw';
  t0: number;
  n: number;
  sampleSizes: Float64Array;
  errSq: Float64Array;
  diversity: Float64Array;
  kept: Float64Array;
  contraction: Float64Array | null;
  testErr: Float64Array | null;
  /** gaussian-mixture: MIXTURE_STRIDE numbers per replicate and generation; else null. */
  mixture: Float64Array | null;
  /** record.paths: `pathsLength` numbers per generation (the block's recorded replicates x `pathSize`); else null. */
  paths: Float64Array | null;
  pathsLength: number;
  pathSize: number;
  hasDiversity: boolean;
}

export type FromWorker =
  | RawBatch
  | { type: 'epoch'; record: EpochRecord }
  | { type: 'trained'; result: TrainingResult }
  | { type: 'done' }
  | { type: 'failed'; name: string; message: string; generation: number | null };
