import { describe, expect, it } from 'vitest';
import {
  checkAxis,
  checkGrid,
  defaultWindow,
  expandGrid,
  formatPoint,
  MAX_SWEEP_POINTS,
  parseGridArgument,
  parseWindow,
  ServiceError,
} from '../../main/services';

/** The message of the ServiceError `action` throws. */
function problem(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof ServiceError) return error.message;
    throw error;
  }
  throw new Error('expected a ServiceError, but nothing was thrown');
}

describe('--grid PATH=START:STOP:STEP', () => {
  it("includes STOP when it lands on the grid: the paper's 30 weights", () => {
    const axis = parseGridArgument('data.realWeight=0.2:0.78:0.02');
    expect(axis.path).toBe('data.realWeight');
    expect(axis.values).toHaveLength(30);
    expect(axis.values[0]).toBe(0.2);
    expect(axis.values[29]).toBe(0.78);
    // 0.2 + 20 * 0.02 is 0.6000000000000001 in binary; the grid holds the number one means.
    expect(0.2 + 20 * 0.02).toBe(0.6000000000000001);
    expect(axis.values[20]).toBe(0.6);
    expect(axis.values[21]).toBe(0.62);
    expect(axis.values).toEqual(Array.from({ length: 30 }, (_, i) => Number((0.2 + i * 0.02).toFixed(2))));
  });

  it('rounds binary noise to 12 significant digits', () => {
    expect(0.1 + 2 * 0.1).toBe(0.30000000000000004);
    expect(parseGridArgument('data.realWeight=0.1:0.3:0.1').values).toEqual([0.1, 0.2, 0.3]);
    expect(parseGridArgument('model.sigma=0.7:1:0.1').values).toEqual([0.7, 0.8, 0.9, 1]);
    // Values that really have more digits keep the first 12.
    expect(parseGridArgument('model.sigma=1:1.5:0.123456789').values).toEqual([1, 1.12345678900, 1.24691357800, 1.37037036700, 1.49382715600]);
  });

  it('stops below STOP when STOP is off the grid, and counts a STOP within STEP * 1e-9 as on it', () => {
    expect(parseGridArgument('data.realWeight=0:1:0.3').values).toEqual([0, 0.3, 0.6, 0.9]);
    expect(parseGridArgument('data.realWeight=0:0.9000000000001:0.3').values).toEqual([0, 0.3, 0.6, 0.9]);
    expect(parseGridArgument('data.realWeight=0:0.8999999999:0.3').values).toEqual([0, 0.3, 0.6, 0.9]);
    expect(parseGridArgument('data.realWeight=0:0.899:0.3').values).toEqual([0, 0.3, 0.6]);
    expect(parseGridArgument('data.realWeight=0.5:0.5:0.1').values).toEqual([0.5]);
  });

  it('takes integer fields with integer steps, and negative or exponent numbers', () => {
    expect(parseGridArgument('sampleSize.n0=100:1000:300').values).toEqual([100, 400, 700, 1000]);
    expect(parseGridArgument('replicates=1e2:3e2:1e2').values).toEqual([100, 200, 300]);
    expect(parseGridArgument('model.truth=-1:1:1')).toEqual({ path: 'model.truth', values: [-1, 0, 1] });
  });
});

describe('--grid PATH=a,b,c', () => {
  it('keeps the values in the order given', () => {
    expect(parseGridArgument('data.realWeight=0.618,0.3,1')).toEqual({ path: 'data.realWeight', values: [0.618, 0.3, 1] });
    expect(parseGridArgument('seed=7')).toEqual({ path: 'seed', values: [7] });
    expect(parseGridArgument('sampleSize.n0= 50 , 100')).toEqual({ path: 'sampleSize.n0', values: [50, 100] });
  });
});

describe('grid errors name the --grid argument and the reason', () => {
  const cases: [string, string][] = [
    ['data.realWeight=0.2:0.78:0', '--grid data.realWeight=0.2:0.78:0: STEP must be positive'],
    ['data.realWeight=0.2:0.78:-0.02', '--grid data.realWeight=0.2:0.78:-0.02: STEP must be positive'],
    ['data.realWeight=0.78:0.2:0.02', '--grid data.realWeight=0.78:0.2:0.02: STOP must not be below START'],
    ['data.realWeight=0.2:0.78', '--grid data.realWeight=0.2:0.78: a range is START:STOP:STEP'],
    ['data.realWeight=0.2:0.78:0.02:1', '--grid data.realWeight=0.2:0.78:0.02:1: a range is START:STOP:STEP'],
    ['data.realWeight=a:1:0.1', '--grid data.realWeight=a:1:0.1: START must be a number, got "a"'],
    ['data.realWeight=0::0.1', '--grid data.realWeight=0::0.1: STOP must be a number, got ""'],
    ['data.realWeight=0:1:Infinity', '--grid data.realWeight=0:1:Infinity: STEP must be a number, got "Infinity"'],
    ['data.realWeight=0.1,,0.3', '--grid data.realWeight=0.1,,0.3: value 2 must be a number, got ""'],
    ['data.realWeight=', '--grid data.realWeight=: value 1 must be a number, got ""'],
    ['data.realWeight=0.1,0.2,0.1', '--grid data.realWeight=0.1,0.2,0.1: 0.1 is listed twice'],
    ['data.realWeight', '--grid data.realWeight: expected PATH=START:STOP:STEP or PATH=a,b,c'],
    ['=0.1', '--grid =0.1: expected PATH=START:STOP:STEP or PATH=a,b,c'],
    ['data.realWieght=0.1', '--grid data.realWieght=0.1: data.realWieght is not a config field'],
    ['model.family=1,2', '--grid model.family=1,2: model.family is not numeric (it takes one of gaussian, poisson, bernoulli, exponential, linear-regression, gaussian-mixture, kernel-ridge); a sweep varies numeric fields'],
    ['name=1', '--grid name=1: name is not numeric (it takes a string); a sweep varies numeric fields'],
    ['replicates=1:10:0.5', '--grid replicates=1:10:0.5: replicates is an integer field, got 1.5'],
    ['sampleSize.n0=10,20.5', '--grid sampleSize.n0=10,20.5: sampleSize.n0 is an integer field, got 20.5'],
    ['seed=0:1e9:1', `--grid seed=0:1e9:1: 1000000001 values; a sweep runs at most ${MAX_SWEEP_POINTS} points`],
  ];
  it.each(cases)('%s', (argument, message) => {
    expect(problem(() => parseGridArgument(argument))).toBe(message);
  });

  it('sweeps model.truth (a number or an array) as one number for every coordinate', () => {
    expect(parseGridArgument('model.truth=0:1:0.5').values).toEqual([0, 0.5, 1]);
  });
});

describe('product grids', () => {
  it('expands the first axis slowest', () => {
    const axes = [parseGridArgument('data.realWeight=0.2,0.4'), parseGridArgument('sampleSize.n0=50:150:50'), parseGridArgument('seed=1,2')];
    const points = expandGrid(axes);
    expect(points).toHaveLength(12);
    expect(points.slice(0, 3)).toEqual([
      { 'data.realWeight': 0.2, 'sampleSize.n0': 50, seed: 1 },
      { 'data.realWeight': 0.2, 'sampleSize.n0': 50, seed: 2 },
      { 'data.realWeight': 0.2, 'sampleSize.n0': 100, seed: 1 },
    ]);
    expect(points[11]).toEqual({ 'data.realWeight': 0.4, 'sampleSize.n0': 150, seed: 2 });
    expect(formatPoint(points[11])).toBe('data.realWeight=0.4, sampleSize.n0=150, seed=2');
    expect(expandGrid([parseGridArgument('seed=3')])).toEqual([{ seed: 3 }]);
  });

  it('refuses a path swept twice, no axis at all, or a product over the cap', () => {
    const args = ['data.realWeight=0.2,0.4', 'seed=1,2', 'data.realWeight=0.5'];
    const axes = args.map(parseGridArgument);
    expect(problem(() => checkGrid(axes, (_, i) => args[i]))).toBe('--grid data.realWeight=0.5: data.realWeight is already swept by --grid data.realWeight=0.2,0.4');
    expect(problem(() => checkGrid([]))).toBe('grid: give at least one axis (--grid PATH=START:STOP:STEP)');
    const big = [parseGridArgument('seed=1:200:1'), parseGridArgument('replicates=1:100:1')];
    expect(problem(() => checkGrid(big))).toBe(`grid: 20000 points; a sweep runs at most ${MAX_SWEEP_POINTS}`);
    expect(() => checkGrid(axes.slice(0, 2))).not.toThrow();
  });

  it('checks axes that did not come from the command line (the UI sends them whole)', () => {
    expect(problem(() => checkAxis({ path: 'data.realWeight', values: [] }))).toBe('--grid data.realWeight=: no values');
    expect(problem(() => checkAxis({ path: 'data.realWeight', values: [0.1, Number.NaN] }))).toBe('--grid data.realWeight=0.1,NaN: NaN is not a finite number');
    expect(problem(() => checkAxis({ path: 'generations', values: [10, 10.5] }))).toBe('--grid generations=10,10.5: generations is an integer field, got 10.5');
    expect(problem(() => checkGrid([{ path: 'filter.kind', values: [1] }]))).toMatch(/^--grid filter\.kind=1: filter\.kind is not numeric/);
  });
});

describe('--window FROM:TO', () => {
  it('parses generations FROM <= t < TO', () => {
    expect(parseWindow('150:200')).toEqual([150, 200]);
    expect(parseWindow('0:1')).toEqual([0, 1]);
  });

  it.each([
    ['150', '--window 150: expected FROM:TO (generations FROM <= t < TO)'],
    ['1:2:3', '--window 1:2:3: expected FROM:TO (generations FROM <= t < TO)'],
    ['a:200', '--window a:200: FROM must be a non-negative integer, got "a"'],
    ['-5:200', '--window -5:200: FROM must be a non-negative integer, got "-5"'],
    ['1.5:200', '--window 1.5:200: FROM must be a non-negative integer, got "1.5"'],
    ['150:', '--window 150:: TO must be an integer, got ""'],
    ['200:150', '--window 200:150: TO must be above FROM'],
    ['150:150', '--window 150:150: TO must be above FROM'],
  ])('%s', (argument, message) => {
    expect(problem(() => parseWindow(argument))).toBe(message);
  });

  it('defaults to the last quarter of generations 0..T', () => {
    expect(defaultWindow(200)).toEqual([150, 201]);
    expect(defaultWindow(10)).toEqual([8, 11]);
    expect(defaultWindow(3)).toEqual([3, 4]);
    expect(defaultWindow(0)).toEqual([0, 1]);
  });
});
