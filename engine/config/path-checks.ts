import type { ConfigIssue } from './errors';
import type { RunConfig } from './types';

/** Most numbers a run's parameter paths may hold: K x (T + 1) vectors stay a few MB of JSON. */
export const MAX_PATH_VALUES = 250_000;

/**
 * `record.paths` (docs/cli.md): K replicates' parameter vectors of `size` numbers at each of the
 * T + 1 generations must fit under MAX_PATH_VALUES; regression's own block records none yet.
 */
export function pathIssues(c: RunConfig, size: number): ConfigIssue[] {
  const K = Math.min(c.record?.paths ?? 0, c.replicates);
  if (K === 0) return [];
  if (c.model.family === 'linear-regression') return [{ path: 'record.paths', message: 'linear-regression does not record parameter paths yet (its block keeps no per-generation copy of w)' }];
  const values = K * size * (c.generations + 1);
  if (values <= MAX_PATH_VALUES) return [];
  return [{ path: 'record.paths', message: `${K} paths of ${size} numbers over ${c.generations + 1} generations are ${values} numbers; the limit is ${MAX_PATH_VALUES} (fewer paths or generations)` }];
}
