import { describe, expect, it } from 'vitest';
import type { FilterProvenance } from '../../preload/contract';
import { configForDiff, diffConfigs, flattenConfig, formatConfigValue, provenanceRows, sameValue, storedFilterId } from '../../renderer/compare/config-diff';

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

describe('a stored filter’s provenance (issue 13)', () => {
  // A preset's machine-labelling defaults (20 x 1000) on a run that reuses a person's 5 x 200 filter.
  const reusing = { ...base, filter: { kind: 'neural', keepFraction: 0.7, id: 'f1', labels: { generations: 20, candidates: 1000, contamination: 0.3 } } };
  const inline = { ...base, filter: { kind: 'neural', keepFraction: 0.7, labels: { generations: 3, candidates: 100 } } };
  const known: FilterProvenance = {
    filterId: 'f1',
    filter: { name: 'filter by Ada', status: 'ready', labelSetId: 's1', createdAt: '2026-12-02T10:00:00.000Z' },
    labelSet: { id: 's1', name: 'hand labels', kind: 'human', labeler: 'Ada', generations: 5, candidatesPerGeneration: 200, labelled: 1000, good: 700 },
  };
  const byId = (...list: FilterProvenance[]) => new Map(list.map((p) => [p.filterId, p]));

  it('finds the stored filter of neural runs only', () => {
    expect(storedFilterId(reusing)).toBe('f1');
    expect(storedFilterId(inline)).toBeNull();
    expect(storedFilterId({ ...base, filter: { kind: 'oracle', id: 'f1' } })).toBeNull();
    expect(storedFilterId(null)).toBeNull();
  });

  it('leaves out filter.labels.* of a run whose stored filter’s label set is known, and only then', () => {
    const diff = diffConfigs([reusing, inline].map((c) => configForDiff(c, byId(known))));
    const generations = diff.rows.find((r) => r.path === 'filter.labels.generations')!;
    expect(generations.values).toEqual([undefined, 3]);
    expect(diff.rows.map((r) => r.path)).not.toContain('filter.labels.contamination');
    expect(flattenConfig(configForDiff(reusing, byId(known)))).not.toHaveProperty(['filter.labels.generations']);
    expect(flattenConfig(configForDiff(reusing, byId(known)))).toHaveProperty(['filter.id'], 'f1');
    // Not loaded yet, or its set is gone: the config is shown as stored.
    expect(configForDiff(reusing, byId())).toBe(reusing);
    expect(configForDiff(reusing, byId({ ...known, labelSet: null }))).toBe(reusing);
    expect(configForDiff(inline, byId(known))).toBe(inline);
  });

  it('says the filter, its label set, who labelled it and its shape, per run (baseline first)', () => {
    const rows = provenanceRows([reusing, base, inline], byId(known));
    expect(rows.map((r) => [r.path, r.label, r.values])).toEqual([
      ['provenance.filter', 'stored filter', ['filter by Ada (f1)', undefined, 'none: the run trains its own']],
      ['provenance.labelSet', 'trained on label set', ['hand labels (s1)', undefined, undefined]],
      ['provenance.labeler', 'labelled by', ['Ada (by hand)', undefined, undefined]],
      ['provenance.shape', 'label generations × candidates', ['5 × 200', undefined, undefined]],
    ]);
    expect(rows[3].differs).toEqual([false, true, true]);
    const machine = provenanceRows([reusing], byId({ ...known, labelSet: { ...known.labelSet!, kind: 'machine', labeler: 'machine rule (contamination 0.3)' } }));
    expect(machine[2].values).toEqual(['machine rule (contamination 0.3)']);
  });

  it('no rows unless a run reuses a stored filter; unknown filters and sets are said so', () => {
    expect(provenanceRows([base, inline], byId(known))).toEqual([]);
    expect(provenanceRows([reusing], byId())[0].values).toEqual(['f1 (loading…)']);
    expect(provenanceRows([reusing], byId({ filterId: 'f1', filter: null, labelSet: null })).map((r) => r.values[0])).toEqual(['f1: no longer stored', 'unknown', undefined, undefined]);
    const orphan = provenanceRows([reusing], byId({ ...known, labelSet: null }));
    expect(orphan.map((r) => r.values[0])).toEqual(['filter by Ada (f1)', 's1: no longer stored', undefined, undefined]);
    const none = provenanceRows([reusing], byId({ ...known, filter: { ...known.filter!, labelSetId: null }, labelSet: null }));
    expect(none[1].values).toEqual(['none recorded']);
  });
});

