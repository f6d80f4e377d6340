import type { ConfigIssue } from './errors';
import type { RunConfig } from './types';
import { lyapunovIssue } from '../neural/lyapunov';

/**
 * Checks of the neural filter's training settings that span fields: P of V(e) = e' P e must be a
 * symmetric positive definite matrix of the run's dimension (seed 000 Assumption 2.3), and the
 * state-dependent c(e)'s own fields mean nothing under the constant shape.
 */
export function neuralIssues(c: RunConfig): ConfigIssue[] {
  const training = c.filter.kind === 'neural' ? c.filter.training : undefined;
  if (!training) return [];
  const issues: ConfigIssue[] = [];
  const pProblem = lyapunovIssue(training.P, c.model.dim);
  if (pProblem) issues.push({ path: 'filter.training.P', message: `expected a symmetric positive definite matrix: ${pProblem}` });
  const shape = training.contraction ?? 'constant';
  for (const key of ['cMax', 'cScale', 'cPower'] as const) {
    if (training[key] === undefined) continue;
    if (shape === 'constant' || (key === 'cPower' && shape !== 'power')) {
      issues.push({ path: `filter.training.${key}`, message: `applies only when filter.training.contraction is ${key === 'cPower' ? "'power'" : "'linear' or 'power'"}, got '${shape}'` });
    }
  }
  return issues;
}
