import { autoThreads, workerSimulator, type Simulator } from '../services';
import type { RunConfig } from '../../engine';
import { UsageError } from './io';

/**
 * `--threads N|auto`: N worker threads split the replicates (results are identical for every
 * N); `auto` (the default) uses every core when the run is large enough to gain from it, and
 * this thread otherwise (a short run is over before a worker would have started).
 */
export function threadsFor(option: string | undefined, config: Readonly<RunConfig>): number {
  if (option === undefined || option === 'auto') return autoThreads(config);
  const n = Number(option);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new UsageError(`threads: expected a positive integer up to 256 or auto, got "${option}"`);
  return n;
}

/** The simulator for N threads: this thread for 1, worker threads otherwise. */
export function simulatorFor(threads: number): Simulator {
  return workerSimulator(threads <= 1 ? 0 : threads);
}
