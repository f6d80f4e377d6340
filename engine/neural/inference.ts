import { reluLogits2 } from './relu-logits';
import type { FilterModel } from './types';

/**
 * The trained filter as a plain loop over Float64Arrays. The feature map (standardise, project)
 * is affine, so it is folded into the first layer once: h = relu(A x + b), w = sigmoid(v . h + b2).
 * For a 2 -> 128 -> 1 network this beats a tfjs call per generation (stack-notes: each tfjs op
 * costs 5-15 microseconds) and keeps the recursion free of tensors.
 */
export class FilterInference {
  readonly dim: number;
  readonly hidden: number;
  /** hidden x dim, row-major: the first layer composed with the feature map. */
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  private readonly v: Float64Array;
  /** v / 2: relu(s) = (s + |s|) / 2 with the half folded in. */
  private readonly halfV: Float64Array;
  private readonly b2: number;
  private readonly col0: Float64Array;
  private readonly col1: Float64Array;

  constructor(model: FilterModel) {
    const { features: f, weights: w } = model;
    const d = f.dim;
    const k = f.components.length;
    if (w.inputs !== k) throw new Error(`filter: the network takes ${w.inputs} inputs but the feature map gives ${k}`);
    this.dim = d;
    this.hidden = w.hidden;
    this.a = new Float64Array(w.hidden * d);
    this.b = new Float64Array(w.hidden);
    for (let h = 0; h < w.hidden; h++) {
      let bias = w.b1[h];
      for (let j = 0; j < d; j++) {
        // feature_c = sum_j comp[c][j] (x_j - mean_j) / std_j; layer input weight w1[c][h].
        let coef = 0;
        for (let c = 0; c < k; c++) coef += w.w1[c * w.hidden + h] * f.components[c][j];
        coef /= f.std[j];
        this.a[h * d + j] = coef;
        bias -= coef * f.mean[j];
      }
      this.b[h] = bias;
    }
    this.v = Float64Array.from(w.w2);
    this.halfV = this.v.map((vh) => vh / 2);
    this.b2 = w.b2;
    this.col0 = new Float64Array(w.hidden);
    this.col1 = new Float64Array(w.hidden);
    if (d === 2) {
      for (let h = 0; h < w.hidden; h++) {
        this.col0[h] = this.a[h * 2];
        this.col1[h] = this.a[h * 2 + 1];
      }
    }
  }

  /** Weights w_i in (0, 1) of `count` samples (row-major) into `out`. */
  weights(x: Float64Array, count: number, out: Float64Array): void {
    if (this.dim === 2) this.weights2(x, count, out);
    else this.weightsAnyDim(x, count, out);
  }

  /** d = 2, the experiments' usual case: the shared branch-free loop, then the sigmoid. */
  private weights2(x: Float64Array, count: number, out: Float64Array): void {
    reluLogits2(x, count, this.col0, this.col1, this.b, this.halfV, this.b2, out);
    for (let i = 0; i < count; i++) out[i] = 1 / (1 + Math.exp(-out[i]));
  }

  private weightsAnyDim(x: Float64Array, count: number, out: Float64Array): void {
    const d = this.dim;
    const H = this.hidden;
    const a = this.a;
    const b = this.b;
    const v = this.halfV;
    for (let i = 0; i < count; i++) {
      const o = i * d;
      let logit = this.b2;
      for (let h = 0; h < H; h++) {
        let s = b[h];
        const ho = h * d;
        for (let j = 0; j < d; j++) s += a[ho + j] * x[o + j];
        logit += v[h] * (s + Math.abs(s)); // relu without a branch, as in weights2
      }
      out[i] = 1 / (1 + Math.exp(-logit));
    }
  }
}
