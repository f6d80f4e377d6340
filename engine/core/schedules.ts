import type { RunConfig, SampleSizeConfig, Schedule } from '../config/types';

/** Exponent p of each schedule: constant 0, sqrt 1/2, linear 1, power as configured (default 1). */
const SCHEDULE_EXPONENTS: { readonly [K in Schedule]: (s: Readonly<SampleSizeConfig>) => number } = {
  constant: () => 0,
  sqrt: () => 0.5,
  linear: () => 1,
  power: (s) => s.power ?? 1,
};

/** Exponent p of a schedule (SCHEDULE_EXPONENTS). */
export function scheduleExponent(s: Readonly<SampleSizeConfig>): number {
  return SCHEDULE_EXPONENTS[s.schedule](s);
}

/**
 * n_t = ceil(n0 (t + 1)^p) (docs/cli.md, `sampleSize.power`); at t = 0 `initial` overrides it.
 * A relative epsilon keeps exact products such as 100 * 4^0.5 from rounding up to 201.
 */
export function sampleSizeAt(s: Readonly<SampleSizeConfig>, t: number): number {
  if (t === 0 && s.initial !== undefined) return s.initial;
  const p = scheduleExponent(s);
  if (p === 0) return s.n0;
  const raw = s.n0 * Math.pow(t + 1, p);
  return Math.ceil(raw * (1 - 1e-12));
}

/** The whole schedule n_0..n_T as an array (used by theory and for buffer sizing). */
export function sampleSizes(config: Readonly<RunConfig>): Float64Array {
  const T = config.generations;
  const out = new Float64Array(T + 1);
  for (let t = 0; t <= T; t++) out[t] = sampleSizeAt(config.sampleSize, t);
  return out;
}

/** Largest n_t over the run; schedules are non-decreasing in t, so it is n_T or the initial size. */
export function maxSampleSize(config: Readonly<RunConfig>): number {
  const s = config.sampleSize;
  return Math.max(sampleSizeAt(s, 0), sampleSizeAt({ ...s, initial: undefined }, config.generations));
}
