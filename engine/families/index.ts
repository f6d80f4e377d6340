import { truthVector } from '../config/defaults';
import type { RunConfig } from '../config/types';
import type { FamilyKernel } from './family';
import { FAMILY_NUMERICS } from './registry';

export type { FamilyKernel } from './family';
export { FAMILY_NUMERICS, familyNumerics, type FamilyNumerics, type FamilyTheory } from './registry';

/** The sampling kernel for a validated config's `model` (registry.ts); refused for a family without one. */
export function createFamilyKernel(config: Readonly<RunConfig>): FamilyKernel {
  const make = FAMILY_NUMERICS[config.model.family].kernel;
  if (!make) throw new Error(`${config.model.family} has no sampling kernel: its own generation block advances it`);
  return make(config.model, truthVector(config));
}
