import { describe, expect, it } from 'vitest';
import { EpochSeries, METRICS, type EpochRecord } from '../../renderer/training/epoch-series';

const rec = (epoch: number, cls = 1 / epoch): EpochRecord => ({ epoch, clsLoss: cls, contrLoss: epoch % 3 === 0 ? 0 : 1e-4 / epoch, essLoss: 0, accuracy: 0.5 + epoch / 1000, contractionSatisfied: epoch > 5 ? 1 : 0.5 });

describe('EpochSeries', () => {
  it('accumulates live epochs into sorted columns, one per metric', () => {
    const s = new EpochSeries();
    for (let e = 1; e <= 5; e++) expect(s.add(rec(e))).toBe(true);
    expect(s.length).toBe(5);
    expect(s.epochs).toEqual([1, 2, 3, 4, 5]);
    expect(s.columns.clsLoss).toEqual([1, 1 / 2, 1 / 3, 1 / 4, 1 / 5]);
    expect(s.columns.contrLoss[2]).toBe(0);
    for (const m of METRICS) expect(s.columns[m]).toHaveLength(5);
    expect(s.last).toEqual(rec(5));
    expect(s.recordAt(1)).toEqual(rec(2));
  });

  it('keeps each epoch once when a stored history and live events overlap, in any order', () => {
    const s = new EpochSeries();
    // Live events 4..6 arrive before the history 1..5 answers.
    for (const e of [4, 5, 6]) s.add(rec(e));
    expect(s.addAll([1, 2, 3, 4, 5].map((e) => rec(e)))).toBe(3);
    expect(s.epochs).toEqual([1, 2, 3, 4, 5, 6]);
    expect(s.columns.accuracy).toEqual([1, 2, 3, 4, 5, 6].map((e) => rec(e).accuracy));
    // A repeat with the same numbers changes nothing; with others it replaces them in place.
    expect(s.add(rec(3))).toBe(false);
    expect(s.add(rec(3, 9))).toBe(true);
    expect(s.length).toBe(6);
    expect(s.columns.clsLoss[2]).toBe(9);
  });

  it('ignores records without a positive integer epoch', () => {
    const s = new EpochSeries();
    expect(s.add(rec(0))).toBe(false);
    expect(s.add({ ...rec(1), epoch: 1.5 })).toBe(false);
    expect(s.add({ ...rec(1), epoch: Number.NaN })).toBe(false);
    expect(s.length).toBe(0);
    expect(s.last).toBeNull();
  });

  it('gives [epoch, value] points, with non-finite values as gaps', () => {
    const s = new EpochSeries();
    s.add(rec(1));
    s.add({ ...rec(2), clsLoss: Number.NaN });
    s.add({ ...rec(3), clsLoss: Infinity });
    expect(s.points('clsLoss')).toEqual([
      [1, 1],
      [2, null],
      [3, null],
    ]);
    // A replacement column (the log-safe copy) is paired with the same epochs.
    expect(s.points('clsLoss', [5, null, 7])).toEqual([
      [1, 5],
      [2, null],
      [3, 7],
    ]);
  });

  it('appends 10,000 epochs in order without re-sorting (the live path)', () => {
    const s = new EpochSeries();
    const t0 = performance.now();
    for (let e = 1; e <= 10_000; e++) s.add(rec(e));
    expect(s.length).toBe(10_000);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
