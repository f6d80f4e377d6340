import type { ContractionSettings } from './contraction';
import type { FilterWeights } from './types';

/**
 * The numerical side of training FilterNet (docs/experiments.md section 4), behind which tfjs
 * (tfjs-kernel.ts: CUDA, native TensorFlow, wasm or its pure-JS backend) and the fused float64
 * loops (fused-kernel.ts) sit. train.ts owns everything else (split, shuffles, epochs, early
 * stopping, cancellation), so both kernels train under exactly the same protocol.
 * Groups are referred to by their index in the array the kernel was made with.
 */
export interface TrainingKernel {
  /** One Adam step on L = L_cls + lambda L_contr + mu L_ess over a batch of groups. */
  step(batch: readonly number[]): void;
  /** Mean (L_cls, L_contr, L_ess) over the steps since the last call, measured before each step. */
  takeEpochLosses(): Promise<[number, number, number]>;
  /** Total loss, accuracy at 0.5 and the fraction of groups meeting the contraction condition. */
  evaluate(groups: readonly number[]): Promise<{ loss: number; accuracy: number; satisfied: number }>;
  readWeights(): Promise<FilterWeights>;
  /** Frees what the kernel holds (tensors); safe to call once, also after a failure. */
  dispose(): void;
}

/**
 * Loss settings both kernels read: lambda, mu, c, tau of section 4, the shape of c(e) and P of
 * V(e) = e' P e (seed 000 Assumption 2.3), and Adam's learning rate.
 */
export interface KernelSettings extends ContractionSettings {
  readonly P?: number | readonly number[];
  readonly lambda: number;
  readonly mu: number;
  readonly c: number;
  readonly tau: number;
  readonly hidden: number;
  readonly learningRate: number;
  readonly seed: number;
}
