/**
 * The names of the engine's variation points, each written once as an `as const` array. The
 * config's unions (types.ts), the field table's enum values (fields.ts) and the registries keyed
 * by them (`{ [K in Family]: ... }`) all come from here, so a name added to an array and missing
 * from a registry is a compile error, and one missing from an array cannot be configured.
 */

export const FAMILIES = ['gaussian', 'poisson', 'bernoulli', 'exponential', 'linear-regression', 'gaussian-mixture', 'kernel-ridge'] as const;
export type Family = (typeof FAMILIES)[number];

export const FILTER_KINDS = ['none', 'oracle', 'neural', 'verifier'] as const;
export type FilterKind = (typeof FILTER_KINDS)[number];

export const DATA_MODES = ['replace', 'accumulate', 'fresh'] as const;
export type DataMode = (typeof DATA_MODES)[number];

export const SCHEDULES = ['constant', 'sqrt', 'linear', 'power'] as const;
export type Schedule = (typeof SCHEDULES)[number];

export const ESTIMATES = ['mean', 'mean-cov'] as const;
export type Estimate = (typeof ESTIMATES)[number];

export const ESTIMATORS = ['mle', 'unbiased'] as const;
export type Estimator = (typeof ESTIMATORS)[number];

export const DATA_MIXINGS = ['separate', 'pooled'] as const;
export type DataMixing = (typeof DATA_MIXINGS)[number];

export const VERIFIER_PROTOCOLS = ['ball', 'directions'] as const;
export type VerifierProtocol = (typeof VERIFIER_PROTOCOLS)[number];

export const VERIFIER_DESIGNS = ['fixed', 'random'] as const;
export type VerifierDesign = (typeof VERIFIER_DESIGNS)[number];

export const SPECTRA = ['identity', 'power'] as const;
export type Spectrum = (typeof SPECTRA)[number];

export const WEIGHTINGS = ['soft', 'hard'] as const;
export type Weighting = (typeof WEIGHTINGS)[number];

export const SAMPLINGS = ['auto', 'samples', 'statistic'] as const;
export type Sampling = (typeof SAMPLINGS)[number];

/** gaussian-mixture: what the truth is (engine/mixture/truth.ts): weights, means and covariances, or a scikit-learn generator. */
export const MIXTURE_DATASETS = ['mixture', 'blobs', 'moons', 'circles', 'swiss-roll'] as const;
export type MixtureDataset = (typeof MIXTURE_DATASETS)[number];

/** gaussian-mixture: what EM does with a component that loses its points (engine/mixture/em.ts). */
export const EMPTY_COMPONENT_RULES = ['reseed', 'drop'] as const;
export type EmptyComponentRule = (typeof EMPTY_COMPONENT_RULES)[number];

/** Shapes of the neural filter's contraction strength c(e) (engine/neural/contraction.ts). */
export const CONTRACTION_SHAPES = ['constant', 'linear', 'power'] as const;
export type ContractionShape = (typeof CONTRACTION_SHAPES)[number];

/** kernel-ridge: the kernels of seed 004's Figure 5 (engine/kernel-ridge/kernels.ts). */
export const KERNELS = ['rbf', 'poly'] as const;
export type KernelName = (typeof KERNELS)[number];

/** kernel-ridge: the adaptive ridge exponent, seed 004's l_crit or its corrected l* = b l_crit. */
export const RIDGE_RULES = ['crit', 'star'] as const;
export type RidgeRule = (typeof RIDGE_RULES)[number];
