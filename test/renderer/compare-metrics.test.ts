import { describe, expect, it } from 'vitest';
import { isMetricId, metricDef, METRICS } from '../../renderer/compare/metrics';
import { hasValues, toRunColumns } from '../../renderer/compare/run-columns';
import { columns, series } from './compare-fixtures';

describe('toRunColumns', () => {
  it('reads every generation into typed columns, null as NaN', () => {
    const run = toRunColumns(series('a', [2, 3], {}, (t) => (t === 1 ? { diversity: null, testError: { mean: 0.5 }, theory: { errorMeanSq: null, testError: 0.4 } } : {})));
    expect([...run.t]).toEqual([0, 1]);
    expect([...run.cols.errRms]).toEqual([2, 3]);
    expect([...run.cols.errQ25]).toEqual([1, 2]);
    expect(run.cols.divMean[1]).toBeNaN();
    expect(run.cols.testError[0]).toBeNaN();
    expect(run.cols.testError[1]).toBe(0.5);
    expect([...run.cols.theoryMsq]).toEqual([4, Number.NaN]);
    expect(run.cols.theoryTest[1]).toBe(0.4);
    expect(hasValues(run.cols.testError)).toBe(true);
    expect(hasValues(new Float64Array([Number.NaN]))).toBe(false);
  });
});

describe('METRICS', () => {
  const run = columns('a', [2, 3]);

  it('MSE plots rms^2 against theory.errorMeanSq, with the squared quartiles as its band', () => {
    const a = metricDef('mse').arrays(run);
    expect([...a.line]).toEqual([4, 9]);
    expect([...a.lo!]).toEqual([1, 4]);
    expect([...a.hi!]).toEqual([9, 16]);
    expect([...a.theory!]).toEqual([4, 9]);
  });

  it('a neural run without a closed form draws seed 000\'s bound theory.contractionBound dashed instead', () => {
    const neural = columns('n', [0.1, 0.2], {}, (t) => ({ theory: { errorMeanSq: null, testError: null, contractionBound: 0.02 * (t + 1) } }));
    expect([...metricDef('mse').arrays(neural).theory!]).toEqual([0.02, 0.04]);
    expect(metricDef('mse').caption).toMatch(/theory\.contractionBound/);
  });

  it('the median view has the stored quartiles and no theory (the closed forms are for the mean square)', () => {
    const a = metricDef('error').arrays(run);
    expect([...a.line]).toEqual([2, 3]);
    expect([...a.lo!]).toEqual([1, 2]);
    expect([...a.hi!]).toEqual([3, 4]);
    expect(a.theory).toBeNull();
    expect(metricDef('error').caption).toMatch(/not the median/);
  });

  it('test error compares with theory.testError, and a run without it has no theory', () => {
    const reg = columns('r', [1, 1], {}, (t) => ({ testError: { mean: 0.1 * (t + 1) }, theory: { errorMeanSq: null, testError: 0.1 } }));
    const a = metricDef('testError').arrays(reg);
    expect([...a.line]).toEqual([0.1, 0.2]);
    expect([...a.theory!]).toEqual([0.1, 0.1]);
    expect(metricDef('testError').arrays(run).theory).toBeNull();
  });

  it('kept and diversity are plain lines; ids are checked', () => {
    expect([...metricDef('kept').arrays(run).line]).toEqual([1, 1]);
    expect(metricDef('diversity').arrays(run).lo).toBeNull();
    expect(METRICS.map((m) => m.id)).toEqual(['mse', 'error', 'testError', 'kept', 'diversity']);
    expect(isMetricId('mse')).toBe(true);
    expect(isMetricId('rms')).toBe(false);
  });
});
