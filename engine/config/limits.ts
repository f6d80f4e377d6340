/** The limits validation holds configs to, each with why. */

export { MAX_TRUTH } from './family-specs';

/** Per-generation sample buffers are capped so a typo such as n0 = 1e9 fails fast, not by OOM. */
export const MAX_VALUES_PER_GENERATION = 1 << 25;

/** Smallest ridge penalty that still makes X'X/N + lambda I positive definite in floating point when n < d. */
export const MIN_RANK_DEFICIENT_RIDGE = 1e-12;

/** Smallest gaussian sigma relative to |theta*| that samples near theta* still resolve (doubles' spacing is 2.2e-16 relative). */
export const MIN_RELATIVE_SIGMA = 1e-12;

/** Fewest candidates a verifier may expect to keep a generation (at most) before it is refused as keeping none. */
export const MIN_EXPECTED_KEPT = 1e-3;

/** Most draws a directions verifier may expect to need per direction and generation, at its center. */
export const MAX_EXPECTED_DIRECTION_DRAWS = 1 << 20;

/** Numbers the replicates keep between generations (parameters, pooled statistics): 512 MB. */
export const MAX_REPLICATE_STATE = 1 << 26;
