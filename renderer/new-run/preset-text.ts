import type { RunConfig } from './form-model';

/** "gaussian, d = 2, mean and covariance": the model line of a preset's facts. */
export function describeModel(c: RunConfig): string {
  const parts: string[] = [c.model.family, `d = ${c.model.dim}`];
  if (c.model.family === 'gaussian') parts.push(c.model.estimate === 'mean-cov' ? 'mean and covariance' : 'mean only');
  return parts.join(', ');
}

/** "oracle, q = 0.7", "neural", "none": the filter line of a preset's facts. */
export function describeFilter(c: RunConfig): string {
  const f = c.filter as RunConfig['filter'] & { radius?: number };
  if (f.kind === 'oracle') return `oracle, q = ${f.keepFraction}`;
  if (f.radius !== undefined) return `${f.kind}, r = ${f.radius}`;
  return f.kind;
}
