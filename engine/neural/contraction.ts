/**
 * The contraction strength c(e) of seed 000's Assumption 2.3: "a continuous function c(e_t)" that
 * grows with the error (Remark 2.4), regulated by a convex function (Assumption 2.5; its example
 * takes c V itself). Three shapes, all functions of V = V(e) = e' P e:
 *   constant: c(e) = c                          (today's hinge, docs/experiments.md section 4)
 *   linear:   c(e) = min(c_max, a V(e))         (c V = a V^2: convex, as Assumption 2.5 asks)
 *   power:    c(e) = min(c_max, a V(e)^p)       (c V = a V^(1+p): convex for p >= 0)
 * The hinge (6) becomes max(0, V(e_w) - (1 - c(e_0)) V(e_0)). V(e_0) is held fixed during
 * training, so 1 - c(e_0) is one constant per label group: no gradient flows through c.
 */
import type { ContractionShape } from '../config/names';

/** c_max when a state-dependent shape leaves it out: the strength never asks V(e_w) <= V(e_0) / 2 or less. */
export const DEFAULT_C_MAX = 0.5;

/** The settings c(e) reads (TrainingSettings' subset). */
export interface ContractionSettings {
  readonly c: number;
  readonly contraction?: ContractionShape;
  readonly cMax?: number;
  readonly cScale?: number;
  readonly cPower?: number;
}

/** c(e) as a function of v = V(e) (Assumption 2.3, Remark 2.4), in [0, 1]. */
export function contractionStrength(s: Readonly<ContractionSettings>, v: number): number {
  return SHAPES[s.contraction ?? 'constant'](s, v);
}

/** One c(e) per shape, keyed by CONTRACTION_SHAPES (config/names.ts). */
const SHAPES: { readonly [K in ContractionShape]: (s: Readonly<ContractionSettings>, v: number) => number } = {
  constant: (s) => s.c,
  linear: (s, v) => Math.min(s.cMax ?? DEFAULT_C_MAX, (s.cScale ?? 1) * v),
  power: (s, v) => Math.min(s.cMax ?? DEFAULT_C_MAX, (s.cScale ?? 1) * v ** (s.cPower ?? 1)),
};

/**
 * 1 - c(e_0), the factor of V(e_0) in the hinge. The constant shape returns 1 - c itself, so the
 * kernels' (1 - c) V(e_0) comes out in the same bits as before state dependence existed.
 */
export function contractionKeep(s: Readonly<ContractionSettings>, v0: number): number {
  return 1 - contractionStrength(s, v0);
}

/** Whether c(e) varies with e (the tfjs kernel then feeds one factor per group). */
export function isStateDependent(s: Readonly<ContractionSettings>): boolean {
  return (s.contraction ?? 'constant') !== 'constant';
}
