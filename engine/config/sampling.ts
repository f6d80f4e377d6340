import { FAMILY_NUMERICS } from '../families/registry';
import type { Sampling } from './names';
import type { RunConfig } from './types';

/** What a config without `engine.sampling` means: every sample drawn, as every run before issue 21. */
export const SAMPLING_WHEN_ABSENT: Sampling = 'samples';

/**
 * Why a config cannot draw its fits' sufficient statistics directly (`engine.sampling =
 * statistic`), or undefined when it can: a filter scores each candidate, so it needs them all; a
 * family without an exact statistic sampler (families/registry.ts) has nothing to draw.
 */
export function statisticProblem(config: Readonly<RunConfig>): string | undefined {
  if (config.filter.kind !== 'none') return `filter.kind '${config.filter.kind}' scores every candidate, so the samples must be drawn`;
  if (!FAMILY_NUMERICS[config.model.family].statistic) return `${config.model.family} has no exact statistic sampler`;
  return undefined;
}

/** The sampling a validated config runs with: `auto` becomes `statistic` where it applies, else `samples`. */
export function samplingMode(config: Readonly<RunConfig>): 'samples' | 'statistic' {
  const asked = config.engine?.sampling ?? SAMPLING_WHEN_ABSENT;
  if (asked === 'auto') return statisticProblem(config) === undefined ? 'statistic' : 'samples';
  return asked;
}
