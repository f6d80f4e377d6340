/**
 * What the closed-form suites (closed-forms-*.test.ts) share: the tolerance, the engine's
 * theory series and the check that records a row for the CLOSED_FORM_REPORT table.
 */
import { expect } from 'vitest';
import { createErrorTheory, type RunConfig } from '../../engine/index';
import { record } from './helpers';

export const Z = 4; // tolerance in standard errors

/** theory.errorMeanSq for t = 0..T from the engine's stepper. */
export function theorySeries(cfg: RunConfig, T = cfg.generations): number[] {
  const stepper = createErrorTheory(cfg);
  return Array.from({ length: T + 1 }, (_, t) => stepper.next(t) as number);
}

export function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

/** Asserts |measured - theory| <= Z se and records the row for the report. */
export function within(check: string, measured: number, theory: number, se: number, how: string): void {
  record({ check, measured, theory, tolerance: `${Z} SE = ${(Z * se).toExponential(2)} (${how})` });
  expect(Number.isFinite(measured)).toBe(true);
  expect(se).toBeGreaterThan(0);
  expect(Math.abs(measured - theory)).toBeLessThanOrEqual(Z * se);
}
