/**
 * The feature map (docs/experiments.md section 4, "Features"): standardise on the labelled pool, PCA
 * to k components, fitted once and applied unchanged afterwards, eigenvector signs aligned.
 * Exact checks on seeded data; PCA goes through an eigen-decomposition, so eigenvector identities
 * hold to rounding (1e-9 leaves six orders of margin over the ~1e-15 a 3 x 3 decomposition loses).
 */
import { describe, expect, it } from 'vitest';
import { alignSign, applyFeatureMap, fitFeatureMap, type FeatureMap, type LabelGroup } from '../../engine';
import { Xoshiro128, seedStreams } from '../../engine/random/xoshiro';
import { normal } from '../../engine/random/ziggurat';

const TOL = 1e-9;

function rngFor(seed: number): Xoshiro128 {
  const rng = new Xoshiro128();
  rng.load(seedStreams(seed, 0, 1), 0);
  return rng;
}

/**
 * n correlated 3-d samples with distinct scales and offsets, so the standardised covariance has
 * three well-separated eigenvalues (and the eigenvectors are well defined).
 */
function correlated(seed: number, n: number): Float64Array {
  const rng = rngFor(seed);
  const out = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    const z = [normal(rng), normal(rng), normal(rng)];
    out[3 * i] = 5 + 2 * z[0];
    out[3 * i + 1] = -1 + 0.5 * (0.8 * z[0] + 0.6 * z[1]);
    out[3 * i + 2] = 0.3 * z[0] - 0.5 * z[1] + 0.2 * z[2];
  }
  return out;
}

/** Splits rows into label groups of `size` (labels do not matter to the feature map). */
function groupsOf(x: Float64Array, dim: number, size: number): LabelGroup[] {
  const n = x.length / dim;
  const groups: LabelGroup[] = [];
  for (let s = 0; s < n; s += size) {
    const count = Math.min(size, n - s);
    groups.push({ generation: groups.length + 1, estimate: new Array<number>(dim).fill(0), dim, candidates: x.slice(s * dim, (s + count) * dim), labels: new Int8Array(count).fill(1) });
  }
  return groups;
}

/** Rows with coordinates transformed: out[i][j] = sign[j] * x[i][perm[j]]. */
function transform(x: Float64Array, dim: number, perm: number[], sign: number[]): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length / dim; i++) for (let j = 0; j < dim; j++) out[i * dim + j] = sign[j] * x[i * dim + perm[j]];
  return out;
}

function expectVecClose(actual: readonly number[], expected: readonly number[], tol = TOL): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(tol));
}

const X = correlated(11, 600);
const MAP = fitFeatureMap(groupsOf(X, 3, 200), 3);

describe('fitFeatureMap', () => {
  it('standardises with the pool mean and sample SD, then keeps min(k, d) components', () => {
    const n = X.length / 3;
    for (let j = 0; j < 3; j++) {
      let m = 0;
      for (let i = 0; i < n; i++) m += X[3 * i + j] / n;
      let v = 0;
      for (let i = 0; i < n; i++) v += (X[3 * i + j] - m) ** 2 / (n - 1);
      expect(MAP.mean[j]).toBeCloseTo(m, 12);
      expect(MAP.std[j]).toBeCloseTo(Math.sqrt(v), 12);
    }
    expect(MAP.components.length).toBe(3);
    expect(fitFeatureMap(groupsOf(X, 3, 200), 2).components.length).toBe(2);
    expect(fitFeatureMap(groupsOf(X, 3, 200), 8).components.length).toBe(3); // never more than d
  });

  it('has orthonormal components', () => {
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        const dot = MAP.components[a].reduce((s, v, j) => s + v * MAP.components[b][j], 0);
        expect(Math.abs(dot - (a === b ? 1 : 0))).toBeLessThanOrEqual(TOL);
      }
    }
  });

  it('reports explained variance sorted, non-negative, summing to 1 at k = d and to less below', () => {
    const ev = MAP.explainedVariance;
    for (let c = 1; c < ev.length; c++) expect(ev[c]).toBeLessThanOrEqual(ev[c - 1]);
    for (const v of ev) expect(v).toBeGreaterThanOrEqual(0);
    expect(Math.abs(ev.reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(1e-12);
    const two = fitFeatureMap(groupsOf(X, 3, 200), 2).explainedVariance;
    expectVecClose(two, ev.slice(0, 2), 1e-12);
    expect(two.reduce((a, b) => a + b, 0)).toBeLessThan(1);
    // The features' sample variances are the eigenvalues, in the same proportions.
    const feats = new Float64Array(X.length);
    applyFeatureMap(MAP, X, X.length / 3, feats);
    const variance = [0, 1, 2].map((c) => {
      let s = 0;
      for (let i = 0; i < X.length / 3; i++) s += feats[3 * i + c] ** 2; // standardised data has mean 0
      return s;
    });
    const total = variance.reduce((a, b) => a + b, 0);
    expectVecClose(
      variance.map((v) => v / total),
      ev,
      1e-9,
    );
  });

  it('treats a constant coordinate as unscaled (std 1), with no NaN', () => {
    const flat = transform(X, 3, [0, 1, 2], [1, 1, 0]); // third coordinate always 0
    const map = fitFeatureMap(groupsOf(flat, 3, 600), 3);
    expect(map.std[2]).toBe(1);
    for (const comp of map.components) for (const v of comp) expect(Number.isFinite(v)).toBe(true);
  });
});

describe('the map is fitted once and applied unchanged', () => {
  it('applies the stored mean, std and components to new data, not a refit on it', () => {
    const fresh = correlated(99, 50).map((v, i) => v * (i % 3 === 0 ? 3 : 1) + 4); // other scale and offset
    const snapshot = JSON.stringify(MAP);
    const got = new Float64Array(fresh.length);
    applyFeatureMap(MAP, fresh, 50, got);
    expect(JSON.stringify(MAP)).toBe(snapshot); // applying does not touch the map
    for (let i = 0; i < 50; i++) {
      for (let c = 0; c < 3; c++) {
        let s = 0;
        for (let j = 0; j < 3; j++) s += MAP.components[c][j] * ((fresh[3 * i + j] - MAP.mean[j]) / MAP.std[j]);
        expect(got[3 * i + c]).toBeCloseTo(s, 12);
      }
    }
    // A map refitted on the new data would give other features: the features above are not that.
    const refit = fitFeatureMap(groupsOf(fresh, 3, 50), 3);
    const other = new Float64Array(fresh.length);
    applyFeatureMap(refit, fresh, 50, other);
    let maxDiff = 0;
    for (let i = 0; i < got.length; i++) maxDiff = Math.max(maxDiff, Math.abs(got[i] - other[i]));
    expect(maxDiff).toBeGreaterThan(0.5);
  });

  it('is deterministic: the same pool gives the same map, bit for bit', () => {
    expect(fitFeatureMap(groupsOf(X, 3, 200), 3)).toEqual(MAP);
    // Grouping does not matter: the pool is what is standardised.
    expect(fitFeatureMap(groupsOf(X, 3, 600), 3).components).toEqual(MAP.components);
  });
});

describe('sign alignment', () => {
  it('alignSign makes the largest-magnitude entry positive (ties: the first)', () => {
    expect(alignSign([0.3, -0.9, 0.1])).toEqual([-0.3, 0.9, -0.1]);
    expect(alignSign([0.3, 0.9, -0.1])).toEqual([0.3, 0.9, -0.1]);
    expect(alignSign([-0.5, 0.5])).toEqual([0.5, -0.5]);
  });

  it('every fitted component has its largest loading positive', () => {
    for (const comp of MAP.components) {
      const big = comp.reduce((b, v, j) => (Math.abs(v) > Math.abs(comp[b]) ? j : b), 0);
      expect(comp[big]).toBeGreaterThan(0);
    }
  });

  const mapOf = (x: Float64Array): FeatureMap => fitFeatureMap(groupsOf(x, 3, 200), 3);

  it('reordering the coordinates permutes the components, with the same signs', () => {
    const perm = [2, 0, 1];
    const m = mapOf(transform(X, 3, perm, [1, 1, 1]));
    expectVecClose(m.mean, perm.map((p) => MAP.mean[p]), 1e-12);
    expectVecClose(m.explainedVariance, MAP.explainedVariance);
    m.components.forEach((comp, c) =>
      expectVecClose(
        comp,
        perm.map((p) => MAP.components[c][p]),
      ),
    );
  });

  it('negating the data keeps the components and negates the features', () => {
    const neg = X.map((v) => -v);
    const m = mapOf(neg);
    m.components.forEach((comp, c) => expectVecClose(comp, MAP.components[c]));
    expectVecClose(m.mean, MAP.mean.map((v) => -v), 1e-12);
    const a = new Float64Array(X.length);
    const b = new Float64Array(X.length);
    applyFeatureMap(MAP, X, X.length / 3, a);
    applyFeatureMap(m, neg, X.length / 3, b);
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] + b[i])).toBeLessThanOrEqual(TOL);
  });

  it('flipping one coordinate flips that loading, then the component is re-aligned', () => {
    for (let j = 0; j < 3; j++) {
      const sign = [1, 1, 1];
      sign[j] = -1;
      const m = mapOf(transform(X, 3, [0, 1, 2], sign));
      m.components.forEach((comp, c) => expectVecClose(comp, alignSign(MAP.components[c].map((v, i) => v * sign[i]))));
    }
  });
});
