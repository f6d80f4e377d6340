import { Xoshiro128, seedStreams } from '../random/xoshiro';
import type { Tensor, Tf } from './tf-types';
import type { FilterWeights } from './types';

/**
 * FilterNet (docs/experiments.md section 4): k inputs -> `hidden` ReLU units -> 1 output whose
 * sigmoid is the weight w_i in (0, 1). Plain tfjs variables rather than a layers model: the
 * loss needs the logits inside a custom objective, and the initialisation must be seeded the
 * same way on every backend.
 */
export interface FilterNet {
  readonly w1: ReturnType<Tf['variable']>;
  readonly b1: ReturnType<Tf['variable']>;
  readonly w2: ReturnType<Tf['variable']>;
  readonly b2: ReturnType<Tf['variable']>;
  readonly inputs: number;
  readonly hidden: number;
}

/**
 * Glorot-uniform initial weights (inputs x hidden, then hidden x 1, row-major) from our own
 * seeded stream, rounded to float32: every backend and the fused kernels start from the same
 * numbers. Biases start at zero.
 */
export function initialFilterWeights(inputs: number, hidden: number, seed: number): { w1: Float32Array; w2: Float32Array } {
  if (!(Number.isInteger(inputs) && inputs > 0)) throw new RangeError(`FilterNet: expected a positive number of inputs, got ${inputs}`);
  if (!(Number.isInteger(hidden) && hidden > 0)) throw new RangeError(`FilterNet: expected a positive hidden width, got ${hidden}`);
  const rng = new Xoshiro128();
  rng.load(seedStreams(seed, 0x7ffffffe, 1), 0);
  const glorot = (fanIn: number, fanOut: number): Float32Array => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const out = new Float32Array(fanIn * fanOut);
    for (let i = 0; i < out.length; i++) out[i] = (2 * rng.nextDouble() - 1) * limit;
    return out;
  };
  const w1 = glorot(inputs, hidden);
  return { w1, w2: glorot(hidden, 1) };
}

/** FilterNet as tfjs variables, initialised by `initialFilterWeights`. */
export function createFilterNet(tf: Tf, inputs: number, hidden: number, seed: number): FilterNet {
  const { w1: w1Init, w2: w2Init } = initialFilterWeights(inputs, hidden, seed);
  // A variable shares its initial tensor's data but not its lifetime: dispose the initial ones.
  const initial = [tf.tensor2d(w1Init, [inputs, hidden]), tf.zeros([hidden]), tf.tensor2d(w2Init, [hidden, 1]), tf.zeros([1])];
  const [w1, b1, w2, b2] = initial.map((t) => tf.variable(t, true));
  for (const t of initial) t.dispose();
  return { w1, b1, w2, b2, inputs, hidden };
}

/** Logits of features [..., k] as [...] (the sigmoid is applied by the loss and the inference). */
export function filterLogits(tf: Tf, net: FilterNet, features: Tensor): Tensor {
  const shape = features.shape;
  const flat = tf.reshape(features, [-1, net.inputs]);
  const hidden = tf.relu(tf.add(tf.matMul(flat, net.w1), net.b1));
  const logits = tf.add(tf.matMul(hidden, net.w2), net.b2);
  return tf.reshape(logits, shape.slice(0, -1));
}

/** Copies the variables out as plain numbers (what a stored filter keeps). */
export async function readFilterWeights(net: FilterNet): Promise<FilterWeights> {
  const [w1, b1, w2, b2] = await Promise.all([net.w1.data(), net.b1.data(), net.w2.data(), net.b2.data()]);
  return { w1: Array.from(w1), b1: Array.from(b1), w2: Array.from(w2), b2: b2[0], inputs: net.inputs, hidden: net.hidden };
}

export function disposeFilterNet(net: FilterNet): void {
  net.w1.dispose();
  net.b1.dispose();
  net.w2.dispose();
  net.b2.dispose();
}
