/**
 * The registry of config fields: one table drives validation, `--set` path checking and (later)
 * the New-run form, so the three can never disagree about what a field is called or accepts.
 */
import { closestName } from './closest-name';

export type FieldKind = 'string' | 'integer' | 'number' | 'enum' | 'numberOrArray' | 'boolean';

export interface FieldSpec {
  readonly path: string;
  readonly kind: FieldKind;
  readonly doc: string;
  readonly values?: readonly string[];
  /** Inclusive lower bound. */
  readonly min?: number;
  /** Exclusive lower bound (for "positive"). */
  readonly above?: number;
  /** Inclusive upper bound. */
  readonly max?: number;
  /** May be absent after defaults are applied. */
  readonly optional?: boolean;
}

export const CONFIG_FIELDS: readonly FieldSpec[] = [
  { path: 'name', kind: 'string', doc: 'free text' },
  { path: 'preset', kind: 'string', optional: true, doc: 'the preset this config started from' },
  { path: 'seed', kind: 'integer', min: 0, max: Number.MAX_SAFE_INTEGER, doc: 'same config and seed give the same numbers' },
  { path: 'replicates', kind: 'integer', min: 1, max: 1_000_000, doc: 'independent chains run side by side (R)' },
  { path: 'generations', kind: 'integer', min: 0, max: 10_000_000, doc: 'last generation index T' },
  { path: 'model.family', kind: 'enum', values: ['gaussian', 'poisson', 'bernoulli', 'exponential', 'linear-regression'], doc: 'model family' },
  { path: 'model.dim', kind: 'integer', min: 1, max: 4096, doc: 'dimension d' },
  { path: 'model.estimate', kind: 'enum', values: ['mean', 'mean-cov'], doc: 'gaussian: mean only, or mean and covariance' },
  { path: 'model.estimator', kind: 'enum', values: ['mle', 'unbiased'], doc: 'covariance divisor n or n - 1' },
  { path: 'model.sigma', kind: 'number', above: 0, max: 1e150, doc: 'gaussian: true standard deviation' },
  { path: 'model.truth', kind: 'numberOrArray', optional: true, doc: 'true parameter per coordinate' },
  { path: 'model.noise', kind: 'number', optional: true, min: 0, max: 1e6, doc: 'regression: std of the real labels\' noise sigma' },
  { path: 'model.syntheticNoise', kind: 'number', optional: true, min: 0, max: 1e6, doc: 'regression: std of the synthetic labels\' noise sigma_0' },
  { path: 'model.ridge', kind: 'number', optional: true, min: 0, max: 1e6, doc: 'regression: ridge penalty lambda (0 = OLS)' },
  { path: 'model.ridgeExponent', kind: 'number', optional: true, min: 0, max: 10, doc: 'regression: adaptive ridge lambda = n^-l' },
  { path: 'model.spectrum', kind: 'enum', values: ['identity', 'power'], optional: true, doc: 'regression: design covariance' },
  { path: 'model.spectrumExponent', kind: 'number', optional: true, min: 0, max: 10, doc: 'regression: beta of lambda_j = j^-beta' },
  { path: 'sampleSize.schedule', kind: 'enum', values: ['constant', 'sqrt', 'linear', 'power'], doc: 'n_t schedule' },
  { path: 'sampleSize.n0', kind: 'integer', min: 1, max: 100_000_000, doc: 'base sample size' },
  { path: 'sampleSize.power', kind: 'number', optional: true, min: 0, max: 10, doc: "exponent p for 'power'" },
  { path: 'sampleSize.initial', kind: 'integer', optional: true, min: 1, max: 100_000_000, doc: 'real samples at t = 0' },
  { path: 'sampleSize.final', kind: 'integer', optional: true, min: 1, max: 100_000_000, doc: 'regression: T pairs of a final fit on each generation\'s labels (seed 004, figure 4)' },
  { path: 'data.mode', kind: 'enum', values: ['replace', 'accumulate', 'fresh'], doc: 'which data each fit uses' },
  { path: 'data.realPerGeneration', kind: 'integer', min: 1, max: 100_000_000, doc: 'fresh: real samples per generation' },
  { path: 'data.realWeight', kind: 'number', min: 0, max: 1, doc: 'fresh: weight w of the real part' },
  { path: 'data.sharedDesign', kind: 'boolean', optional: true, doc: 'regression: reuse one design X every generation' },
  { path: 'data.mixing', kind: 'enum', values: ['separate', 'pooled'], optional: true, doc: 'fresh: w fit(real) + (1 - w) fit(syn), or one fit weighting samples w/n_real, (1 - w)/n_syn' },
  { path: 'filter.kind', kind: 'enum', values: ['none', 'oracle', 'neural', 'verifier'], doc: 'synthetic-data filter' },
  { path: 'filter.centerOffset', kind: 'number', optional: true, min: 0, max: 1e6, doc: 'verifier: ||theta_c - theta*||' },
  { path: 'filter.radius', kind: 'number', optional: true, min: 0, max: 1e6, doc: 'verifier: radius r' },
  { path: 'filter.slack', kind: 'number', optional: true, min: 0, max: 1e6, doc: 'verifier: slack sigma_c (regression)' },
  { path: 'filter.protocol', kind: 'enum', values: ['ball', 'directions'], optional: true, doc: 'verifier (regression): random inputs, or k accepted labels along each design direction' },
  { path: 'filter.perDirection', kind: 'integer', optional: true, min: 1, max: 1_000_000, doc: 'verifier, directions: accepted labels k per direction' },
  { path: 'filter.design', kind: 'enum', values: ['fixed', 'random'], optional: true, doc: 'verifier, directions: one design X0 for the run, or one per replicate' },
  { path: 'filter.keepFraction', kind: 'number', above: 0, max: 1, doc: 'oracle: fraction q of candidates kept' },
  { path: 'filter.id', kind: 'string', optional: true, doc: 'neural: a stored filter to reuse' },
  { path: 'filter.weighting', kind: 'enum', values: ['soft', 'hard'], optional: true, doc: 'neural: soft weights or keep w > 0.5' },
  { path: 'filter.labels.generations', kind: 'integer', optional: true, min: 1, max: 10_000, doc: 'neural: label generations K' },
  { path: 'filter.labels.candidates', kind: 'integer', optional: true, min: 2, max: 1_000_000, doc: 'neural: candidates per label generation' },
  { path: 'filter.labels.contamination', kind: 'number', optional: true, min: 0, max: 0.99, doc: 'neural: fraction labelled bad' },
  { path: 'filter.training.lambda', kind: 'number', optional: true, min: 0, max: 1e6, doc: 'weight of L_contr' },
  { path: 'filter.training.mu', kind: 'number', optional: true, min: 0, max: 1e6, doc: 'weight of L_ess' },
  { path: 'filter.training.c', kind: 'number', optional: true, min: 0, max: 1, doc: 'required contraction c' },
  { path: 'filter.training.tau', kind: 'number', optional: true, min: 0, max: 1, doc: 'ESS fraction floor tau' },
  { path: 'filter.training.hidden', kind: 'integer', optional: true, min: 1, max: 4096, doc: 'hidden ReLU units' },
  { path: 'filter.training.components', kind: 'integer', optional: true, min: 1, max: 64, doc: 'PCA components k' },
  { path: 'filter.training.epochs', kind: 'integer', optional: true, min: 1, max: 100_000, doc: 'training epochs' },
  { path: 'filter.training.learningRate', kind: 'number', optional: true, above: 0, max: 10, doc: 'Adam learning rate' },
  { path: 'filter.training.groupsPerBatch', kind: 'integer', optional: true, min: 1, max: 10_000, doc: 'label groups per step' },
  { path: 'filter.training.heldOut', kind: 'number', optional: true, min: 0, max: 0.9, doc: 'share of groups held out' },
  { path: 'filter.training.patience', kind: 'integer', optional: true, min: 0, max: 100_000, doc: 'early-stopping patience (0: none)' },
  { path: 'filter.training.seed', kind: 'integer', optional: true, min: 0, max: Number.MAX_SAFE_INTEGER, doc: 'training seed' },
];

const BY_PATH = new Map(CONFIG_FIELDS.map((f) => [f.path, f]));

/** The spec of a dotted path, or undefined if the config has no such field. */
export function fieldSpec(path: string): FieldSpec | undefined {
  return BY_PATH.get(path);
}

/** The known path closest to `path` by edit distance, for "did you mean" hints. */
export function closestFieldPath(path: string): string | undefined {
  return closestName(path, CONFIG_FIELDS.map((f) => f.path));
}
