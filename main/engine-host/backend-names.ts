/**
 * Every step of the training backend chain (docs/training-backends.md). Which of them a training
 * tries, and in what order, is its workload's (workloads.ts); this is the list names are checked
 * against ($COLLAPSE_LAB_TF_BACKEND, `bench --backend`) and the order `doctor` lists them in.
 */
export const BACKEND_ORDER = ['tfjs-node-gpu', 'webgpu', 'tfjs-node', 'fused', 'wasm', 'cpu'] as const;

export type BackendName = (typeof BACKEND_ORDER)[number];
