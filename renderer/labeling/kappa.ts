/** Agreement between two raters on binary labels (1 good, 0 bad; anything else is skipped). */
export interface Agreement {
  /** Candidates both raters labelled. */
  n: number;
  /** Of those, how many got the same label. */
  agreed: number;
  /** Observed agreement p_o = agreed / n (null when n = 0). */
  observed: number | null;
  /** Agreement expected by chance p_e from each rater's own good/bad shares (null when n = 0). */
  expected: number | null;
  /** Cohen's kappa (p_o - p_e) / (1 - p_e); null when undefined, with `undefinedBecause` saying why. */
  kappa: number | null;
  undefinedBecause: 'no-overlap' | 'one-class' | null;
  /** Counts: [a's label][b's label], index 1 good, 0 bad. */
  table: { goodGood: number; goodBad: number; badGood: number; badBad: number };
}

/**
 * Cohen's kappa between rater a (the person) and rater b (the machine rule) over the candidates
 * both labelled: kappa = (p_o - p_e) / (1 - p_e), p_e = pA(good) pB(good) + pA(bad) pB(bad)
 * (Cohen 1960). It is undefined (0 / 0) when nobody overlaps, and when both raters put every
 * shared candidate in the same single class (p_e = 1); a single class on one side only gives 0.
 */
export function cohensKappa(a: readonly number[], b: readonly number[]): Agreement {
  if (a.length !== b.length) throw new Error(`cohensKappa: expected label lists of one length but got ${a.length} and ${b.length}`);
  const table = { goodGood: 0, goodBad: 0, badGood: 0, badBad: 0 };
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if ((x !== 0 && x !== 1) || (y !== 0 && y !== 1)) continue;
    if (x === 1) {
      if (y === 1) table.goodGood++;
      else table.goodBad++;
    } else if (y === 1) table.badGood++;
    else table.badBad++;
  }
  const n = table.goodGood + table.goodBad + table.badGood + table.badBad;
  const agreed = table.goodGood + table.badBad;
  if (n === 0) return { n, agreed, observed: null, expected: null, kappa: null, undefinedBecause: 'no-overlap', table };
  const observed = agreed / n;
  const aGood = (table.goodGood + table.goodBad) / n;
  const bGood = (table.goodGood + table.badGood) / n;
  const expected = aGood * bGood + (1 - aGood) * (1 - bGood);
  if (expected === 1) return { n, agreed, observed, expected, kappa: null, undefinedBecause: 'one-class', table };
  return { n, agreed, observed, expected, kappa: (observed - expected) / (1 - expected), undefinedBecause: null, table };
}

/** Decimals the panel shows a kappa to (its words are read off the same rounded value). */
export const KAPPA_DECIMALS = 3;

/** A kappa as shown: rounded, with a rounding error's -0 made 0. */
export function shownKappa(kappa: number): number {
  const r = Number(kappa.toFixed(KAPPA_DECIMALS));
  return r === 0 ? 0 : r;
}

/**
 * Landis and Koch's words for a kappa (1977), the scale labelling papers report: below 0 is
 * worse than chance, 0 is exactly what chance gives, then slight (up to 0.2), fair, moderate,
 * substantial, almost perfect. Read off the value as shown, so "κ = 0" never says "worse than
 * chance" because of a -1e-17 that floating point left behind.
 */
export function kappaStrength(kappa: number): string {
  const k = shownKappa(kappa);
  if (k < 0) return 'worse than chance';
  if (k === 0) return 'chance agreement';
  if (k <= 0.2) return 'slight';
  if (kappa <= 0.4) return 'fair';
  if (kappa <= 0.6) return 'moderate';
  if (kappa <= 0.8) return 'substantial';
  return 'almost perfect';
}

/** The one class a rater used on the shared candidates (1 good, 0 bad), or null if it used both (or none). */
export function onlyClass(agreement: Agreement, rater: 'a' | 'b'): 0 | 1 | null {
  const { goodGood, goodBad, badGood, badBad } = agreement.table;
  const good = rater === 'a' ? goodGood + goodBad : goodGood + badGood;
  const bad = agreement.n - good;
  if (agreement.n === 0 || (good > 0 && bad > 0)) return null;
  return good > 0 ? 1 : 0;
}
