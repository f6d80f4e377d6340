import { describe, expect, it } from 'vitest';
import { csvField, safeFileName, sweepCsv, trajectoryCsv, trajectoryCsvHeader } from '../../renderer/compare/compare-csv';
import { columns } from './compare-fixtures';

describe('csvField', () => {
  it('quotes commas, quotes and line breaks; blanks for missing numbers', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(0.25)).toBe('0.25');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(null)).toBe('');
  });
});

describe('trajectoryCsv', () => {
  const a = columns('a', [1, 2, 3]);
  const b = columns('b', [5, 6], {}, (t) => (t === 1 ? { theory: { errorMeanSq: null, testError: null } } : {}));

  it('has one row per generation per run at full resolution, with band and theory', () => {
    const lines = trajectoryCsv([{ run: a, label: 'walk, fixed n' }, { run: b, label: 'b' }], 'mse').trim().split('\n');
    expect(lines[0]).toBe('run_id,run_name,t,mse,mse_band_low,mse_band_high,mse_theory');
    expect(lines).toHaveLength(1 + 3 + 2);
    expect(lines[1]).toBe('a,"walk, fixed n",0,1,0,4,1');
    expect(lines[3]).toBe('a,"walk, fixed n",2,9,4,16,9');
    expect(lines[5]).toBe('b,b,1,36,25,49,');
  });

  it('leaves the band and theory blank where the metric has none', () => {
    const lines = trajectoryCsv([{ run: a, label: 'a' }], 'kept').trim().split('\n');
    expect(lines[0]).toBe(trajectoryCsvHeader('kept').join(','));
    expect(lines[0]).toBe('run_id,run_name,t,kept,kept_band_low,kept_band_high,kept_theory');
    expect(lines[1]).toBe('a,a,0,1,,,');
  });
});

describe('sweepCsv and file names', () => {
  it('writes one row per run with its window and summaries', () => {
    const csv = sweepCsv([{ runId: 'r1', x: 10, seriesKey: '', value: 2.5, se: 0.1, theory: null, window: [7500, 10001] }], new Map([['r1', 'walk 1']]), 'sampleSize.n0', 'mse');
    expect(csv).toBe('run_id,run_name,sampleSize.n0,series,window_from,window_to,mse_mean,mse_se,mse_theory_mean\nr1,walk 1,10,,7500,10001,2.5,0.1,\n');
  });

  it('keeps file names to safe characters', () => {
    expect(safeFileName('data.realWeight')).toBe('data.realWeight');
    expect(safeFileName('a/b c')).toBe('a_b_c');
    expect(safeFileName('///')).toBe('compare');
  });
});
