import { PCA } from 'ml-pca';
import type { FeatureMap, LabelGroup } from './types';

/**
 * Standardise on the labelled pool, then PCA to k components (docs/experiments.md section 4,
 * "Features"). Fitted once; every generation is projected with the same map. Eigenvector signs
 * are arbitrary in ml-pca, so each component is flipped to make its largest loading positive:
 * the same data then always gives the same features.
 */
export function fitFeatureMap(groups: readonly LabelGroup[], components: number): FeatureMap {
  const d = groups[0].dim;
  const rows: number[][] = [];
  for (const g of groups) for (let i = 0; i < g.labels.length; i++) rows.push(Array.from(g.candidates.subarray(i * d, (i + 1) * d)));
  const mean = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) mean[j] += r[j] / rows.length;
  const std = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) std[j] += (r[j] - mean[j]) ** 2 / Math.max(1, rows.length - 1);
  for (let j = 0; j < d; j++) std[j] = Math.sqrt(std[j]) || 1; // a constant coordinate stays unscaled
  const standardised = rows.map((r) => r.map((v, j) => (v - mean[j]) / std[j]));
  const k = Math.min(components, d);
  const pca = new PCA(standardised, { method: 'covarianceMatrix', center: true, scale: false });
  const vectors = pca.getEigenvectors().to2DArray(); // d x d, columns are components
  const explained = pca.getExplainedVariance();
  const rowsOut: number[][] = [];
  for (let c = 0; c < k; c++) {
    const v = vectors.map((row) => row[c]);
    rowsOut.push(alignSign(v));
  }
  return { dim: d, mean, std, components: rowsOut, explainedVariance: explained.slice(0, k) };
}

/** Flips v so that its entry of largest magnitude is positive (ties: the first). */
export function alignSign(v: readonly number[]): number[] {
  let best = 0;
  for (let j = 1; j < v.length; j++) if (Math.abs(v[j]) > Math.abs(v[best]) + 1e-12) best = j;
  return v[best] < 0 ? v.map((x) => -x) : [...v];
}

/** Features of `count` samples (row-major, dim each) into `out` (count x k). */
export function applyFeatureMap(map: FeatureMap, x: Float64Array, count: number, out: Float64Array): void {
  const d = map.dim;
  const k = map.components.length;
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < k; c++) {
      const comp = map.components[c];
      let s = 0;
      for (let j = 0; j < d; j++) s += comp[j] * ((x[i * d + j] - map.mean[j]) / map.std[j]);
      out[i * k + c] = s;
    }
  }
}
