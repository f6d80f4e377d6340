import { describe, expect, it } from 'vitest';
import { CONFIG_FIELDS, DEFAULT_TRAINING, trainingSettings } from '../../engine';
import { ServiceError } from '../../main/services/errors';
import { prepareRun } from '../../main/services/prepare-run';
import {
  defaultValues,
  describeSettings,
  epochsOf,
  fieldError,
  toOverrides,
  TRAIN_FIELDS,
  trainCliCommand,
  valuesFromSettings,
  type TrainValues,
} from '../../renderer/training/train-settings';

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
    for (const f of TRAIN_FIELDS) expect(f.default, f.key).toBe(DEFAULT_TRAINING[f.key]);
    expect(defaultValues()).toMatchObject({ lambda: '1', mu: '0.1', c: '0.1', hidden: '128', epochs: '200', learningRate: '0.001', tau: '0.2' });
  });

  it('name real config fields of the right kind', () => {
    for (const f of TRAIN_FIELDS) {
      const spec = CONFIG_FIELDS.find((s) => s.path === f.path);
      expect(spec, f.path).toBeDefined();
      expect(spec!.kind).toBe(f.kind);
    }
  });

  it('send only what differs from the defaults, and the services take it', () => {
    expect(toOverrides(defaultValues())).toEqual([]);
    const values: TrainValues = { ...defaultValues(), lambda: '2', epochs: ' 40 ', learningRate: '1e-3', mu: '' };
    const overrides = toOverrides(values);
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
      const message = messageOf(() => trainRequest(toOverrides({ ...defaultValues(), ...values })));
      const shown = fieldError(message);
      expect(shown?.key, message).toBe(key);
      expect(shown!.message).toMatch(/^expected /);
    }
    expect(fieldError('filter.kind: something else')).toBeNull();
    expect(fieldError('no field here')).toBeNull();
  });

  it('read the epochs for the chart axis, falling back to the default', () => {
    expect(epochsOf({ ...defaultValues(), epochs: '40' })).toBe(40);
    expect(epochsOf({ ...defaultValues(), epochs: 'x' })).toBe(200);
  });

  it('round-trip a stored filter settings, and describe them', () => {
    const stored = { ...DEFAULT_TRAINING, lambda: 3, epochs: 40 };
    const values = valuesFromSettings(stored);
    expect(toOverrides(values)).toEqual(['filter.training.lambda=3', 'filter.training.epochs=40']);
    expect(valuesFromSettings(null)).toEqual(defaultValues());
    expect(describeSettings(stored)).toBe('λ 3 · μ 0.1 · c 0.1 · 128 hidden · lr 0.001 · 40 epochs');
  });

  it('give the same training as a terminal command', () => {
    expect(trainCliCommand('abc123', ['filter.training.epochs=40'], "Ann's filter")).toBe(
      "npm run --silent cli -- train-filter --labels abc123 --name 'Ann'\\''s filter' --set filter.training.epochs=40",
    );
    expect(trainCliCommand('abc123', [])).toBe('npm run --silent cli -- train-filter --labels abc123');
  });
});
