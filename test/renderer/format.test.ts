import { describe, expect, it } from 'vitest';
import { describeProgress, formatDateTime, formatDuration, formatMetric, percent } from '../../renderer/lib/format';
import { describeError } from '../../renderer/lib/errors';

describe('percent and describeProgress', () => {
  it('floors, clamps and survives an empty total', () => {
    expect(percent(0, 301)).toBe(0);
    expect(percent(150, 301)).toBe(49);
    expect(percent(301, 301)).toBe(100);
    expect(percent(400, 301)).toBe(100);
    expect(percent(5, 0)).toBe(0);
    expect(describeProgress(120, 301)).toBe('120 / 301 generations (39%)');
  });
});

describe('formatMetric', () => {
  it('keeps 4 significant digits and switches to exponents at the extremes', () => {
    expect(formatMetric(0.038341)).toBe('0.03834');
    expect(formatMetric(3.6912)).toBe('3.691');
    expect(formatMetric(0)).toBe('0');
    expect(formatMetric(0.00001234)).toBe('1.23e-5');
    expect(formatMetric(123456)).toBe('1.23e+5');
    expect(formatMetric(null)).toBe('–');
    expect(formatMetric(Number.NaN)).toBe('–');
    expect(formatMetric(Infinity)).toBe('∞');
  });
});

describe('formatDateTime', () => {
  it('formats a stored ISO time in the given zone, and leaves garbage as it is', () => {
    expect(formatDateTime('2026-11-21T20:28:22.005Z', { timeZone: 'UTC' })).toBe('21 Nov 2026, 20:28');
    expect(formatDateTime('2026-11-21T20:28:22.005Z', { timeZone: 'Asia/Tokyo' })).toBe('22 Nov 2026, 05:28');
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});

describe('formatDuration', () => {
  it('picks a readable unit', () => {
    expect(formatDuration(781)).toBe('781 ms');
    expect(formatDuration(4_200)).toBe('4.2 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(2 * 3600_000 + 10 * 60_000)).toBe('2 h 10 min');
    expect(formatDuration(-1)).toBe('–');
  });
});

describe('describeError', () => {
  it('keeps the services’ code and falls back to a message for anything thrown', () => {
    const bridgeError = Object.assign(new Error('no run \'x\''), { code: 'RUN_NOT_FOUND' });
    expect(describeError(bridgeError)).toEqual({ message: "no run 'x'", code: 'RUN_NOT_FOUND' });
    expect(describeError(new Error('closed'))).toEqual({ message: 'closed', code: null });
    expect(describeError('plain')).toEqual({ message: 'plain', code: null });
    expect(describeError(42).message).toMatch(/something went wrong/);
  });
});
