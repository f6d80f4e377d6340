import { describe, expect, it } from 'vitest';
import { cohensKappa, kappaStrength, onlyClass, shownKappa } from '../../renderer/labeling/kappa';

/** Two raters' labels from a 2 x 2 table: [a good & b good, a good & b bad, a bad & b good, a bad & b bad]. */
function fromTable([gg, gb, bg, bb]: [number, number, number, number]): [number[], number[]] {
  const a = [...Array(gg + gb).fill(1), ...Array(bg + bb).fill(0)];
  const b = [...Array(gg).fill(1), ...Array(gb).fill(0), ...Array(bg).fill(1), ...Array(bb).fill(0)];
  return [a, b];
}

describe('cohensKappa', () => {
  it('matches the textbook example: 20/5/10/15 of 50 gives p_o 0.7, p_e 0.5, kappa 0.4', () => {
    const r = cohensKappa(...fromTable([20, 5, 10, 15]));
    expect(r.n).toBe(50);
    expect(r.agreed).toBe(35);
    expect(r.observed).toBeCloseTo(0.7, 12);
    expect(r.expected).toBeCloseTo(0.5, 12);
    expect(r.kappa).toBeCloseTo(0.4, 12);
    expect(r.undefinedBecause).toBeNull();
    expect(r.table).toEqual({ goodGood: 20, goodBad: 5, badGood: 10, badBad: 15 });
  });

  it('is 1 for perfect agreement on both classes and -1 for perfect disagreement on balanced ones', () => {
    expect(cohensKappa([1, 0, 1, 0], [1, 0, 1, 0]).kappa).toBe(1);
    expect(cohensKappa([1, 0, 1, 0], [0, 1, 0, 1]).kappa).toBe(-1);
  });

  it('counts only candidates both raters labelled (-1 is unlabelled on either side)', () => {
    const r = cohensKappa([1, 0, -1, 1, 0, -1], [1, 0, 1, -1, 1, -1]);
    expect(r.n).toBe(3);
    expect(r.table).toEqual({ goodGood: 1, goodBad: 0, badGood: 1, badBad: 1 });
    expect(r.observed).toBeCloseTo(2 / 3, 12);
    // p_e = (1/3)(2/3) + (2/3)(1/3) = 4/9; kappa = (2/3 - 4/9) / (5/9) = 0.4
    expect(r.kappa).toBeCloseTo(0.4, 12);
  });

  it('is undefined with n = 0 when nobody overlaps', () => {
    const none = cohensKappa([1, -1, 0], [-1, 1, -1]);
    expect(none).toMatchObject({ n: 0, agreed: 0, observed: null, expected: null, kappa: null, undefinedBecause: 'no-overlap' });
    expect(cohensKappa([], [])).toMatchObject({ n: 0, kappa: null, undefinedBecause: 'no-overlap' });
  });

  it('is undefined, not 1, when both raters put every shared candidate in one class (p_e = 1)', () => {
    const good = cohensKappa([1, 1, 1], [1, 1, 1]);
    expect(good).toMatchObject({ n: 3, agreed: 3, observed: 1, expected: 1, kappa: null, undefinedBecause: 'one-class' });
    expect(cohensKappa([0, 0], [0, 0])).toMatchObject({ kappa: null, undefinedBecause: 'one-class' });
  });

  it('is 0 when only one rater uses a single class (chance explains the agreement)', () => {
    const r = cohensKappa([1, 1, 1, 1], [1, 1, 0, 1]);
    expect(r.undefinedBecause).toBeNull();
    expect(r.kappa).toBeCloseTo(0, 12);
  });

  it('refuses label lists of different lengths', () => {
    expect(() => cohensKappa([1, 0], [1])).toThrow('expected label lists of one length but got 2 and 1');
  });
});

describe('kappaStrength', () => {
  it("names Landis and Koch's bands", () => {
    expect([-0.1, 0.1, 0.3, 0.5, 0.7, 0.9].map(kappaStrength)).toEqual(['worse than chance', 'slight', 'fair', 'moderate', 'substantial', 'almost perfect']);
  });

  it('calls 0 chance, and only a kappa below 0 worse than chance', () => {
    expect(kappaStrength(0)).toBe('chance agreement');
    expect(kappaStrength(-0)).toBe('chance agreement');
    expect(kappaStrength(-0.001)).toBe('worse than chance');
    expect(kappaStrength(-1)).toBe('worse than chance');
    expect(kappaStrength(0.001)).toBe('slight');
    expect(kappaStrength(0.05)).toBe('slight');
  });

  it('reads the band edges as Landis and Koch give them (upper edge inclusive)', () => {
    expect([0.2, 0.2001, 0.4, 0.41, 0.6, 0.61, 0.8, 0.81, 1].map(kappaStrength)).toEqual([
      'slight',
      'slight',
      'fair',
      'moderate',
      'moderate',
      'substantial',
      'substantial',
      'almost perfect',
      'almost perfect',
    ]);
  });

  it('words the kappa as shown (3 decimals): a rounding error around 0 reads as chance, not worse', () => {
    // Every candidate I labelled bad, the rule calls 1 of 3 good: p_o = p_e = 2/3, and floating
    // point leaves kappa at -3.3e-16. The panel shows "κ = 0", so its words must be chance.
    const r = cohensKappa(...fromTable([0, 0, 1, 2]));
    expect(r.kappa).not.toBe(0);
    expect(Math.abs(r.kappa!)).toBeLessThan(1e-12);
    expect(shownKappa(r.kappa!)).toBe(0);
    expect(Object.is(shownKappa(r.kappa!), -0)).toBe(false);
    expect(kappaStrength(r.kappa!)).toBe('chance agreement');
    // Below half a unit of the last decimal either way is 0 on screen, and chance in words.
    expect(kappaStrength(-0.0004)).toBe('chance agreement');
    expect(kappaStrength(0.0004)).toBe('chance agreement');
    expect(kappaStrength(-0.0006)).toBe('worse than chance');
    expect(shownKappa(0.12345)).toBe(0.123);
  });
});

describe('onlyClass', () => {
  it('names the single class a rater used, so a kappa of 0 can be explained', () => {
    const r = cohensKappa([1, 1, 1, 1], [1, 1, 0, 1]);
    expect(onlyClass(r, 'a')).toBe(1);
    expect(onlyClass(r, 'b')).toBeNull();
    expect(onlyClass(cohensKappa([0, 1], [0, 0]), 'b')).toBe(0);
    expect(onlyClass(cohensKappa([-1], [1]), 'a')).toBeNull();
  });
});
