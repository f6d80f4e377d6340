import type { MixtureDataset } from '../config/types';
import { normal } from '../random/ziggurat';
import type { Xoshiro128 } from '../random/xoshiro';
import { MixtureDensity } from './density';
import type { MixtureSettings } from './settings';

/**
 * The truth of a gaussian-mixture run as a sampler of n points, each dataset drawn as
 * scikit-learn's generator draws it for the same parameters (sklearn/datasets/_samples_generator.py):
 *
 * - `mixture`: n i.i.d. points of sum_k w_k N(mu_k, Sigma_k).
 * - `blobs` (make_blobs with explicit centers): n // K* points per center, the first n % K* centers
 *   one more, each center + cluster_std z with cluster_std = model.sigma.
 * - `moons` (make_moons): n // 2 points at (cos s, sin s) for s = linspace(0, pi, n // 2), the
 *   other n - n // 2 at (1 - cos s, 1 - sin s - 0.5) on their own linspace, plus noise z.
 * - `circles` (make_circles): n // 2 at (cos s, sin s), s = linspace(0, 2 pi, n // 2, endpoint=False),
 *   the rest at factor (cos s, sin s) on their own grid, plus noise z.
 * - `swiss-roll` (make_swiss_roll, d = 3): t = 1.5 pi (1 + 2 U), y = 21 U', (t cos t, y, t sin t) + noise z.
 *
 * scikit-learn shuffles moons and circles afterwards; nothing here depends on the order of the
 * points (EM's seeds are drawn by weight, not position), so the rows are left in grid order.
 */
export class TruthSampler {
  private readonly density: MixtureDensity | null;
  private readonly params: Float64Array;

  constructor(private readonly s: MixtureSettings) {
    const Kt = s.truthWeights.length;
    this.params = new Float64Array(Kt * (1 + s.d + s.d * s.d));
    this.params.set(s.truthWeights, 0);
    this.params.set(s.truthMeans, Kt);
    this.params.set(s.truthCovariances, Kt + Kt * s.d);
    this.density = Kt > 0 ? new MixtureDensity(Kt, s.d) : null;
    const problem = this.density?.prepare(this.params, 0);
    if (problem) throw new Error(`the true mixture: ${problem}`);
  }

  /** The truth's density (mixture, blobs), or null for the generators without one in closed form. */
  get trueDensity(): MixtureDensity | null {
    return this.density;
  }

  /** The truth's packed parameters (mixture, blobs: K* weights, means, covariances); empty otherwise. */
  get truthParams(): Float64Array {
    return this.params;
  }

  /** n points of the truth into out[0 .. n d). */
  draw(rng: Xoshiro128, out: Float64Array, n: number): void {
    DRAWS[this.s.dataset](this.s, this.density, rng, out, n);
  }
}

type Draw = (s: MixtureSettings, density: MixtureDensity | null, rng: Xoshiro128, out: Float64Array, n: number) => void;

/** numpy.linspace(start, stop, num, endpoint)[i]. */
function linspace(start: number, stop: number, num: number, i: number, endpoint: boolean): number {
  const div = endpoint ? num - 1 : num;
  return div > 0 ? start + ((stop - start) * i) / div : start;
}

const DRAWS: { readonly [K in MixtureDataset]: Draw } = {
  mixture: (s, density, rng, out, n) => {
    for (let i = 0; i < n; i++) density!.sample(rng, out, i * s.d);
  },
  blobs: (s, _density, rng, out, n) => {
    const Kt = s.truthWeights.length;
    const d = s.d;
    const sigma = Math.sqrt(s.truthCovariances[0]);
    let row = 0;
    for (let k = 0; k < Kt; k++) {
      const count = Math.floor(n / Kt) + (k < n % Kt ? 1 : 0);
      for (let c = 0; c < count; c++, row++) {
        for (let j = 0; j < d; j++) out[row * d + j] = s.truthMeans[k * d + j] + sigma * normal(rng);
      }
    }
  },
  moons: (s, _density, rng, out, n) => {
    const nOut = Math.floor(n / 2);
    const nIn = n - nOut;
    for (let i = 0; i < nOut; i++) {
      const a = linspace(0, Math.PI, nOut, i, true);
      out[2 * i] = Math.cos(a);
      out[2 * i + 1] = Math.sin(a);
    }
    for (let i = 0; i < nIn; i++) {
      const a = linspace(0, Math.PI, nIn, i, true);
      out[2 * (nOut + i)] = 1 - Math.cos(a);
      out[2 * (nOut + i) + 1] = 1 - Math.sin(a) - 0.5;
    }
    addNoise(s.noise, rng, out, 2 * n);
  },
  circles: (s, _density, rng, out, n) => {
    const nOut = Math.floor(n / 2);
    const nIn = n - nOut;
    for (let i = 0; i < nOut; i++) {
      const a = linspace(0, 2 * Math.PI, nOut, i, false);
      out[2 * i] = Math.cos(a);
      out[2 * i + 1] = Math.sin(a);
    }
    for (let i = 0; i < nIn; i++) {
      const a = linspace(0, 2 * Math.PI, nIn, i, false);
      out[2 * (nOut + i)] = s.circleFactor * Math.cos(a);
      out[2 * (nOut + i) + 1] = s.circleFactor * Math.sin(a);
    }
    addNoise(s.noise, rng, out, 2 * n);
  },
  'swiss-roll': (s, _density, rng, out, n) => {
    // numpy draws t for all points, then y, then the noise: the same order here.
    for (let i = 0; i < n; i++) out[3 * i] = 1.5 * Math.PI * (1 + 2 * rng.nextDouble());
    for (let i = 0; i < n; i++) out[3 * i + 1] = 21 * rng.nextDouble();
    for (let i = 0; i < n; i++) {
      const t = out[3 * i];
      out[3 * i] = t * Math.cos(t);
      out[3 * i + 2] = t * Math.sin(t);
    }
    addNoise(s.noise, rng, out, 3 * n);
  },
};

function addNoise(noise: number, rng: Xoshiro128, out: Float64Array, count: number): void {
  if (noise === 0) return;
  for (let i = 0; i < count; i++) out[i] += noise * normal(rng);
}
