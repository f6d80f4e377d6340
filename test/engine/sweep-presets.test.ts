/**
 * The sweep preset of `npm run bench -- --sweep` (engine/presets/sweeps.ts): its grid is the full
 * product of its axes, and exactly the points its comment names (n < d + 1, a singular covariance
 * fit) are refused by validation.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, ConfigError, resolveConfig } from '../../engine/index';
import { SWEEP_PRESETS, sweepPoints } from '../../engine/presets/sweeps';

describe('collapse-or-thrive-gaussian', () => {
  const preset = SWEEP_PRESETS.find((p) => p.name === 'collapse-or-thrive-gaussian')!;

  it('has 2 modes x 5 dimensions x 5 sample sizes, the last axis fastest', () => {
    const points = sweepPoints(preset);
    expect(points).toHaveLength(50);
    expect(points[0]).toEqual(['data.mode=replace', 'model.dim=1', 'sampleSize.n0=10']);
    expect(points[1]).toEqual(['data.mode=replace', 'model.dim=1', 'sampleSize.n0=32']);
    expect(points[49]).toEqual(['data.mode=accumulate', 'model.dim=100', 'sampleSize.n0=1000']);
  });

  it('refuses exactly the points with n < d + 1, in both modes', () => {
    const refused: string[] = [];
    for (const point of sweepPoints(preset)) {
      try {
        const c = resolveConfig(applyOverrides(preset.base, point));
        expect(c.sampleSize.n0).toBeGreaterThanOrEqual(c.model.dim + 1);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        refused.push(point.join(' '));
      }
    }
    const expected = ['replace', 'accumulate'].flatMap((m) => ['model.dim=10 sampleSize.n0=10', 'model.dim=31 sampleSize.n0=10', 'model.dim=100 sampleSize.n0=10', 'model.dim=100 sampleSize.n0=32', 'model.dim=100 sampleSize.n0=100'].map((p) => `data.mode=${m} ${p}`));
    expect(refused).toEqual(expected);
  });
});
