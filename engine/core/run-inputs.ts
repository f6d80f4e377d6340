import type { DigitSet } from '../data/mnist';

/**
 * Real data a run computes on, read by the host (main/engine-host/run-inputs.ts) and passed in:
 * the engine reads no files. Which a family needs is its `needs` in config/family-specs.ts.
 */
export interface RunInputs {
  readonly mnist?: { readonly train: DigitSet; readonly test: DigitSet };
}
