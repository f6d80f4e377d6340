import { describe, expect, it } from 'vitest';
import { diffConfigs, flattenConfig, formatConfigValue, sameValue } from '../../renderer/compare/config-diff';

const base = {
  name: 'walk',
  seed: 1,
  replicates: 200,
  model: { family: 'gaussian', dim: 2, truth: [0, 1] },
  sampleSize: { schedule: 'constant', n0: 100 },
  filter: { kind: 'none', keepFraction: 0.7 },
};

describe('flattenConfig', () => {
  it('gives the dotted paths of docs/cli.md, arrays as leaves', () => {
    expect(flattenConfig(base)).toEqual({
      name: 'walk',
      seed: 1,
      replicates: 200,
      'model.family': 'gaussian',
      'model.dim': 2,
      'model.truth': [0, 1],
      'sampleSize.schedule': 'constant',
      'sampleSize.n0': 100,
      'filter.kind': 'none',
      'filter.keepFraction': 0.7,
    });
  });

  it('drops undefined and empty objects, keeps null', () => {
    expect(flattenConfig({ a: { b: {} }, c: undefined, d: null, e: { f: { g: 'x' } } })).toEqual({ d: null, 'e.f.g': 'x' });
    expect(flattenConfig(null)).toEqual({});
  });
});

describe('sameValue and formatConfigValue', () => {
  it('compares arrays by content', () => {
    expect(sameValue([1, 2], [1, 2])).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue(1, '1')).toBe(false);
    expect(sameValue(undefined, undefined)).toBe(true);
  });

  it('shows absent fields as a dash and trims float noise', () => {
    expect(formatConfigValue(undefined)).toBe('—');
    expect(formatConfigValue(null)).toBe('null');
    expect(formatConfigValue(0.1 + 0.2)).toBe('0.3');
    expect(formatConfigValue(1000)).toBe('1000');
    expect(formatConfigValue([0, 1])).toBe('[0,1]');
    expect(formatConfigValue(true)).toBe('true');
  });
});

describe('diffConfigs', () => {
  const oracle = { ...base, name: 'oracle', sampleSize: { schedule: 'constant', n0: 1000 }, filter: { kind: 'oracle', keepFraction: 0.7 } };
  const fresh = { ...base, name: 'fresh', data: { mode: 'fresh', realWeight: 0.618 } };

  it('keeps only the fields that differ, sorted, the name left out', () => {
    const diff = diffConfigs([base, oracle, fresh]);
    expect(diff.rows.map((r) => r.path)).toEqual(['data.mode', 'data.realWeight', 'filter.kind', 'sampleSize.n0']);
    expect(diff.sameCount).toBe(7);
  });

  it('marks each cell against the first config (the baseline)', () => {
    const diff = diffConfigs([base, oracle, fresh]);
    const kind = diff.rows.find((r) => r.path === 'filter.kind')!;
    expect(kind.values).toEqual(['none', 'oracle', 'none']);
    expect(kind.differs).toEqual([false, true, false]);
    // A field the baseline lacks differs wherever another run has it.
    const mode = diff.rows.find((r) => r.path === 'data.mode')!;
    expect(mode.values).toEqual([undefined, undefined, 'fresh']);
    expect(mode.differs).toEqual([false, false, true]);
  });

  it('a field that differs only among the others is still shown, though no cell differs from a matching baseline', () => {
    const a = { x: 1 };
    const diff = diffConfigs([a, { x: 1 }, { x: 2 }, { x: 3 }]);
    expect(diff.rows).toEqual([{ path: 'x', values: [1, 1, 2, 3], differs: [false, false, true, true] }]);
  });

  it('with all, lists every field; identical configs have no rows', () => {
    expect(diffConfigs([base, { ...base, name: 'other' }]).rows).toEqual([]);
    expect(diffConfigs([base, { ...base, name: 'other' }], { all: true }).rows).toHaveLength(9);
    expect(diffConfigs([base], { all: true, ignore: [] }).rows).toHaveLength(10);
  });
});
