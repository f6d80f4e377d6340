import { PCA } from 'ml-pca';
import { alignSign, applyMachineLabels, resolveConfig, truthVector, type RunConfig } from '../../engine';
import type { LabelSetSource } from './label-sets';

/**
 * The plane a label set is drawn in: the data's own axes when d <= 2, else its first two
 * principal components (centred, not scaled, so distances look like the data's), fitted once on
 * the whole pool and reused for every generation, so points do not jump between generations.
 */
export interface DisplayPlane {
  readonly dim: number;
  readonly mean: readonly number[];
  /** Two unit directions in data space (d = 1: the second is unused). */
  readonly axes: readonly (readonly number[])[];
  readonly axisNames: readonly [string, string];
  /** Share of the pool's variance along each axis (PCA only). */
  readonly explained: readonly [number, number] | null;
}

export function fitDisplayPlane(pool: Float64Array, dim: number): DisplayPlane {
  const count = pool.length / dim;
  const mean = new Array<number>(dim).fill(0);
  for (let i = 0; i < count; i++) for (let j = 0; j < dim; j++) mean[j] += pool[i * dim + j] / count;
  if (dim <= 2) {
    const axes = dim === 1 ? [[1], [0]] : [[1, 0], [0, 1]];
    return { dim, mean: new Array<number>(dim).fill(0), axes, axisNames: dim === 1 ? ['x', 'candidate'] : ['x1', 'x2'], explained: null };
  }
  const rows: number[][] = [];
  for (let i = 0; i < count; i++) rows.push(Array.from(pool.subarray(i * dim, (i + 1) * dim)));
  const pca = new PCA(rows, { method: 'covarianceMatrix', center: true, scale: false });
  const vectors = pca.getEigenvectors().to2DArray();
  const axes = [0, 1].map((c) => alignSign(vectors.map((row) => row[c])));
  const explained = pca.getExplainedVariance();
  return { dim, mean, axes, axisNames: ['PC1', 'PC2'], explained: [explained[0], explained[1]] };
}

/** Coordinates of row-major points (count x d) in the plane. */
export function project(plane: DisplayPlane, points: ArrayLike<number>, count: number): { x: number[]; y: number[] } {
  const d = plane.dim;
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < count; i++) {
    if (d === 1) {
      x.push(points[i]);
      y.push(count > 1 ? i / (count - 1) : 0.5); // a strip: one value per candidate, spread for visibility
      continue;
    }
    let u = 0;
    let v = 0;
    for (let j = 0; j < d; j++) {
      const c = points[i * d + j] - plane.mean[j];
      u += c * plane.axes[0][j];
      v += c * plane.axes[1][j];
    }
    x.push(u);
    y.push(v);
  }
  return { x, y };
}

/** The point of data space at plane coordinates (u, v). */
export function unproject(plane: DisplayPlane, u: number, v: number, out: Float64Array): void {
  for (let j = 0; j < plane.dim; j++) out[j] = plane.mean[j] + u * plane.axes[0][j] + (plane.dim > 1 ? v * plane.axes[1][j] : 0);
}

/** The run config a label set's candidates came from (its model and labelling). */
export function sourceConfig(source: LabelSetSource): RunConfig {
  return resolveConfig({
    seed: source.seed,
    model: { family: source.family, dim: source.dim, sigma: source.sigma, ...(source.truth !== null ? { truth: source.truth } : {}) },
    sampleSize: { n0: source.n0 },
    filter: { kind: 'neural', labels: { generations: source.generations, candidates: source.candidates, contamination: source.contamination } },
  });
}

/** The truth theta* of a label set's model (shown only when the labeler asks for it). */
export function sourceTruth(source: LabelSetSource): number[] {
  return Array.from(truthVector(sourceConfig(source)));
}

/** The machine rule's labels for one generation (docs/experiments.md section 4), for overlay and kappa. */
export function machineSuggestion(source: LabelSetSource, generation: number, candidates: Float64Array, dim: number, estimate: readonly number[]): number[] {
  const config = sourceConfig(source);
  const [labelled] = applyMachineLabels(config, [{ generation, estimate, dim, candidates, labels: new Int8Array(candidates.length / dim).fill(-1) }], source.contamination);
  return Array.from(labelled.labels);
}
