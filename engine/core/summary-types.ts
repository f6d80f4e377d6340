/**
 * Per-generation summaries across replicates, shaped exactly as the `generations` entries of
 * docs/cli.md's export document. Every number is finite or null (JSON has no NaN).
 */
export interface ErrorSummary {
  mean: number;
  rms: number;
  median: number;
  q25: number;
  q75: number;
}

export interface GenerationSummary {
  t: number;
  /** n_t: real samples at t = 0, synthetic candidates (before any filter) at t >= 1. */
  sampleSize: number;
  /** ||theta_t - theta*||_2 across replicates. */
  error: ErrorSummary;
  /** Mean per-dimension variance of the fitted model, across replicates; null if it has none. */
  diversity: { mean: number; median: number } | null;
  /** Mean fraction (or mean weight) of candidates a filter kept; 1 without a filter. */
  kept: { mean: number };
  /** Excess test risk for regression experiments; null otherwise. */
  testError: { mean: number } | null;
  /**
   * Closed-form predictions where docs/experiments.md gives one. Neural runs' exports add
   * `contractionBound`: seed 000's B_t = (1 - c_t) B_{t-1} + noise_t (theory/contraction-bound.ts),
   * computed from the stored generations when exported.
   */
  theory: { errorMeanSq: number | null; testError: number | null; contractionBound?: number | null };
  /**
   * Neural filter runs only: the per-replicate contraction ratio V(e_t) / V(e_{t-1})
   * (docs/experiments.md section 4), as its median and geometric mean across replicates (the
   * arithmetic mean of ratios is dominated by replicates whose previous error was tiny).
   */
  contraction?: {
    median: number | null;
    geometricMean: number;
    /**
     * t >= 1: the least-squares slope of ||e_t||^2 on ||e_{t-1}||^2 across replicates, the
     * measured 1 - c_t of seed 000's condition in conditional expectation,
     * E[V_t | V_{t-1}] = (1 - c_t) V_{t-1} + noise_t (the ratio's noise sits in the intercept);
     * absent at t = 0 and where the previous errors do not vary.
     */
    slope?: number;
  };
  /**
   * `record.paths` = K only: the parameter vectors of replicates 0..K-1 at this generation
   * (docs/cli.md, the export's `paths`, which gathers them per replicate).
   */
  paths?: number[][];
  /** gaussian-mixture runs only (docs/cli.md, the export's `mixture`). */
  mixture?: MixtureSummary;
}

/** A gaussian-mixture generation across replicates (engine/mixture/evaluation.ts defines each number). */
export interface MixtureSummary {
  /** KL(p* || p_hat) on the fixed evaluation sample, or the cross-entropy -E* log p_hat where the truth has no density. */
  distance: { kind: 'kl' | 'cross-entropy'; mean: number; se: number; mcSe: number };
  /** Mean share of the fit's mass beyond the truth's 99% region (0.01 at the truth). */
  tails: { mean: number };
  /** Mean over replicates of the smallest live component weight. */
  minWeight: { mean: number };
  /** Mean live components (below K once components are dropped). */
  components: { mean: number };
  /** Components re-seeded this generation, summed over replicates. */
  reseeded: number;
}
