import { availableParallelism } from 'node:os';
import { sampleSizeAt, type RunConfig } from '../../engine';
import { runParallel } from '../engine-host';
import { inThreadSimulator, type Simulator } from '../services';
import { UsageError } from './io';

/** Below this many sampled values a run finishes before worker threads would have started. */
const PARALLEL_WORK_THRESHOLD = 2e7;

/** Sampled values a run draws: R * d * sum_t n_t. */
export function runWork(config: Readonly<RunConfig>): number {
  let n = 0;
  for (let t = 0; t <= config.generations; t++) n += sampleSizeAt(config.sampleSize, t);
  return n * config.replicates * config.model.dim;
}

/**
 * `--threads N|auto`: N worker threads split the replicates (results are identical for every
 * N); `auto` (the default) uses every core when the run is large enough to gain from it.
 */
export function threadsFor(option: string | undefined, config: Readonly<RunConfig>): number {
  if (option === undefined || option === 'auto') {
    return runWork(config) >= PARALLEL_WORK_THRESHOLD ? Math.min(availableParallelism(), config.replicates) : 1;
  }
  const n = Number(option);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new UsageError(`threads: expected a positive integer up to 256 or auto, got "${option}"`);
  return n;
}

/** The simulator for N threads: in this thread for 1, worker threads otherwise. */
export function simulatorFor(threads: number, signal: AbortSignal | undefined): Simulator {
  if (threads <= 1) return inThreadSimulator;
  return (config, options) => runParallel(config, { threads, onGeneration: options.onGeneration, filterModel: options.filterModel, signal });
}
