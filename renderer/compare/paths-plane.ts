import type { RunColumns } from './run-columns';

/** One recorded replicate's estimate over generations, as points of the drawing plane. */
export interface PlanePath {
  readonly replicate: number;
  readonly points: readonly (readonly [number, number])[];
}

export interface PathsPlane {
  /** Axis names: the two coordinates, or PC1 and PC2 with the share of variance each explains. */
  readonly axes: readonly [string, string];
  /** The runs with recorded paths, in the order given. */
  readonly runs: readonly { readonly id: string; readonly paths: readonly PlanePath[] }[];
  /** Chosen runs without `record.paths`. */
  readonly withoutPaths: readonly string[];
}

/**
 * Seed 000's picture of the estimate's path in the parameter plane: a parameter vector of one or
 * two numbers is drawn as it is (one number against the generation); a longer one (d > 2, or a
 * covariance or mixture block) is projected on the first two principal components of every
 * chosen run's vectors together, so two runs side by side share one plane. Runs whose vectors
 * differ in length cannot share a plane: only those of the first run's length are drawn.
 */
export function projectPaths(runs: readonly RunColumns[]): PathsPlane {
  const withPaths = runs.filter((r) => r.paths !== null && r.paths.length > 0);
  const withoutPaths = runs.filter((r) => !withPaths.includes(r)).map((r) => r.id);
  const size = withPaths[0]?.paths![0][0]?.length ?? 0;
  const drawn = withPaths.filter((r) => r.paths!.every((p) => p.every((v) => v.length === size)));
  const skipped = withPaths.filter((r) => !drawn.includes(r)).map((r) => r.id);
  if (size <= 2) {
    const at = (r: RunColumns, v: readonly number[], i: number): [number, number] => (size === 1 ? [r.t[i], v[0]] : [v[0], v[1]]);
    return {
      axes: size === 1 ? ['generation t', 'θ'] : ['θ₁', 'θ₂'],
      runs: drawn.map((r) => ({ id: r.id, paths: r.paths!.map((p, replicate) => ({ replicate, points: p.map((v, i) => at(r, v, i)) })) })),
      withoutPaths: [...withoutPaths, ...skipped],
    };
  }
  const all = drawn.flatMap((r) => r.paths!.flat());
  const mean = new Float64Array(size);
  for (const v of all) for (let j = 0; j < size; j++) mean[j] += v[j] / all.length;
  const { vectors, shares } = topComponents(all, mean, 2);
  const project = (v: readonly number[]): [number, number] => [dot(v, mean, vectors[0]), dot(v, mean, vectors[1])];
  const pct = (x: number): string => `${(100 * x).toFixed(0)}%`;
  return {
    axes: [`PC1 (${pct(shares[0])})`, `PC2 (${pct(shares[1])})`],
    runs: drawn.map((r) => ({ id: r.id, paths: r.paths!.map((p, replicate) => ({ replicate, points: p.map(project) })) })),
    withoutPaths: [...withoutPaths, ...skipped],
  };
}

/** (v - mean) . u */
function dot(v: readonly number[], mean: Float64Array, u: Float64Array): number {
  let s = 0;
  for (let j = 0; j < u.length; j++) s += (v[j] - mean[j]) * u[j];
  return s;
}

/**
 * The top `count` principal directions of the centred rows by power iteration on X'X without
 * forming it (v <- X'(X v), then deflation), with the share of the total variance each explains.
 * 100 iterations from a fixed start: the drawing is deterministic; no randomness on the page.
 */
export function topComponents(rows: readonly (readonly number[])[], mean: Float64Array, count: number): { vectors: Float64Array[]; shares: number[] } {
  const P = mean.length;
  const centred = rows.map((v) => Float64Array.from(v, (x, j) => x - mean[j]));
  let total = 0;
  for (const c of centred) for (let j = 0; j < P; j++) total += c[j] * c[j];
  const vectors: Float64Array[] = [];
  const shares: number[] = [];
  for (let k = 0; k < count; k++) {
    let u = new Float64Array(P).map((_, j) => 1 / Math.sqrt(P) + (j === k ? 1 : 0));
    let lambda = 0;
    for (let it = 0; it < 100; it++) {
      const next = new Float64Array(P);
      for (const c of centred) {
        let s = 0;
        for (let j = 0; j < P; j++) s += c[j] * u[j];
        for (let j = 0; j < P; j++) next[j] += s * c[j];
      }
      for (const w of vectors) {
        // Deflation: remove the directions already found.
        let s = 0;
        for (let j = 0; j < P; j++) s += next[j] * w[j];
        for (let j = 0; j < P; j++) next[j] -= s * w[j];
      }
      let norm = 0;
      for (let j = 0; j < P; j++) norm += next[j] * next[j];
      norm = Math.sqrt(norm);
      lambda = norm;
      if (!(norm > 0)) break;
      u = next.map((x) => x / norm);
    }
    vectors.push(u);
    shares.push(total > 0 ? lambda / total : 0);
  }
  return { vectors, shares };
}
