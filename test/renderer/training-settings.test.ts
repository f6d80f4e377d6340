import { describe, expect, it } from 'vitest';
import { CONFIG_FIELDS, DEFAULT_CONFIG, DEFAULT_TRAINING, trainingSettings } from '../../engine';
import { ServiceError } from '../../main/services/errors';
import { prepareRun } from '../../main/services/prepare-run';
import {
  defaultValues,
  describeSettings,
  epochsOf,
  fieldError,
  toOverrides,
  trainCliCommand,
  trainFields,
  valuesFromSettings,
  type TrainValues,
} from '../../renderer/training/train-settings';
import { CONFIG_FIELD_INFOS } from './config-fields';

/** The form's fields as the page builds them from `config:fields`. */
const FIELDS = trainFields(CONFIG_FIELD_INFOS);
const defaults = (): TrainValues => defaultValues(FIELDS);

/** What `filters:train` does with the form's overrides (main/services/workbench.ts). */
function trainRequest(overrides: string[]) {
  return trainingSettings(prepareRun({ config: { filter: { kind: 'neural' } }, overrides }));
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe('INVALID_CONFIG');
    return (error as Error).message;
  }
  throw new Error('expected INVALID_CONFIG');
}

describe('the Train form settings', () => {
  it('default to docs/experiments.md section 4, exactly the engine defaults', () => {
    // The training seed follows the run's seed; filters:train trains from the default config.
    for (const f of FIELDS) expect(f.default, f.key).toBe(f.key === 'seed' ? DEFAULT_CONFIG.seed : DEFAULT_TRAINING[f.key]);
    expect(defaults()).toMatchObject({ lambda: '1', mu: '0.1', c: '0.1', hidden: '128', epochs: '200', learningRate: '0.001', tau: '0.2' });
  });

  it('name real config fields of the right kind', () => {
    for (const f of FIELDS) {
      const spec = CONFIG_FIELDS.find((s) => s.path === f.path);
      expect(spec, f.path).toBeDefined();
      expect(spec!.kind).toBe(f.kind);
      expect(f.label).toBe(spec!.label);
      expect(f.hint.startsWith(spec!.doc), f.path).toBe(true);
    }
    expect(FIELDS.find((f) => f.key === 'lambda')?.hint).toBe('weight of L_contr in L = L_cls + λ L_contr + μ L_ess · number, ≥ 0, ≤ 1000000');
  });

  it('refuse a field table that lacks one of the form\'s fields', () => {
    expect(() => trainFields(CONFIG_FIELD_INFOS.filter((f) => f.path !== 'filter.training.mu'))).toThrow(/filter\.training\.mu/);
  });

  it('send only what differs from the defaults, and the services take it', () => {
    expect(toOverrides(FIELDS, defaults())).toEqual([]);
    const values: TrainValues = { ...defaults(), lambda: '2', epochs: ' 40 ', learningRate: '1e-3', mu: '' };
    const overrides = toOverrides(FIELDS, values);
    expect(overrides).toEqual(['filter.training.lambda=2', 'filter.training.epochs=40']);
    expect(trainRequest(overrides)).toMatchObject({ ...DEFAULT_TRAINING, lambda: 2, epochs: 40 });
  });

  it('map the services refusal back onto its field', () => {
    for (const [values, key] of [
      [{ lambda: '-1' }, 'lambda'],
      [{ hidden: '12.5' }, 'hidden'],
      [{ learningRate: '0' }, 'learningRate'],
      [{ c: 'abc' }, 'c'],
      [{ heldOut: '0.95' }, 'heldOut'],
    ] as const) {
      const message = messageOf(() => trainRequest(toOverrides(FIELDS, { ...defaults(), ...values })));
      const shown = fieldError(FIELDS, message);
      expect(shown?.key, message).toBe(key);
      expect(shown!.message).toMatch(/^expected /);
    }
    expect(fieldError(FIELDS, 'filter.kind: something else')).toBeNull();
    expect(fieldError(FIELDS, 'no field here')).toBeNull();
  });

  it('read the epochs for the chart axis, falling back to the default', () => {
    expect(epochsOf(FIELDS, { ...defaults(), epochs: '40' })).toBe(40);
    expect(epochsOf(FIELDS, { ...defaults(), epochs: 'x' })).toBe(200);
  });

  it('round-trip a stored filter settings, and describe them', () => {
    const stored = { ...DEFAULT_TRAINING, lambda: 3, epochs: 40 };
    const values = valuesFromSettings(FIELDS, stored);
    expect(toOverrides(FIELDS, values)).toEqual(['filter.training.lambda=3', 'filter.training.epochs=40']);
    expect(valuesFromSettings(FIELDS, null)).toEqual(defaults());
    expect(describeSettings(stored)).toBe('λ 3 · μ 0.1 · c 0.1 · 128 hidden · lr 0.001 · 40 epochs');
  });

  it('give the same training as a terminal command', () => {
    expect(trainCliCommand('abc123', ['filter.training.epochs=40'], "Ann's filter")).toBe(
      "npm run --silent cli -- train-filter --labels abc123 --name 'Ann'\\''s filter' --set filter.training.epochs=40",
    );
    expect(trainCliCommand('abc123', [])).toBe('npm run --silent cli -- train-filter --labels abc123');
  });
});
