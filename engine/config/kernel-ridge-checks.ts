import type { ConfigIssue } from './errors';
import { MAX_REPLICATE_STATE } from './limits';
import type { RunConfig } from './types';
import { MNIST_DIGITS } from '../data/mnist';
import { KERNEL_RIDGE_DEFAULTS } from '../kernel-ridge/settings';

/**
 * Most points of one exact kernel solve: a T x T factor of 4000 is 128 MB and ~2e10 flops
 * (tens of seconds in one thread), the size seed 004's Figure 5 needs on one machine.
 */
export const MAX_KERNEL_POINTS = 4000;

/** What a kernel-ridge config must satisfy beyond its fields' ranges (engine/kernel-ridge/block.ts). */
export function kernelRidgeIssues(c: RunConfig): ConfigIssue[] {
  if (c.model.family !== 'kernel-ridge') return [];
  const issues: ConfigIssue[] = [];
  const s = c.sampleSize;
  if (c.data.mode !== 'replace') issues.push({ path: 'data.mode', message: `kernel-ridge re-fakes labels on fresh digits each generation (replace); got '${c.data.mode}'` });
  if (s.schedule !== 'constant' || s.initial !== undefined) issues.push({ path: 'sampleSize.schedule', message: 'kernel-ridge fits every faker on T0 = sampleSize.n0 digits: a constant schedule, no initial' });
  if (s.final === undefined) issues.push({ path: 'sampleSize.final', message: "required for kernel-ridge: T, the final fit's digits" });
  for (const [path, v] of [['sampleSize.n0', s.n0], ['sampleSize.final', s.final ?? 0]] as const) {
    if (v > MAX_KERNEL_POINTS) issues.push({ path, message: `an exact kernel solve on ${v} points; the limit is ${MAX_KERNEL_POINTS}` });
  }
  if (issues.length > 0) return issues;
  const T = s.final!;
  const need = T + c.generations * s.n0;
  if (need > MNIST_DIGITS.train) {
    issues.push({ path: 'generations', message: `${c.generations} fakers of ${s.n0} digits and a final fit of ${T} need ${need} distinct training digits; MNIST has ${MNIST_DIGITS.train}` });
  }
  // Each replicate keeps its factor, its final-to-test kernel, its pixels and its draw of the pool.
  const m = c.model.testDigits ?? KERNEL_RIDGE_DEFAULTS.testDigits;
  const state = c.replicates * (T * T + T * m + (T + s.n0) * 784 + MNIST_DIGITS.train / 2);
  if (state > MAX_REPLICATE_STATE) {
    issues.push({ path: 'replicates', message: `${c.replicates} replicates of kernel ridge on ${T} digits hold ${state} numbers; the limit is ${MAX_REPLICATE_STATE}` });
  }
  return issues;
}
