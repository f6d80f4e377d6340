import { describe, expect, it } from 'vitest';
import { describeFilter, describeModel } from '../../renderer/new-run/preset-text';
import type { FieldInfo } from '../../preload/contract';
import { rangeHint } from '../../renderer/lib/field-hint';
import { cliCommand, initialValues, overrideValue, toRequest, visibleFields, type RunConfig } from '../../renderer/new-run/form-model';
import { CONFIG_FIELD_INFOS as FIELDS } from './config-fields';

const ORACLE: RunConfig = {
  name: 'oracle-ball',
  preset: 'oracle-ball',
  seed: 1,
  replicates: 200,
  generations: 200,
  model: { family: 'gaussian', dim: 2, estimate: 'mean', estimator: 'mle', sigma: 1 },
  sampleSize: { schedule: 'constant', n0: 1000 },
  data: { mode: 'replace', realPerGeneration: 100, realWeight: 0.618 },
  filter: { kind: 'oracle', keepFraction: 0.7 },
};

describe('initialValues', () => {
  it('prefills every form field from the preset, as text', () => {
    const v = initialValues(ORACLE);
    expect(v).toMatchObject({ name: 'oracle-ball', replicates: '200', 'model.dim': '2', 'sampleSize.schedule': 'constant', 'filter.keepFraction': '0.7', 'data.realWeight': '0.618' });
    expect(v['sampleSize.power']).toBe('');
  });
});

describe('visibleFields', () => {
  it('shows conditional fields only when they apply, and only fields the engine knows', () => {
    const paths = (values: Record<string, string>) => visibleFields(FIELDS, values).map((f) => f.path);
    const base = initialValues(ORACLE);
    expect(paths(base)).toContain('filter.keepFraction');
    expect(paths(base)).not.toContain('data.realWeight');
    expect(paths({ ...base, 'filter.kind': 'none', 'data.mode': 'fresh' })).toEqual(expect.arrayContaining(['data.realWeight', 'data.realPerGeneration']));
    expect(paths({ ...base, 'filter.kind': 'none' })).not.toContain('filter.keepFraction');
    expect(paths({ ...base, 'sampleSize.schedule': 'power' })).toContain('sampleSize.power');
    expect(visibleFields(FIELDS.filter((f) => f.path !== 'seed'), base).map((f) => f.path)).not.toContain('seed');
  });
});

describe('overrideValue', () => {
  it('passes numbers as typed (so typos reach the validator) and keeps strings strings', () => {
    expect(overrideValue('integer', ' 50 ')).toBe('50');
    expect(overrideValue('integer', 'abc')).toBe('abc');
    expect(overrideValue('number', '1e-3')).toBe('1e-3');
    expect(overrideValue('string', 'my run')).toBe('my run');
    expect(overrideValue('string', '42')).toBe('"42"');
    expect(overrideValue('string', 'true')).toBe('"true"');
    expect(overrideValue('enum', 'oracle')).toBe('oracle');
  });
});

describe('toRequest and cliCommand', () => {
  it('overrides only the fields the user changed', () => {
    const values = { ...initialValues(ORACLE), replicates: '50', generations: '300' };
    const request = toRequest('oracle-ball', ORACLE, FIELDS, values);
    expect(request).toEqual({ preset: 'oracle-ball', overrides: ['replicates=50', 'generations=300'] });
    expect(cliCommand(request)).toBe('npm run --silent cli -- run --preset oracle-ball --set replicates=50 --set generations=300');
  });

  it('ignores edits to fields that no longer apply, and quotes for the shell', () => {
    const values = { ...initialValues(ORACLE), 'filter.keepFraction': '0.5', 'filter.kind': 'none', name: "Ann's run" };
    const request = toRequest('oracle-ball', ORACLE, FIELDS, values);
    expect(request.overrides).toEqual(["name=Ann's run", 'filter.kind=none']);
    expect(cliCommand(request)).toBe(`npm run --silent cli -- run --preset oracle-ball --set 'name=Ann'\\''s run' --set filter.kind=none`);
  });

  it('with no change the request is the preset alone', () => {
    expect(toRequest('oracle-ball', ORACLE, FIELDS, initialValues(ORACLE))).toEqual({ preset: 'oracle-ball', overrides: [] });
  });
});

describe('rangeHint', () => {
  it('says what a numeric field accepts', () => {
    const field = (path: string): FieldInfo => FIELDS.find((f) => f.path === path)!;
    expect(rangeHint(field('replicates'))).toBe('integer, ≥ 1, ≤ 1000000');
    expect(rangeHint(field('filter.keepFraction'))).toBe('number, > 0, ≤ 1');
    expect(rangeHint(field('seed'))).toBe('integer, ≥ 0');
    expect(rangeHint(field('name'))).toBe('');
  });
});

describe('preset facts', () => {
  it('describes the model and the filter in one line each', () => {
    expect(describeModel(ORACLE)).toBe('gaussian, d = 2, mean only');
    expect(describeModel({ ...ORACLE, model: { ...ORACLE.model, estimate: 'mean-cov' } })).toBe('gaussian, d = 2, mean and covariance');
    expect(describeModel({ ...ORACLE, model: { ...ORACLE.model, family: 'poisson' } })).toBe('poisson, d = 2');
    expect(describeFilter(ORACLE)).toBe('oracle, q = 0.7');
    expect(describeFilter({ ...ORACLE, filter: { kind: 'none', keepFraction: 0.7 } })).toBe('none');
  });
});
