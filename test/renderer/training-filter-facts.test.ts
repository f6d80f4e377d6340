import { describe, expect, it } from 'vitest';
import type { FilterInfo, LabelSetInfo, PresetInfo } from '../../preload/contract';
import { applyOverrides, findPreset, presetConfig, resolveConfig } from '../../engine';
import { describeCounts, describeQualityBar, FILTER_PRESETS, FILTER_QUALITY, filteredRunOverrides, formatShare, labelSetShape, qualityVerdict, runVerdict, trainVerdict } from '../../renderer/training/filter-facts';

const preset = (name: string): PresetInfo => {
  const p = findPreset(name)!;
  return { name, title: p.title, source: p.source, theory: p.theory, config: resolveConfig(presetConfig(p)) };
};
const filter = (over: Partial<FilterInfo> = {}): FilterInfo => ({
  id: 'k3x9q2ab',
  name: 'my filter',
  status: 'ready',
  labelSetId: 'set1',
  backend: 'wasm (CPU)',
  settings: null,
  metrics: null,
  error: null,
  createdAt: '2026-11-21T20:00:00.000Z',
  ...over,
});

describe('filter facts', () => {
  it('offers the three filter presets, all gaussian d = 2', () => {
    for (const name of FILTER_PRESETS) expect(preset(name).config.model).toMatchObject({ family: 'gaussian', dim: 2 });
  });

  it('allows a run only for a ready filter trained on the preset family and dimension, and says why not', () => {
    const p = preset('filter-constant-n');
    expect(runVerdict(filter(), { family: 'gaussian', dim: 2 }, p)).toEqual({ ok: true });
    // Unknown shape (its label set was deleted): the services decide.
    expect(runVerdict(filter(), null, p)).toEqual({ ok: true });
    const d3 = runVerdict(filter(), { family: 'gaussian', dim: 3 }, p);
    expect(d3.ok).toBe(false);
    expect(!d3.ok && d3.reason.replace(/\u00a0/g, ' ')).toContain('trained on gaussian d = 3 labels; filter-constant-n runs gaussian d = 2');
    const poisson = runVerdict(filter(), { family: 'poisson', dim: 2 }, p);
    expect(poisson.ok).toBe(false);
    const training = runVerdict(filter({ status: 'training' }), { family: 'gaussian', dim: 2 }, p);
    expect(!training.ok && training.reason).toContain('is training');
  });

  it('builds run overrides the engine accepts, whatever the id and name look like', () => {
    for (const f of [filter(), filter({ id: '12345678', name: 'true' }), filter({ name: 'a "quoted" = name' })]) {
      const config = resolveConfig(applyOverrides(presetConfig(findPreset('filter-sqrt-n')!), filteredRunOverrides('filter-sqrt-n', f)));
      expect(config.filter.id).toBe(f.id);
      expect(config.name).toBe(`filter-sqrt-n · ${f.name} (${f.id})`);
    }
  });

  it('tells whether a label set can train a filter', () => {
    const counts = (labelled: number, good: number): Pick<LabelSetInfo, 'counts'> => ({ counts: { groups: 20, candidates: 20000, labelled, good } });
    expect(trainVerdict(null).ok).toBe(false);
    expect(trainVerdict(counts(0, 0))).toMatchObject({ ok: false, reason: expect.stringContaining('no labels yet') });
    expect(trainVerdict(counts(30, 0))).toMatchObject({ ok: false, reason: expect.stringContaining('no candidate labelled good') });
    expect(trainVerdict(counts(30, 12))).toEqual({ ok: true });
    expect(describeCounts({ groups: 20, candidates: 20000, labelled: 20000, good: 14000 })).toBe('20 generations × 1000 candidates · 20000 labelled (14000 good)');
  });

  it('reads the model a label set comes from', () => {
    expect(labelSetShape({ source: { family: 'gaussian', dim: 2, seed: 1, truth: null, sigma: 1, n0: 100, generations: 3, candidates: 50, contamination: 0.3 } })).toEqual({ family: 'gaussian', dim: 2 });
    expect(labelSetShape({ source: null })).toBeNull();
    expect(labelSetShape(null)).toBeNull();
  });
});

describe('the quality verdict of a trained filter', () => {
  const m = (heldOutAccuracy: number, heldOutContraction: number) => ({ heldOutAccuracy, heldOutContraction });

  it('keeps its thresholds in one place and states them', () => {
    expect(FILTER_QUALITY).toEqual({ minAccuracy: 0.8, minContraction: 0.5 });
    expect(describeQualityBar()).toBe('held-out accuracy ≥ 80% and contraction satisfied on ≥ 50% of held-out generations');
    expect([0, 0.5, 0.456, 1, 0.9999].map(formatShare)).toEqual(['0%', '50%', '45.6%', '100%', '100%']);
  });

  it('is good only when both metrics are at or above the bar', () => {
    expect(qualityVerdict(m(0.94, 1))).toEqual({ level: 'good', reasons: [] });
    expect(qualityVerdict(m(0.8, 0.5))).toEqual({ level: 'good', reasons: [] });
    expect(qualityVerdict(m(0.79, 0.5)).level).toBe('weak');
    expect(qualityVerdict(m(0.8, 0.49)).level).toBe('weak');
  });

  it('says why a filter that does not contract is weak, however accurate', () => {
    expect(qualityVerdict(m(0.97, 0))).toEqual({
      level: 'weak',
      reasons: ['held-out contraction satisfied on 0% of generations: the filter does not contract; runs with it may drift'],
    });
    expect(qualityVerdict(m(0.97, 0.25)).reasons).toEqual([
      'held-out contraction satisfied on 25% of generations: the filter contracts on fewer than 50% of them; runs with it may drift',
    ]);
  });

  it('names both shortfalls, and a low accuracy on its own', () => {
    expect(qualityVerdict(m(0.6, 0)).reasons).toHaveLength(2);
    expect(qualityVerdict(m(0.612, 1)).reasons).toEqual(['held-out accuracy 61.2% is below 80%: it often keeps bad candidates or drops good ones']);
    expect(qualityVerdict(m(Number.NaN, 1)).level).toBe('weak');
  });

  it('has nothing to say without metrics (training, failed, an older filter)', () => {
    expect(qualityVerdict(null)).toEqual({ level: 'unknown', reasons: [] });
  });
});

