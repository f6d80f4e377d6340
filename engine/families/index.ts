import { truthVector } from '../config/defaults';
import type { RunConfig } from '../config/types';
import { CoordinatewiseKernel } from './coordinatewise';
import type { FamilyKernel } from './family';
import { GaussianKernel } from './gaussian';

export type { FamilyKernel } from './family';

/** The kernel for a validated config's `model`. */
export function createFamilyKernel(config: Readonly<RunConfig>): FamilyKernel {
  const m = config.model;
  const truth = truthVector(config);
  if (m.family === 'gaussian') return new GaussianKernel(m.dim, m.estimate, m.estimator, m.sigma, truth);
  return new CoordinatewiseKernel(m.family, m.dim, truth);
}
