/**
 * What the config layer knows of each family, one entry per name of FAMILIES: its default truth,
 * the range theta* must lie in, the filters and estimates defined for it, whether its candidates
 * can be labelled, and which block advances it. The numbers it computes with (samplers, fits,
 * theory) are in engine/families/registry.ts, keyed by the same names. Pure data: the field table,
 * validation and defaults read it without loading any numerics.
 */
import type { Estimate, Family, FilterKind } from './names';

/** Largest |theta*| a config may ask for: squared errors of up to 4096 coordinates stay finite. */
export const MAX_TRUTH = 1e150;

export interface TruthRule {
  readonly ok: (v: number) => boolean;
  /** Completes "expected ... for FAMILY". */
  readonly what: string;
}

export interface FamilyConfigSpec {
  readonly label: string;
  /** theta* per coordinate when `model.truth` is absent: a value well inside the family's range. */
  readonly defaultTruth: (dim: number) => number;
  /** Checked on every coordinate of theta*, in order; each failing rule is one issue. */
  readonly truthRules: readonly TruthRule[];
  /** The filter kinds defined for the family (validation refuses the others). */
  readonly filters: readonly FilterKind[];
  /** The values of `model.estimate` the family fits. */
  readonly estimates: readonly Estimate[];
  /** Whether its candidates can be labelled by a person or the machine rule (a label set). */
  readonly labelable: boolean;
  /** The generation block that advances it: a sampling kernel per replicate, or regression's, the mixture's or kernel ridge's own. */
  readonly block: 'replicate' | 'regression' | 'mixture' | 'kernel-ridge';
  /** Why a filter kind outside `filters` is refused, when there is more to say than that it is not defined. */
  readonly refusals?: Partial<Readonly<Record<FilterKind, string>>>;
  /** Real data the host must hand the engine (RunInputs, engine/core/run-inputs.ts); absent: none. */
  readonly needs?: 'mnist';
}

// A truth beyond 1e150 has a squared error (or, for a rate below 1e-150, a mean 1/rate and
// a variance) that overflows a double at generation 0: refused instead of failing there.
const FINITE_ERRORS: TruthRule = { ok: (v) => Math.abs(v) <= MAX_TRUTH, what: `values of magnitude at most ${MAX_TRUTH} (their squared errors must fit in a double)` };
const POSITIVE_RATES: TruthRule = { ok: (v) => v > 0, what: 'positive rates' };

export const FAMILY_SPECS: { readonly [K in Family]: FamilyConfigSpec } = {
  gaussian: {
    label: 'Gaussian',
    defaultTruth: () => 0,
    truthRules: [FINITE_ERRORS],
    filters: ['none', 'oracle', 'neural', 'verifier'],
    estimates: ['mean', 'mean-cov'],
    labelable: true,
    block: 'replicate',
  },
  poisson: {
    label: 'Poisson',
    defaultTruth: () => 4,
    truthRules: [POSITIVE_RATES, FINITE_ERRORS],
    filters: ['none', 'oracle', 'neural'],
    estimates: ['mean'],
    labelable: true,
    block: 'replicate',
  },
  bernoulli: {
    label: 'Bernoulli',
    defaultTruth: () => 0.3,
    truthRules: [{ ok: (v) => v > 0 && v < 1, what: 'probabilities strictly between 0 and 1' }, FINITE_ERRORS],
    filters: ['none', 'oracle', 'neural'],
    estimates: ['mean'],
    labelable: true,
    block: 'replicate',
  },
  exponential: {
    label: 'Exponential',
    defaultTruth: () => 1,
    truthRules: [
      POSITIVE_RATES,
      FINITE_ERRORS,
      { ok: (v) => !(v > 0) || v >= 1 / MAX_TRUTH, what: `rates of at least ${1 / MAX_TRUTH} (the mean 1/rate and its square must fit in a double)` },
    ],
    filters: ['none', 'oracle', 'neural'],
    estimates: ['mean'],
    labelable: true,
    block: 'replicate',
  },
  'linear-regression': {
    label: 'Linear regression',
    // w0 = 1/sqrt(d) per coordinate, so ||w0|| = 1.
    defaultTruth: (dim) => 1 / Math.sqrt(dim),
    truthRules: [FINITE_ERRORS],
    filters: ['none', 'verifier'],
    estimates: ['mean'],
    labelable: false,
    block: 'regression',
  },
  'gaussian-mixture': {
    label: 'Gaussian mixture',
    // The truth is model.weights, model.means and model.covariances (or a generator, model.dataset);
    // model.truth is refused for it (engine/mixture/mixture-checks.ts).
    defaultTruth: () => 0,
    truthRules: [FINITE_ERRORS],
    filters: ['none', 'oracle', 'verifier'],
    estimates: ['mean'],
    labelable: false,
    block: 'mixture',
    refusals: {
      neural: 'the neural filter is trained on labelled candidates, and gaussian-mixture candidates have no labeller yet (no machine rule, no label sets)',
    },
  },
  'kernel-ridge': {
    label: 'Kernel ridge on MNIST',
    // The truth is the digits' own labels (parity), not a parameter: theta* is unused.
    defaultTruth: () => 0,
    truthRules: [FINITE_ERRORS],
    filters: ['none'],
    estimates: ['mean'],
    labelable: false,
    block: 'kernel-ridge',
    needs: 'mnist',
  },
};
