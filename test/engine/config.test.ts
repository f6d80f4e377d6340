/**
 * Config resolution and validation (docs/cli.md: a run that cannot start prints one line naming
 * the field and the reason), `--set` overrides, and the built-in presets (docs/experiments.md 7).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  applyOverrides,
  ConfigError,
  DEFAULT_CONFIG,
  fieldSpec,
  findPreset,
  getPath,
  parseOverrideValue,
  PRESETS,
  presetConfig,
  resolveConfig,
  setPath,
  truthVector,
} from '../../engine/index';

/** The ConfigError thrown by `fn` (fails the test if it throws anything else or nothing). */
function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError, but nothing was thrown');
}

describe('resolveConfig: defaults', () => {
  it('fills every field from the defaults (docs/experiments.md 7: R = 200, seed 1)', () => {
    const c = resolveConfig({});
    // toMatchObject: fields added later (with defaults of their own) do not break this check.
    expect(c).toMatchObject({
      name: 'untitled',
      seed: 1,
      replicates: 200,
      generations: 200,
      model: { family: 'gaussian', dim: 2, estimate: 'mean', estimator: 'mle', sigma: 1 },
      sampleSize: { schedule: 'constant', n0: 100 },
      data: { mode: 'replace', realPerGeneration: 100, realWeight: 0.618 },
      filter: { kind: 'none', keepFraction: 0.7 },
    });
    expect(Array.from(truthVector(c))).toEqual([0, 0]);
  });

  it('merges nested partials field by field and does not touch its input or the defaults', () => {
    const partial = { replicates: 7, model: { dim: 3, truth: [1, 2, 3] }, data: { mode: 'fresh' } };
    const copy = JSON.parse(JSON.stringify(partial));
    const c = resolveConfig(partial);
    expect(c.replicates).toBe(7);
    expect(c.model).toMatchObject({ family: 'gaussian', dim: 3, estimate: 'mean', estimator: 'mle', sigma: 1, truth: [1, 2, 3] });
    expect(c.data).toMatchObject({ mode: 'fresh', realPerGeneration: 100, realWeight: 0.618 });
    expect(partial).toEqual(copy);
    expect(Array.from(truthVector(c))).toEqual([1, 2, 3]);
    c.model.dim = 99;
    expect(DEFAULT_CONFIG.model.dim).toBe(2);
  });

  it('uses each family\'s default truth', () => {
    expect(Array.from(truthVector(resolveConfig({ model: { family: 'poisson' } })))).toEqual([4, 4]);
    expect(Array.from(truthVector(resolveConfig({ model: { family: 'bernoulli' } })))).toEqual([0.3, 0.3]);
    expect(Array.from(truthVector(resolveConfig({ model: { family: 'exponential' } })))).toEqual([1, 1]);
  });
});

describe('resolveConfig: bad inputs name the field and the reason', () => {
  // [partial, exact message]: "path: reason", the line the CLI prints before exiting with status 2.
  // Enum messages list the registry's values, so families or filters added later keep them exact.
  const oneOf = (path: string): string => `expected one of ${fieldSpec(path)!.values!.join(', ')}`;
  const cases: [string, unknown, string][] = [
    ['negative replicates', { replicates: -5 }, 'replicates: expected a positive integer up to 1000000, got -5'],
    ['fractional replicates', { replicates: 2.5 }, 'replicates: expected a positive integer up to 1000000, got 2.5'],
    ['too many replicates', { replicates: 1_000_001 }, 'replicates: expected a positive integer up to 1000000, got 1000001'],
    ['seed as a string', { seed: 'abc' }, 'seed: expected a non-negative integer up to 9007199254740991, got "abc"'],
    ['negative generations', { generations: -1 }, 'generations: expected a non-negative integer up to 10000000, got -1'],
    ['unknown family', { model: { family: 'cauchy' } }, `model.family: ${oneOf('model.family')}, got "cauchy"`],
    ['dimension 0', { model: { dim: 0 } }, 'model.dim: expected a positive integer up to 4096, got 0'],
    ['sigma 0', { model: { sigma: 0 } }, 'model.sigma: expected a number > 0 and <= 1e+150, got 0'],
    ['sigma NaN (as --set gives it: a string)', { model: { sigma: 'NaN' } }, 'model.sigma: expected a number > 0 and <= 1e+150, got "NaN"'],
    // A JS NaN or Infinity is still rejected (the merge's JSON copy turns it into null first).
    ['sigma Infinity from JS', { model: { sigma: Infinity } }, 'model.sigma: expected a number > 0 and <= 1e+150, got '],
    ['unknown estimate', { model: { estimate: 'cov' } }, `model.estimate: ${oneOf('model.estimate')}, got "cov"`],
    ['truth not numbers', { model: { truth: ['a'] } }, 'model.truth: expected a number or an array of numbers, got ["a"]'],
    ['n0 as a string', { sampleSize: { n0: '100' } }, 'sampleSize.n0: expected a positive integer up to 100000000, got "100"'],
    ['unknown schedule', { sampleSize: { schedule: 'cubic' } }, `sampleSize.schedule: ${oneOf('sampleSize.schedule')}, got "cubic"`],
    ['power too large', { sampleSize: { schedule: 'power', power: 11 } }, 'sampleSize.power: expected a number >= 0 and <= 10, got 11'],
    ['realWeight above 1', { data: { realWeight: 1.5 } }, 'data.realWeight: expected a number >= 0 and <= 1, got 1.5'],
    ['unknown data mode', { data: { mode: 'mix' } }, `data.mode: ${oneOf('data.mode')}, got "mix"`],
    ['keepFraction 0', { filter: { keepFraction: 0 } }, 'filter.keepFraction: expected a number > 0 and <= 1, got 0'],
    ['unknown filter', { filter: { kind: 'neural-x' } }, `filter.kind: ${oneOf('filter.kind')}, got "neural-x"`],
    ['name not a string', { name: 5 }, 'name: expected a string, got 5'],
    ['a group replaced by a number', { model: 3 }, 'model: unknown config field'],
    ['not an object', [1, 2], 'config: expected a JSON object, got [1,2]'],
    ['null', null, 'config: expected a JSON object, got null'],
  ];
  it.each(cases)('%s', (_label, partial, message) => {
    const e = configError(() => resolveConfig(partial));
    expect(e.message.startsWith(message)).toBe(true);
    expect(e.issues[0].path).toBe(message.slice(0, message.indexOf(':')));
  });

  it('enum fields accept at least the contract\'s values', () => {
    expect(fieldSpec('model.family')!.values).toEqual(expect.arrayContaining(['gaussian', 'poisson', 'bernoulli', 'exponential']));
    expect(fieldSpec('model.estimate')!.values).toEqual(['mean', 'mean-cov']);
    expect(fieldSpec('model.estimator')!.values).toEqual(['mle', 'unbiased']);
    expect(fieldSpec('sampleSize.schedule')!.values).toEqual(['constant', 'sqrt', 'linear', 'power']);
    expect(fieldSpec('data.mode')!.values).toEqual(['replace', 'accumulate', 'fresh']);
    expect(fieldSpec('filter.kind')!.values).toEqual(expect.arrayContaining(['none', 'oracle']));
  });

  it('reports a single issue as exactly "path: reason" and several as the first (in field order) with a count', () => {
    expect(configError(() => resolveConfig({ replicates: -5 })).message).toBe('replicates: expected a positive integer up to 1000000, got -5');
    const e = configError(() => resolveConfig({ replicates: -5, seed: -1, model: { dim: 0 } }));
    expect(e.message).toBe('seed: expected a non-negative integer up to 9007199254740991, got -1 (and 2 more)');
    expect(e.issues.map((i) => i.path).sort()).toEqual(['model.dim', 'replicates', 'seed']);
    expect(e.name).toBe('ConfigError');
  });

  it('names unknown fields with a did-you-mean hint', () => {
    expect(configError(() => resolveConfig({ replicate: 5 })).message).toBe('replicate: unknown config field (did you mean replicates?)');
    expect(configError(() => resolveConfig({ model: { dimm: 3 } })).message).toBe('model.dimm: unknown config field (did you mean model.dim?)');
    expect(configError(() => resolveConfig({ sampleSize: { nO: 3 } })).message).toBe('sampleSize.nO: unknown config field (did you mean sampleSize.n0?)');
    // Far from every known path: no hint.
    expect(configError(() => resolveConfig({ completelyDifferentThing: 1 })).message).toBe('completelyDifferentThing: unknown config field');
  });
});

describe('resolveConfig: cross-field rules', () => {
  const cases: [string, unknown, string][] = [
    ['bernoulli truth above 1', { model: { family: 'bernoulli', truth: 1.5 } }, 'model.truth: expected probabilities strictly between 0 and 1 for bernoulli, got 1.5'],
    ['bernoulli truth 0', { model: { family: 'bernoulli', truth: [0.5, 0] } }, 'model.truth: expected probabilities strictly between 0 and 1 for bernoulli, got 0'],
    ['poisson rate 0', { model: { family: 'poisson', truth: 0 } }, 'model.truth: expected positive rates for poisson, got 0'],
    ['exponential negative rate', { model: { family: 'exponential', truth: -1 } }, 'model.truth: expected positive rates for exponential, got -1'],
    ['truth of the wrong length', { model: { truth: [1, 2, 3] } }, 'model.truth: expected 2 numbers (model.dim), got 3'],
    ['mean-cov for poisson', { model: { family: 'poisson', estimate: 'mean-cov' } }, "model.estimate: 'mean-cov' applies to gaussian only, got family poisson"],
    ['unbiased with a known covariance', { model: { estimator: 'unbiased' } }, "model.estimator: 'unbiased' changes only a fitted gaussian covariance (model.estimate = mean-cov); use 'mle'"],
    ['unbiased for bernoulli', { model: { family: 'bernoulli', estimator: 'unbiased' } }, "model.estimator: 'unbiased' changes only"],
    ['power schedule without power', { sampleSize: { schedule: 'power' } }, "sampleSize.power: required when sampleSize.schedule is 'power'"],
    ['mean-cov with n0 = d', { model: { estimate: 'mean-cov', dim: 3 }, sampleSize: { n0: 3 } }, 'sampleSize.n0: a fitted 3x3 covariance needs at least 4 samples, got 3'],
    ['mean-cov with too few initial samples', { model: { estimate: 'mean-cov' }, sampleSize: { initial: 2 } }, 'sampleSize.initial: a fitted 2x2 covariance needs at least 3 samples, got 2'],
    ['mean-cov oracle keeping too few', { model: { estimate: 'mean-cov', dim: 2 }, sampleSize: { n0: 4 }, filter: { kind: 'oracle', keepFraction: 0.5 } }, 'filter.keepFraction: generation 1 would fit a 2x2 covariance on 2 samples; it needs at least 3'],
    ['mean-cov fresh with too few real samples', { model: { estimate: 'mean-cov' }, data: { mode: 'fresh', realPerGeneration: 2 } }, 'data.realPerGeneration: a fitted 2x2 covariance needs at least 3 samples, got 2'],
    ['a schedule beyond the memory cap', { sampleSize: { schedule: 'linear', n0: 1_000_000 }, generations: 100 }, 'sampleSize.n0: the schedule reaches 101000000 samples of dimension 2 in one generation; the limit is 33554432 values'],
  ];
  it.each(cases)('%s', (_label, partial, message) => {
    const e = configError(() => resolveConfig(partial));
    expect(e.message.startsWith(message)).toBe(true);
  });

  it('accepts the boundary cases', () => {
    // n = d + 1 is the least sample size a fitted covariance allows.
    expect(() => resolveConfig({ model: { estimate: 'mean-cov', dim: 3 }, sampleSize: { n0: 4 } })).not.toThrow();
    // accumulate pools the samples, so generation 1 may draw fewer than d + 1.
    expect(() => resolveConfig({ model: { estimate: 'mean-cov', dim: 3 }, sampleSize: { n0: 4, initial: 4 }, data: { mode: 'accumulate' } })).not.toThrow();
    expect(() => resolveConfig({ model: { estimate: 'mean-cov', estimator: 'unbiased' } })).not.toThrow();
    expect(() => resolveConfig({ sampleSize: { schedule: 'power', power: 0 } })).not.toThrow();
    expect(() => resolveConfig({ generations: 0, replicates: 1, seed: 0 })).not.toThrow();
    expect(() => resolveConfig({ data: { realWeight: 0 } })).not.toThrow();
    expect(() => resolveConfig({ filter: { kind: 'oracle', keepFraction: 1 } })).not.toThrow();
    expect(() => resolveConfig({ model: { family: 'bernoulli', truth: [0.01, 0.99] } })).not.toThrow();
  });
});

describe('--set overrides', () => {
  it('parses values as JSON when they parse, else keeps the string', () => {
    expect(parseOverrideValue('500')).toBe(500);
    expect(parseOverrideValue('0.3')).toBe(0.3);
    expect(parseOverrideValue('1e3')).toBe(1000);
    expect(parseOverrideValue('true')).toBe(true);
    expect(parseOverrideValue('null')).toBe(null);
    expect(parseOverrideValue('[1,2]')).toEqual([1, 2]);
    expect(parseOverrideValue('"quoted"')).toBe('quoted');
    expect(parseOverrideValue('none')).toBe('none');
    expect(parseOverrideValue('mean-cov')).toBe('mean-cov');
    expect(parseOverrideValue('001')).toBe('001'); // not valid JSON: stays a string
    expect(parseOverrideValue('')).toBe('');
  });

  it('applies the contract\'s example overrides by dotted path without touching the input', () => {
    const base = { name: 'x', filter: { kind: 'oracle' } };
    const out = applyOverrides(base, ['replicates=500', 'filter.kind=none', 'data.realWeight=0.3', 'model.truth=[1,2]', 'name=a=b']);
    expect(out).toEqual({ name: 'a=b', replicates: 500, filter: { kind: 'none' }, data: { realWeight: 0.3 }, model: { truth: [1, 2] } });
    expect(base).toEqual({ name: 'x', filter: { kind: 'oracle' } });
    const c = resolveConfig(out);
    expect(c.replicates).toBe(500);
    expect(c.filter.kind).toBe('none');
    expect(c.data.realWeight).toBe(0.3);
  });

  it('rejects unknown paths with a hint, and items without "="', () => {
    expect(configError(() => applyOverrides({}, ['replicate=5'])).message).toBe('replicate: unknown config field (did you mean replicates?)');
    expect(configError(() => applyOverrides({}, ['filter.keep=0.5'])).message).toMatch(/^filter\.keep: unknown config field/);
    expect(configError(() => applyOverrides({}, ['replicates'])).message).toBe('--set: expected PATH=VALUE, got "replicates"');
    expect(configError(() => applyOverrides({}, ['=5'])).message).toBe('--set: expected PATH=VALUE, got "=5"');
  });

  it('leaves type and range errors to resolveConfig, which names the field', () => {
    const out = applyOverrides({}, ['replicates=-5', 'name=true']);
    const e = configError(() => resolveConfig(out));
    expect(e.message).toBe('name: expected a string, got true (and 1 more)');
    expect(e.issues[1]).toEqual({ path: 'replicates', message: 'expected a positive integer up to 1000000, got -5' });
    expect(configError(() => resolveConfig(applyOverrides({}, ['model.family=gauss']))).message).toBe(
      `model.family: expected one of ${fieldSpec('model.family')!.values!.join(', ')}, got "gauss"`,
    );
  });

  it('getPath and setPath walk dotted paths', () => {
    const o: Record<string, unknown> = {};
    setPath(o, 'a.b.c', 1);
    setPath(o, 'a.d', 2);
    expect(o).toEqual({ a: { b: { c: 1 }, d: 2 } });
    expect(getPath(o, 'a.b.c')).toBe(1);
    expect(getPath(o, 'a.x.c')).toBeUndefined();
  });
});

describe('presets', () => {
  // docs/experiments.md section 7's table: the preset names are part of the contract.
  const doc = readFileSync(fileURLToPath(new URL('../../docs/experiments.md', import.meta.url)), 'utf8');
  const section7 = doc.slice(doc.indexOf('## 7.'), doc.indexOf('## 8.'));
  const documented = new Set([...section7.matchAll(/`([A-Za-z0-9.-]+)`/g)].map((m) => m[1]));

  it('reads the documented names from docs/experiments.md, and documents no preset that does not exist', () => {
    for (const name of ['xu-fixed-n', 'xu-superlinear', 'variance-collapse', 'accumulate', 'fresh-golden', 'oracle-ball']) {
      expect(documented.has(name)).toBe(true);
    }
    expect([...documented].filter((name) => !findPreset(name!))).toEqual([]);
  });

  it.each(PRESETS.map((p) => [p.name, p] as const))('%s resolves and is documented in docs/experiments.md section 7', (name, preset) => {
    expect(documented.has(name)).toBe(true);
    const c = resolveConfig(presetConfig(preset));
    expect(c.preset).toBe(name);
    // Section 7: "200 replicates (10 for ridge-collapse, 50 for gmm-accumulate, 4 for mnist-kernel-ridge), seed 1."
    expect(c.replicates).toBe(({ 'ridge-collapse': 10, 'gmm-accumulate': 50, 'mnist-kernel-ridge': 4 } as Record<string, number>)[name] ?? 200);
    expect(c.seed).toBe(1);
    expect(findPreset(name)).toBe(preset);
    expect(preset.title.length).toBeGreaterThan(0);
    expect(preset.source.length).toBeGreaterThan(0);
  });

  it('has the parameters section 7 describes', () => {
    const get = (name: string) => resolveConfig(presetConfig(findPreset(name)!));
    const fixed = get('xu-fixed-n');
    expect([fixed.model.dim, fixed.sampleSize.schedule, fixed.sampleSize.n0, fixed.data.mode, fixed.filter.kind, fixed.generations]).toEqual([2, 'constant', 100, 'replace', 'none', 200]);
    const sup = get('xu-superlinear');
    expect([sup.sampleSize.schedule, sup.sampleSize.n0, sup.sampleSize.power]).toEqual(['power', 100, 1.5]);
    const vc = get('variance-collapse');
    expect([vc.model.estimate, vc.model.estimator, vc.model.dim, vc.sampleSize.n0, vc.generations]).toEqual(['mean-cov', 'mle', 2, 20, 100]);
    const acc = get('accumulate');
    expect([acc.model.estimate, acc.sampleSize.n0, acc.data.mode, acc.generations]).toEqual(['mean-cov', 50, 'accumulate', 100]);
    const fresh = get('fresh-golden');
    expect([fresh.model.dim, fresh.data.mode, fresh.data.realPerGeneration, fresh.sampleSize.n0, fresh.data.realWeight, fresh.generations]).toEqual([2, 'fresh', 100, 100, 0.618, 200]);
    const oracle = get('oracle-ball');
    expect([oracle.model.dim, oracle.filter.kind, oracle.filter.keepFraction, oracle.sampleSize.n0, oracle.generations]).toEqual([2, 'oracle', 0.7, 1000, 200]);
  });

  it('accepts overrides on a preset', () => {
    const c = resolveConfig(applyOverrides(presetConfig(findPreset('oracle-ball')!), ['replicates=10', 'filter.kind=none']));
    expect(c.replicates).toBe(10);
    expect(c.filter.kind).toBe('none');
    expect(c.sampleSize.n0).toBe(1000);
    expect(findPreset('no-such-preset')).toBeUndefined();
  });
});
