import type { RunConfig, SampleSizeConfig } from '../config/types';

/** Exponent p of a schedule: constant 0, sqrt 1/2, linear 1, power as configured. */
export function scheduleExponent(s: Readonly<SampleSizeConfig>): number {
  switch (s.schedule) {
    case 'constant':
      return 0;
    case 'sqrt':
      return 0.5;
    case 'linear':
      return 1;
    case 'power':
      return s.power ?? 1;
  }
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
