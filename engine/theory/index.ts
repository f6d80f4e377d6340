import type { RunConfig } from '../config/types';
import { unreachable } from '../core/unreachable';
import { familyNumerics } from '../families/registry';
import { createMomentTheory } from './recursion';
import { createRegressionTheory, type RegressionTheory } from './regression';
import type { TheoryStepper } from './stepper';

/** What a run's closed forms predict for one generation: null where none applies. */
export interface GenerationTheory {
  /** E||theta_t - theta*||^2. */
  readonly errorMeanSq: number | null;
  /** Regression only: the excess test risk E||w_t - w0||^2_Sigma. */
  readonly testError: number | null;
}

/** A run's predictions, stepped in order t = 0, 1, 2, ... (each law carries its own state). */
export interface Theory {
  next(t: number): GenerationTheory;
}

const NO_THEORY: Theory = { next: () => ({ errorMeanSq: null, testError: null }) };

/**
 * The one entry to the closed forms: the family's theory (families/registry.ts) picks the moment
 * recursion (theory/recursion.ts, docs/experiments.md sections 1-5) or regression's laws
 * (theory/regression.ts, sections 5-6). Each is built and stepped once per generation.
 */
export function createTheory(config: Readonly<RunConfig>): Theory {
  const theory = familyNumerics(config).theory;
  switch (theory.kind) {
    case 'moments': {
      const moments = createMomentTheory(config, theory);
      return { next: (t) => ({ errorMeanSq: moments.next(t), testError: null }) };
    }
    case 'regression':
      return createRegressionTheory(config) satisfies RegressionTheory;
    case 'none':
      return NO_THEORY;
    default:
      return unreachable(theory);
  }
}

/** theory.errorMeanSq alone, for generations 0..T in order (createTheory). */
export function createErrorTheory(config: Readonly<RunConfig>): TheoryStepper {
  const theory = createTheory(config);
  return { next: (t) => theory.next(t).errorMeanSq };
}
