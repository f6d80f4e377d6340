/**
 * The registry of config fields: for each dotted path its label, doc, kind, range or enum values,
 * default and the rule for when it applies, written once. Validation (validate.ts), `--set` path
 * checking, and the forms (through the contract's `config:fields`) all read this table.
 */
import { closestName } from './closest-name';
import { DEFAULT_CONFIG } from './defaults';
import { DEFAULT_LABELING, DEFAULT_TRAINING } from '../neural/defaults';
import {
  CONTRACTION_SHAPES,
  DATA_MIXINGS,
  DATA_MODES,
  EMPTY_COMPONENT_RULES,
  ESTIMATES,
  ESTIMATORS,
  FAMILIES,
  FILTER_KINDS,
  SAMPLINGS,
  MIXTURE_DATASETS,
  KERNELS,
  RIDGE_RULES,
  SCHEDULES,
  SPECTRA,
  VERIFIER_DESIGNS,
  VERIFIER_PROTOCOLS,
  WEIGHTINGS,
} from './names';
import { getPath } from '../../common/path';
import { SAMPLING_WHEN_ABSENT } from './sampling';

export type FieldKind = 'string' | 'integer' | 'number' | 'enum' | 'numberOrArray' | 'boolean';

/** One condition of a field's rule: the field applies only while the value at `path` is one of `is`. */
export interface AppliesWhen {
  readonly path: string;
  readonly is: readonly string[];
  /** The value `path` means when it is absent (filter.protocol: 'ball'), for messages and forms. */
  readonly absent?: string;
}

export interface FieldSpec {
  readonly path: string;
  readonly kind: FieldKind;
  /** A short name for forms ("Replicates R"). */
  readonly label: string;
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
  /** The value the engine uses when the config leaves the field out (absent: none, or it depends on others). */
  readonly default?: number | string | boolean;
  /**
   * When the field applies: every condition must hold. An optional field set where its rule fails
   * is refused by validation, naming it ("applies only when filter.kind is 'neural'"), unless
   * `otherwise` is 'ignored'; a field with a default is then just unused. Forms hide it either way.
   */
  readonly appliesWhen?: readonly AppliesWhen[];
  readonly otherwise?: 'ignored';
}

const when = (path: string, ...is: string[]): AppliesWhen => ({ path, is });
const REGRESSION = [when('model.family', 'linear-regression')];
const GAUSSIAN = [when('model.family', 'gaussian')];
const KERNEL = [when('model.family', 'kernel-ridge')];
// Seed 004's final fit and its two label noises are the same quantities in both of its experiments.
const FINAL_FIT = [when('model.family', 'linear-regression', 'kernel-ridge')];
const FRESH = [when('data.mode', 'fresh')];
const ORACLE = [when('filter.kind', 'oracle')];
const VERIFIER = [when('filter.kind', 'verifier')];
const DIRECTIONS = [...VERIFIER, { path: 'filter.protocol', is: ['directions'], absent: 'ball' }];
const NEURAL = [when('filter.kind', 'neural')];
const MIXTURE = [when('model.family', 'gaussian-mixture')];

type Row = Omit<FieldSpec, 'default'>;

const ROWS: readonly Row[] = [
  { path: 'name', kind: 'string', label: 'Run name', doc: 'free text' },
  { path: 'preset', kind: 'string', label: 'Preset', optional: true, doc: 'the preset this config started from' },
  { path: 'seed', kind: 'integer', label: 'Seed', min: 0, max: Number.MAX_SAFE_INTEGER, doc: 'same config and seed give the same numbers' },
  { path: 'replicates', kind: 'integer', label: 'Replicates R', min: 1, max: 1_000_000, doc: 'independent chains run side by side (R)' },
  { path: 'generations', kind: 'integer', label: 'Generations T', min: 0, max: 10_000_000, doc: 'last generation index T' },
  { path: 'model.family', kind: 'enum', label: 'Family', values: FAMILIES, doc: 'model family' },
  { path: 'model.dim', kind: 'integer', label: 'Dimension d', min: 1, max: 4096, doc: 'dimension d' },
  { path: 'model.estimate', kind: 'enum', label: 'Estimate', values: ESTIMATES, appliesWhen: GAUSSIAN, doc: 'gaussian: mean only, or mean and covariance' },
  { path: 'model.estimator', kind: 'enum', label: 'Covariance estimator', values: ESTIMATORS, doc: 'covariance divisor n or n - 1' },
  { path: 'model.sigma', kind: 'number', label: 'Standard deviation σ', above: 0, max: 1e150, doc: 'gaussian: true standard deviation' },
  { path: 'model.truth', kind: 'numberOrArray', label: 'Truth θ*', optional: true, doc: 'true parameter per coordinate' },
  { path: 'model.noise', kind: 'number', label: 'Label noise σ', optional: true, min: 0, max: 1e6, appliesWhen: FINAL_FIT, doc: "regression, kernel-ridge: std of the real labels' noise sigma" },
  { path: 'model.syntheticNoise', kind: 'number', label: 'Synthetic label noise σ₀', optional: true, min: 0, max: 1e6, appliesWhen: FINAL_FIT, doc: "regression, kernel-ridge: std of the synthetic labels' noise sigma_0" },
  { path: 'model.ridge', kind: 'number', label: 'Ridge λ', optional: true, min: 0, max: 1e6, appliesWhen: REGRESSION, doc: 'regression: ridge penalty lambda (0 = OLS)' },
  { path: 'model.ridgeExponent', kind: 'number', label: 'Adaptive ridge exponent l', optional: true, min: 0, max: 10, appliesWhen: REGRESSION, doc: 'regression: adaptive ridge lambda = n^-l' },
  { path: 'model.spectrum', kind: 'enum', label: 'Design spectrum', values: SPECTRA, optional: true, appliesWhen: REGRESSION, doc: 'regression: design covariance' },
  { path: 'model.spectrumExponent', kind: 'number', label: 'Spectrum exponent β', optional: true, min: 0, max: 10, appliesWhen: REGRESSION, doc: 'regression: beta of lambda_j = j^-beta' },
  { path: 'model.components', kind: 'integer', label: 'Components K', optional: true, min: 1, max: 64, appliesWhen: MIXTURE, doc: 'gaussian-mixture: components K fitted by EM (default 2)' },
  { path: 'model.dataset', kind: 'enum', label: 'True distribution', values: MIXTURE_DATASETS, optional: true, appliesWhen: MIXTURE, doc: 'gaussian-mixture: weights/means/covariances, or a scikit-learn generator (default mixture)' },
  { path: 'model.weights', kind: 'numberOrArray', label: 'True weights', optional: true, appliesWhen: MIXTURE, doc: 'gaussian-mixture: the truth\'s K* weights (default equal)' },
  { path: 'model.means', kind: 'numberOrArray', label: 'True means', optional: true, appliesWhen: MIXTURE, doc: 'gaussian-mixture, mixture or blobs: K* d means, component-major (default -2 e_1, 2 e_1)' },
  { path: 'model.covariances', kind: 'numberOrArray', label: 'True covariances', optional: true, appliesWhen: MIXTURE, doc: 'gaussian-mixture, mixture: K* d x d covariances, row-major (default sigma^2 I)' },
  { path: 'model.datasetNoise', kind: 'number', label: 'Generator noise', optional: true, min: 0, max: 1e6, appliesWhen: MIXTURE, doc: "gaussian-mixture: scikit-learn's noise for moons, circles, swiss-roll (default 0.1)" },
  { path: 'model.circleFactor', kind: 'number', label: 'Circles factor', optional: true, min: 0, max: 0.999999, appliesWhen: MIXTURE, doc: "gaussian-mixture, circles: scikit-learn's factor (default 0.8)" },
  { path: 'model.emTolerance', kind: 'number', label: 'EM tolerance', optional: true, above: 0, max: 1, appliesWhen: MIXTURE, doc: 'gaussian-mixture: stop when the mean log-likelihood moves less (default 1e-3)' },
  { path: 'model.emMaxIterations', kind: 'integer', label: 'EM iteration cap', optional: true, min: 1, max: 10_000, appliesWhen: MIXTURE, doc: 'gaussian-mixture: EM iterations at most (default 100)' },
  { path: 'model.emptyComponent', kind: 'enum', label: 'Empty component', values: EMPTY_COMPONENT_RULES, optional: true, appliesWhen: MIXTURE, doc: 'gaussian-mixture: re-seed or drop a component left with < d + 1 points (default reseed)' },
  { path: 'model.evalSamples', kind: 'integer', label: 'Evaluation sample M', optional: true, min: 10, max: 1_000_000, appliesWhen: MIXTURE, doc: 'gaussian-mixture: fixed truth sample for the distance, and draws for the tails (default 1000)' },
  { path: 'model.kernel', kind: 'enum', label: 'Kernel', values: KERNELS, optional: true, appliesWhen: KERNEL, doc: 'kernel-ridge: RBF exp(-gamma |x - x\'|^2) or polynomial (1 + gamma <x, x\'>)^degree' },
  { path: 'model.kernelGamma', kind: 'number', label: 'Kernel γ', optional: true, above: 0, max: 1e3, appliesWhen: KERNEL, doc: 'kernel-ridge: gamma of the kernel, pixels scaled to [0, 1]' },
  { path: 'model.kernelDegree', kind: 'integer', label: 'Polynomial degree', optional: true, min: 1, max: 10, appliesWhen: [...KERNEL, { path: 'model.kernel', is: ['poly'], absent: 'rbf' }], doc: 'kernel-ridge, poly: degree of the kernel' },
  { path: 'model.capacity', kind: 'number', label: 'Capacity α', optional: true, above: 1, max: 10, appliesWhen: KERNEL, doc: 'kernel-ridge: eigenvalue decay k^-alpha of the kernel (l_crit = alpha / (1 + 2 alpha r))' },
  { path: 'model.source', kind: 'number', label: 'Source r', optional: true, min: 0, max: 10, appliesWhen: KERNEL, doc: 'kernel-ridge: source exponent r of the target (l_crit = alpha / (1 + 2 alpha r))' },
  { path: 'model.ridgeRule', kind: 'enum', label: 'Ridge exponent rule', values: RIDGE_RULES, optional: true, appliesWhen: KERNEL, doc: 'kernel-ridge: final fit lambda = T^-l with l_crit, or l* = (log T0 / log T) l_crit (Dohmatob, Feng and Kempe, figure 5)' },
  { path: 'model.testDigits', kind: 'integer', label: 'Test digits', optional: true, min: 1, max: 10_000, appliesWhen: KERNEL, doc: "kernel-ridge: MNIST test digits the final fit is scored on" },
  { path: 'sampleSize.schedule', kind: 'enum', label: 'Sample-size schedule', values: SCHEDULES, doc: 'n_t schedule' },
  { path: 'sampleSize.n0', kind: 'integer', label: 'Base sample size n0', min: 1, max: 100_000_000, doc: 'base sample size' },
  { path: 'sampleSize.power', kind: 'number', label: 'Schedule power p', optional: true, min: 0, max: 10, appliesWhen: [when('sampleSize.schedule', 'power')], otherwise: 'ignored', doc: "exponent p for 'power'" },
  { path: 'sampleSize.initial', kind: 'integer', label: 'Initial real samples', optional: true, min: 1, max: 100_000_000, doc: 'real samples at t = 0' },
  { path: 'sampleSize.final', kind: 'integer', label: 'Final-fit pairs T', optional: true, min: 1, max: 100_000_000, appliesWhen: FINAL_FIT, doc: "regression, kernel-ridge: T pairs of a final fit on each generation's labels (Dohmatob, Feng and Kempe, figures 4 and 5)" },
  { path: 'data.mode', kind: 'enum', label: 'Data mode', values: DATA_MODES, doc: 'which data each fit uses' },
  { path: 'data.realPerGeneration', kind: 'integer', label: 'Real samples per generation', min: 1, max: 100_000_000, appliesWhen: FRESH, doc: 'fresh: real samples per generation' },
  { path: 'data.realWeight', kind: 'number', label: 'Real-data weight w', min: 0, max: 1, appliesWhen: FRESH, doc: 'fresh: weight w of the real part' },
  { path: 'data.sharedDesign', kind: 'boolean', label: 'Shared design', optional: true, appliesWhen: REGRESSION, doc: 'regression: reuse one design X every generation' },
  { path: 'data.mixing', kind: 'enum', label: 'Real/synthetic mixing', values: DATA_MIXINGS, optional: true, appliesWhen: FRESH, doc: 'fresh: w fit(real) + (1 - w) fit(syn), or one fit weighting samples w/n_real, (1 - w)/n_syn' },
  { path: 'filter.kind', kind: 'enum', label: 'Filter', values: FILTER_KINDS, doc: 'synthetic-data filter' },
  { path: 'filter.centerOffset', kind: 'number', label: 'Verifier centre offset', optional: true, min: 0, max: 1e6, appliesWhen: VERIFIER, doc: 'verifier: ||theta_c - theta*||' },
  { path: 'filter.radius', kind: 'number', label: 'Verifier radius r', optional: true, min: 0, max: 1e6, appliesWhen: VERIFIER, doc: 'verifier: radius r' },
  { path: 'filter.slack', kind: 'number', label: 'Verifier slack σ_c', optional: true, min: 0, max: 1e6, appliesWhen: VERIFIER, doc: 'verifier: slack sigma_c (regression)' },
  { path: 'filter.protocol', kind: 'enum', label: 'Verifier protocol', values: VERIFIER_PROTOCOLS, optional: true, appliesWhen: VERIFIER, doc: 'verifier (regression): random inputs, or k accepted labels along each design direction' },
  { path: 'filter.perDirection', kind: 'integer', label: 'Labels per direction k', optional: true, min: 1, max: 1_000_000, appliesWhen: DIRECTIONS, doc: 'verifier, directions: accepted labels k per direction' },
  { path: 'filter.design', kind: 'enum', label: 'Directions design', values: VERIFIER_DESIGNS, optional: true, appliesWhen: DIRECTIONS, doc: 'verifier, directions: one design X0 for the run, or one per replicate' },
  { path: 'filter.keepFraction', kind: 'number', label: 'Keep fraction q', above: 0, max: 1, appliesWhen: ORACLE, doc: 'oracle: fraction q of candidates kept' },
  { path: 'filter.id', kind: 'string', label: 'Stored filter', optional: true, appliesWhen: NEURAL, doc: 'neural: a stored filter to reuse' },
  { path: 'filter.weighting', kind: 'enum', label: 'Weighting', values: WEIGHTINGS, optional: true, appliesWhen: NEURAL, doc: 'neural: soft weights or keep w > 0.5' },
  { path: 'filter.labels.generations', kind: 'integer', label: 'Label generations K', optional: true, min: 1, max: 10_000, appliesWhen: NEURAL, doc: 'neural: label generations K' },
  { path: 'filter.labels.candidates', kind: 'integer', label: 'Candidates per generation', optional: true, min: 2, max: 1_000_000, appliesWhen: NEURAL, doc: 'neural: candidates per label generation' },
  { path: 'filter.labels.contamination', kind: 'number', label: 'Machine rule: share bad', optional: true, min: 0, max: 0.99, appliesWhen: NEURAL, doc: 'neural: fraction labelled bad' },
  { path: 'filter.training.lambda', kind: 'number', label: 'λ: weight of L_contr', optional: true, min: 0, max: 1e6, appliesWhen: NEURAL, doc: 'weight of L_contr in L = L_cls + λ L_contr + μ L_ess' },
  { path: 'filter.training.mu', kind: 'number', label: 'μ: weight of L_ess', optional: true, min: 0, max: 1e6, appliesWhen: NEURAL, doc: 'weight of L_ess, which keeps the effective sample size up' },
  { path: 'filter.training.c', kind: 'number', label: 'c: required contraction', optional: true, min: 0, max: 1, appliesWhen: NEURAL, doc: 'required contraction: V(e_w) ≤ (1 − c) V(e_0)' },
  { path: 'filter.training.P', kind: 'numberOrArray', label: 'P of V(e) = e′Pe', optional: true, appliesWhen: NEURAL, doc: 'Lyapunov matrix P, symmetric positive definite: d numbers (diagonal) or d x d row-major (absent: I)' },
  { path: 'filter.training.contraction', kind: 'enum', label: 'Contraction c(e)', values: CONTRACTION_SHAPES, optional: true, appliesWhen: NEURAL, doc: "c(e): constant c, linear min(cMax, cScale V(e)) or power min(cMax, cScale V(e)^cPower) (absent: constant)" },
  { path: 'filter.training.cMax', kind: 'number', label: 'c_max: cap of c(e)', optional: true, min: 0, max: 1, appliesWhen: NEURAL, doc: 'linear, power: cap c_max of c(e) (absent: 0.5)' },
  { path: 'filter.training.cScale', kind: 'number', label: 'a: slope of c(e)', optional: true, min: 0, max: 1e12, appliesWhen: NEURAL, doc: 'linear, power: a of c(e) = min(c_max, a V(e)^p) (absent: 1)' },
  { path: 'filter.training.cPower', kind: 'number', label: 'p: power of c(e)', optional: true, min: 0, max: 10, appliesWhen: NEURAL, doc: 'power: p of c(e) = min(c_max, a V(e)^p) (absent: 1)' },
  { path: 'filter.training.tau', kind: 'number', label: 'τ: ESS floor', optional: true, min: 0, max: 1, appliesWhen: NEURAL, doc: 'ESS floor: L_ess = max(0, τ − ESS/N)' },
  { path: 'filter.training.hidden', kind: 'integer', label: 'Hidden width', optional: true, min: 1, max: 4096, appliesWhen: NEURAL, doc: 'ReLU units of the one hidden layer' },
  { path: 'filter.training.components', kind: 'integer', label: 'PCA components k', optional: true, min: 1, max: 64, appliesWhen: NEURAL, doc: 'PCA components k' },
  { path: 'filter.training.epochs', kind: 'integer', label: 'Epochs', optional: true, min: 1, max: 100_000, appliesWhen: NEURAL, doc: 'training epochs at most; early stopping may end sooner' },
  { path: 'filter.training.learningRate', kind: 'number', label: 'Learning rate', optional: true, above: 0, max: 10, appliesWhen: NEURAL, doc: 'Adam step size' },
  { path: 'filter.training.groupsPerBatch', kind: 'integer', label: 'Generations per batch', optional: true, min: 1, max: 10_000, appliesWhen: NEURAL, doc: 'label generations per optimisation step' },
  { path: 'filter.training.heldOut', kind: 'number', label: 'Held-out share', optional: true, min: 0, max: 0.9, appliesWhen: NEURAL, doc: 'share of label generations held out for early stopping and the metrics' },
  { path: 'filter.training.patience', kind: 'integer', label: 'Early-stop patience', optional: true, min: 0, max: 100_000, appliesWhen: NEURAL, doc: 'epochs without a held-out improvement before stopping (0: never stops early)' },
  { path: 'filter.training.seed', kind: 'integer', label: 'Training seed', optional: true, min: 0, max: Number.MAX_SAFE_INTEGER, appliesWhen: NEURAL, doc: "initialisation, held-out split and batch order (absent: the run's seed)" },
  { path: 'engine.sampling', kind: 'enum', label: 'Sampling', values: SAMPLINGS, optional: true, doc: "samples draws every sample; statistic draws each fit's sufficient statistic from its exact law (no filter); auto: statistic where it applies" },
  { path: 'record.paths', kind: 'integer', label: 'Parameter paths K', optional: true, min: 0, max: 256, doc: "keep the first K replicates' parameters every generation, exported as paths (0: none)" },
];

/**
 * A field's default, read from the defaults themselves (DEFAULT_CONFIG, and the neural labelling
 * and training defaults for `filter.labels.*` and `filter.training.*`), so no number is written twice.
 */
function defaultOf(path: string): FieldSpec['default'] {
  const key = path.split('.').slice(2).join('.');
  // The training seed follows the run's seed (neural/settings.ts), so it has no default of its own.
  const neural = path.startsWith('filter.labels.') ? DEFAULT_LABELING : path.startsWith('filter.training.') && key !== 'seed' ? DEFAULT_TRAINING : undefined;
  const v = getPath(DEFAULT_CONFIG, path) ?? getPath(neural, key);
  return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : undefined;
}

/**
 * Defaults the engine applies without writing them into a resolved config: a config from before
 * the field (a stored run, a fixture) must resolve to the same document, so its numbers come back.
 */
const UNWRITTEN_DEFAULTS: Readonly<Record<string, string>> = { 'engine.sampling': SAMPLING_WHEN_ABSENT };

export const CONFIG_FIELDS: readonly FieldSpec[] = ROWS.map((row) => {
  const dflt = defaultOf(row.path) ?? UNWRITTEN_DEFAULTS[row.path];
  return dflt === undefined ? row : { ...row, default: dflt };
});

const BY_PATH = new Map(CONFIG_FIELDS.map((f) => [f.path, f]));

/** The spec of a dotted path, or undefined if the config has no such field. */
export function fieldSpec(path: string): FieldSpec | undefined {
  return BY_PATH.get(path);
}

/** The known path closest to `path` by edit distance, for "did you mean" hints. */
export function closestFieldPath(path: string): string | undefined {
  return closestName(path, CONFIG_FIELDS.map((f) => f.path));
}

/** The first condition of a field's rule that `config` fails, with the value it found, or undefined when it applies. */
export function failedCondition(spec: FieldSpec, config: unknown): { condition: AppliesWhen; actual: string } | undefined {
  for (const condition of spec.appliesWhen ?? []) {
    const v = getPath(config, condition.path);
    const actual = v === undefined ? condition.absent : String(v);
    if (actual === undefined || !condition.is.includes(actual)) return { condition, actual: actual ?? 'nothing' };
  }
  return undefined;
}
