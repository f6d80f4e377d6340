/**
 * Special functions behind the closed forms. Reference values are from standard chi-square
 * tables and were recomputed to 17 digits with mpmath (30-digit arithmetic) and scipy.stats.
 */
import { describe, expect, it } from 'vitest';
import { chiSquareCdf, chiSquareQuantile, erf, gammaP, logGamma, normalCdf, normalPdf } from '../../engine/theory/special';

function expectRel(got: number, want: number, rel: number): void {
  expect(Math.abs(got - want)).toBeLessThanOrEqual(rel * Math.abs(want));
}

describe('logGamma', () => {
  it('equals log((n - 1)!) at integers', () => {
    let logFact = 0; // log((n-1)!)
    for (let n = 1; n <= 60; n++) {
      if (n > 1) logFact += Math.log(n - 1);
      expect(Math.abs(logGamma(n) - logFact)).toBeLessThan(1e-13 * Math.max(1, logFact));
    }
    expectRel(logGamma(171), 706.57306224578735, 1e-14);
  });

  it('equals log(sqrt(pi) (2m)! / (4^m m!)) at half-integers m + 1/2', () => {
    for (let m = 0; m <= 40; m++) {
      // log Gamma(m + 1/2) = log sqrt(pi) + log((2m)!) - m log 4 - log(m!)
      let lf2m = 0;
      for (let i = 2; i <= 2 * m; i++) lf2m += Math.log(i);
      let lfm = 0;
      for (let i = 2; i <= m; i++) lfm += Math.log(i);
      const want = 0.5 * Math.log(Math.PI) + lf2m - m * Math.log(4) - lfm;
      expect(Math.abs(logGamma(m + 0.5) - want)).toBeLessThan(1e-13 * Math.max(1, Math.abs(want)));
    }
    expectRel(logGamma(0.5), 0.57236494292470009, 1e-14);
    expectRel(logGamma(1.5), -0.12078223763524522, 1e-13);
    expectRel(logGamma(10.5), 13.940625219403764, 1e-14);
  });

  it('uses the reflection formula below 1/2', () => {
    expectRel(logGamma(0.1), 2.2527126517342059, 1e-13);
    expectRel(logGamma(0.3), 1.0957979948180756, 1e-13);
  });
});

describe('gammaP (regularised lower incomplete gamma)', () => {
  it('matches closed forms and mpmath on both branches (series below a + 1, continued fraction above)', () => {
    // a = 1: 1 - e^-x; a = 3: 1 - e^-x (1 + x + x^2/2). The a = 3 form itself cancels for small x
    // (it has about 1e-16 absolute error), so it is compared in absolute terms.
    for (const x of [0.01, 0.5, 1, 2, 5, 20]) {
      expectRel(gammaP(1, x), -Math.expm1(-x), 1e-13);
      expect(Math.abs(gammaP(3, x) - (1 - Math.exp(-x) * (1 + x + (x * x) / 2)))).toBeLessThan(1e-15);
    }
    const ref: [number, number, number][] = [
      [3, 2, 0.32332358381693654],
      [0.5, 1, 0.84270079294971487],
      [1.5, 1, 0.42759329552912017],
      [100, 100, 0.51329879827914866],
      [10, 3, 0.0011024881301154797],
      [2.5, 20, 0.99999985066320999],
      [50, 40, 0.070335066659394954],
      [0.5, 1e-6, 0.0011283787909692364],
      [7, 30, 0.99999988268057998],
    ];
    for (const [a, x, want] of ref) expectRel(gammaP(a, x), want, 1e-12);
    expect(gammaP(2, 0)).toBe(0);
    expect(gammaP(2, -1)).toBe(0);
  });
});

describe('chi-square', () => {
  it('has the exact CDFs for 2 and 4 degrees of freedom', () => {
    for (const x of [0.1, 1, 2.407945608651872, 5.991464547107979, 12]) {
      expectRel(chiSquareCdf(x, 2), -Math.expm1(-x / 2), 1e-13);
      expectRel(chiSquareCdf(x, 4), 1 - Math.exp(-x / 2) * (1 + x / 2), 1e-12);
    }
  });

  it('gives the table quantiles', () => {
    // (p, k, quantile): the familiar table entries, to 17 digits from scipy.stats.chi2.ppf.
    const table: [number, number, number][] = [
      [0.95, 1, 3.841458820694124],
      [0.95, 2, 5.991464547107979],
      [0.99, 10, 23.209251158954356],
      [0.05, 5, 1.1454762260617692],
      [0.999, 4, 18.46682695290317],
      [0.7, 2, 2.407945608651872], // -2 ln 0.3: the oracle's c_q at d = 2, q = 0.7
      [0.7, 4, 4.878432966560408],
      [0.9, 3, 6.251388631170325], // c_q at d = 3, q = 0.9
      [0.5, 100, 99.33412923598846],
      [1e-3, 3, 0.024297585815692732],
      [0.999, 1000, 1143.9170926196791],
    ];
    for (const [p, k, q] of table) expectRel(chiSquareQuantile(p, k), q, 1e-11);
  });

  it('inverts the CDF', () => {
    for (const k of [1, 2, 3, 4, 7, 30, 99]) {
      for (const p of [1e-6, 0.01, 0.3, 0.5, 0.7, 0.9, 0.999, 1 - 1e-9]) {
        expect(Math.abs(chiSquareCdf(chiSquareQuantile(p, k), k) - p)).toBeLessThan(1e-12);
      }
    }
  });

  it('rejects p outside (0, 1)', () => {
    for (const p of [0, 1, -0.5, 2, NaN]) expect(() => chiSquareQuantile(p, 2)).toThrow(RangeError);
  });
});

describe('normal CDF, density and erf', () => {
  it('matches reference values', () => {
    expect(normalCdf(0)).toBe(0.5);
    expectRel(normalCdf(-1), 0.15865525393145705, 1e-13);
    expectRel(normalCdf(1.959963984540054), 0.975, 1e-14);
    expectRel(normalCdf(3), 0.99865010196836991, 1e-14);
    expectRel(normalCdf(-5), 2.8665157187919391e-7, 1e-9);
    expectRel(normalCdf(3.442619855899), 0.99971194574380418, 1e-14);
    expectRel(erf(1), 0.84270079294971487, 1e-14);
    expect(erf(-1)).toBe(-erf(1));
    expectRel(normalPdf(0), 1 / Math.sqrt(2 * Math.PI), 1e-15);
    expectRel(normalPdf(2), Math.exp(-2) / Math.sqrt(2 * Math.PI), 1e-15);
  });

  it('is accurate only in absolute terms in the far lower tail (1 - P cancels)', () => {
    // Phi(-8) = 6.22e-16 is below the spacing of doubles near 1, so the erf route cannot resolve
    // it relatively; it stays within 1e-16 absolute, which is all the engine needs.
    expect(Math.abs(normalCdf(-8) - 6.2209605742717841e-16)).toBeLessThan(2e-16);
    expect(normalCdf(-40)).toBeGreaterThanOrEqual(0);
    expect(normalCdf(40)).toBe(1);
  });

  it('is symmetric: Phi(x) + Phi(-x) = 1', () => {
    for (const x of [0.1, 0.7, 1.3, 2.2, 3.9]) expect(Math.abs(normalCdf(x) + normalCdf(-x) - 1)).toBeLessThan(2e-16);
  });
});
