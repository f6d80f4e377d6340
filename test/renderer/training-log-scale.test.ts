import { describe, expect, it } from 'vitest';
import { countOnFloor, DEFAULT_LOG_FLOOR, logFloor, logSafe, minPositive } from '../../renderer/training/log-scale';

describe('log-safe losses', () => {
  it('finds the smallest positive finite value across columns', () => {
    expect(minPositive([[0, 0.3, 2e-5], [0, 7e-6, Number.NaN]])).toBe(7e-6);
    expect(minPositive([[0, 0], [-1]])).toBeNull();
    expect(minPositive([[Infinity, Number.NaN]])).toBeNull();
  });

  it('puts the floor one decade below the smallest positive value, on a power of ten', () => {
    expect(logFloor([[0.62, 0.3, 0.25]])).toBe(0.01);
    expect(logFloor([[0, 3.2e-5, 1e-3]])).toBeCloseTo(1e-6, 20);
    expect(logFloor([[0, 1e-4]])).toBeCloseTo(1e-5, 20);
    // Only zeros so far (L_ess often is): a fixed floor.
    expect(logFloor([[0, 0, 0]])).toBe(DEFAULT_LOG_FLOOR);
    expect(logFloor([[]], 1e-3)).toBe(1e-3);
  });

  it('draws zeros (and anything at or under the floor) on the floor, leaves positives alone, and gaps NaN', () => {
    const contr = [0, 2e-4, 0, 5e-6, Number.NaN, -1e-12, Infinity];
    const floor = logFloor([contr]);
    expect(floor).toBeCloseTo(1e-7, 20);
    const safe = logSafe(contr, floor);
    expect(safe).toEqual([floor, 2e-4, floor, 5e-6, null, floor, null]);
    for (const v of safe) if (v !== null) expect(v).toBeGreaterThan(0);
    expect(countOnFloor([contr], floor)).toBe(3);
  });

  it('never returns a value a log axis refuses, whatever the input', () => {
    const values = [0, -0, 1e-300, 5e-324, 1, 1e300, -5];
    const floor = logFloor([values]);
    expect(floor).toBeGreaterThan(0);
    for (const v of logSafe(values, floor)) expect(v === null || v > 0).toBe(true);
  });
});
