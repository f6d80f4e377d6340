/**
 * The registries' behaviour at the edges the compiler cannot see: a name from outside the name
 * arrays (a typed config file), a filter a family does not define, a setting where its rule says
 * it does not apply, and a family without a sampling kernel. Completeness (every name has an
 * entry) is the compiler's job and has no test here.
 */
import { describe, expect, it } from 'vitest';
import { CONFIG_FIELDS, resolveConfig } from '../../engine';
import { refusal } from './helpers';
import { FAMILIES, FILTER_KINDS } from '../../engine/config/names';
import { createFamilyKernel } from '../../engine/families';

describe('the name arrays at validation', () => {
  it('refuse an unknown family with one line naming model.family and listing the registry', () => {
    expect(refusal({ model: { family: 'gamma' } })).toBe(`model.family: expected one of ${FAMILIES.join(', ')}, got "gamma"`);
  });

  it('refuse an unknown filter kind with one line naming filter.kind', () => {
    expect(refusal({ filter: { kind: 'median' } })).toBe(`filter.kind: expected one of ${FILTER_KINDS.join(', ')}, got "median"`);
  });

  it('refuse a filter the family does not define, naming filter.kind and the ones it does', () => {
    expect(refusal({ model: { family: 'poisson' }, filter: { kind: 'verifier', radius: 1 } })).toBe("filter.kind: 'verifier' is not defined for poisson; use none or oracle or neural");
    expect(refusal({ model: { family: 'linear-regression' }, filter: { kind: 'oracle' } })).toBe("filter.kind: 'oracle' is not defined for linear-regression; use none or verifier");
  });
});

describe('applicability rules of the field table', () => {
  it('name a group whose fields share one rule by the group, as the config writes it', () => {
    expect(refusal({ filter: { kind: 'none', training: { lambda: 2 } } })).toBe("filter.training: applies only when filter.kind is 'neural', got 'none'");
    expect(refusal({ filter: { kind: 'oracle', labels: { generations: 3 } } })).toBe("filter.labels: applies only when filter.kind is 'neural', got 'oracle'");
  });

  it('leave a field whose rule says "ignored" alone: a power without the power schedule runs', () => {
    expect(CONFIG_FIELDS.find((f) => f.path === 'sampleSize.power')?.otherwise).toBe('ignored');
    expect(resolveConfig({ sampleSize: { schedule: 'constant', n0: 10, power: 2 } }).sampleSize.power).toBe(2);
  });

  it('carry the defaults the engine fills in, read from the defaults themselves', () => {
    const byPath = new Map(CONFIG_FIELDS.map((f) => [f.path, f]));
    const filled = resolveConfig({});
    expect(byPath.get('replicates')?.default).toBe(filled.replicates);
    expect(byPath.get('filter.keepFraction')?.default).toBe(filled.filter.keepFraction);
    expect(byPath.get('model.truth')?.default).toBeUndefined();
  });
});

describe('the family registry', () => {
  it('refuses a sampling kernel for a family its own block advances, instead of sampling another', () => {
    expect(() => createFamilyKernel(resolveConfig({ model: { family: 'linear-regression', dim: 2 }, sampleSize: { n0: 10 } }))).toThrow(/linear-regression has no sampling kernel/);
  });
});
