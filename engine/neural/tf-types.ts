import type * as tfjs from '@tensorflow/tfjs';

/**
 * The tfjs namespace the host hands in (tfjs with its best backend already chosen). The engine
 * never imports a backend itself: that is how the same code trains on CUDA, native CPU, wasm or
 * pure JS, and how tests pass a fresh instance.
 */
export type Tf = typeof tfjs;
export type Tensor = tfjs.Tensor;
export type Scalar = tfjs.Scalar;
