/**
 * Shapes of the contraction-conditioned neural filter (docs/experiments.md section 4): labelled
 * candidate groups, training settings, the per-epoch history and the trained, serialisable model.
 */
import type { ContractionShape } from '../config/names';

/** One label generation: candidates drawn around `estimate`, each labelled good (1) or bad (0). */
export interface LabelGroup {
  readonly generation: number;
  /** The estimate the candidates were drawn around (the mean parameter, d numbers). */
  readonly estimate: readonly number[];
  readonly dim: number;
  /** count x dim, row-major. */
  readonly candidates: Float64Array;
  /** Per candidate: 1 good, 0 bad, -1 unlabelled (ignored in training). */
  readonly labels: Int8Array;
  /**
   * theta_ref given outright (online updates, online.ts: the generation-0 estimate, a held-out
   * real sample's mean, or the truth) instead of the MLE on the good candidates.
   */
  readonly reference?: readonly number[];
}

/** How machine labels are made: K label generations of N candidates, a contaminated share bad. */
export interface LabelingSettings {
  /** K: label generations (default 20). */
  generations: number;
  /** N: candidates per generation (default 1000). */
  candidates: number;
  /** Fraction labelled bad: the farthest from the truth by log-likelihood (default 0.3). */
  contamination: number;
}

/** Training settings; defaults in `DEFAULT_TRAINING` follow docs/experiments.md section 4. */
export interface TrainingSettings {
  /** lambda: weight of the contraction hinge L_contr. */
  lambda: number;
  /** mu: weight of the effective-sample-size penalty L_ess. */
  mu: number;
  /** c: required contraction, V(e_w) <= (1 - c) V(e_0). */
  c: number;
  /**
   * P of V(e) = e' P e (seed 000 Assumption 2.3), symmetric positive definite: one number (p I),
   * d numbers (diagonal) or d x d numbers (row-major). Absent: the identity.
   */
  P?: number | number[];
  /** c(e): `constant` (c), `linear` min(cMax, cScale V(e)) or `power` min(cMax, cScale V(e)^cPower). Absent: constant. */
  contraction?: ContractionShape;
  /** c_max, the cap of a state-dependent c(e) (default 0.5). */
  cMax?: number;
  /** a, the slope of a state-dependent c(e) (default 1). */
  cScale?: number;
  /** p, the exponent of the `power` shape (default 1). */
  cPower?: number;
  /** tau: minimum ESS / N before L_ess bites. */
  tau: number;
  /** Hidden ReLU units. */
  hidden: number;
  /** PCA components k (default min(d, 8)). */
  components?: number;
  epochs: number;
  learningRate: number;
  /** Label groups per optimisation step. */
  groupsPerBatch: number;
  /** Fraction of groups held out for early stopping and the reported metrics. */
  heldOut: number;
  /** Epochs without a held-out improvement before stopping (0 = never stop early). */
  patience: number;
  /** Seeds the initialisation, the held-out split and the batch order. */
  seed: number;
}

/** One epoch of training history, exactly the contract's `training` entry. */
export interface EpochRecord {
  epoch: number;
  /** Mean L_cls over the epoch's training batches. */
  clsLoss: number;
  /** Mean L_contr over the epoch's training batches. */
  contrLoss: number;
  /** Mean L_ess over the epoch's training batches. */
  essLoss: number;
  /** Held-out accuracy at threshold 0.5. */
  accuracy: number;
  /** Fraction of held-out groups with V(e_w) <= (1 - c(e_0)) V(e_0). */
  contractionSatisfied: number;
}

/** Standardisation then PCA, fitted once on the labelled pool and applied unchanged afterwards. */
export interface FeatureMap {
  readonly dim: number;
  readonly mean: readonly number[];
  readonly std: readonly number[];
  /** k x dim rows: the principal directions in standardised space, signs aligned. */
  readonly components: readonly (readonly number[])[];
  /** Fraction of variance each kept component explains. */
  readonly explainedVariance: readonly number[];
}

/** A trained FilterNet as plain numbers: k -> hidden ReLU -> 1 sigmoid. */
export interface FilterWeights {
  /** k x hidden, row-major. */
  readonly w1: readonly number[];
  readonly b1: readonly number[];
  /** hidden. */
  readonly w2: readonly number[];
  readonly b2: number;
  readonly inputs: number;
  readonly hidden: number;
}

/** What a stored filter holds: enough to reproduce its weights on any candidate. */
export interface FilterModel {
  readonly features: FeatureMap;
  readonly weights: FilterWeights;
  /** The family and dimension it was trained for; a run must match them. */
  readonly family: string;
  readonly dim: number;
}

export interface TrainingResult {
  readonly model: FilterModel;
  readonly history: readonly EpochRecord[];
  /** The epoch whose weights were kept (best held-out loss). */
  readonly bestEpoch: number;
  readonly heldOutAccuracy: number;
  readonly heldOutContraction: number;
  readonly stoppedEarly: boolean;
}
