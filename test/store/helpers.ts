import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunConfig } from '../../engine/config/types';
import type { GenerationSummary } from '../../engine/core/summary-types';
import {
  StoreError,
  type NewLabelGroup,
  type NewLabelSetInput,
  type NewRunInput,
  type RunRecord,
  type TrainingEpochRow,
  type WritableRunStore,
} from '../../main/store';

/** A fresh folder under the OS temp dir, and a cleanup that removes it. */
export function tempDir(): { dir: string; file: (name?: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'collapse-lab-store-'));
  return {
    dir,
    file: (name = 'runs.sqlite') => join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function sampleConfig(generations = 4): RunConfig {
  return {
    name: 'gaussian mean, replace',
    preset: 'shumailov-gaussian',
    seed: 7,
    replicates: 100,
    generations,
    model: { family: 'gaussian', dim: 2, estimate: 'mean-cov', estimator: 'mle', sigma: 1, truth: [0, 0.5] },
    sampleSize: { schedule: 'constant', n0: 100, power: 0 },
    data: { mode: 'replace', realPerGeneration: 0, realWeight: 0 },
    filter: { kind: 'none', keepFraction: 1 },
  };
}

export function newRunInput(overrides: Partial<NewRunInput> = {}): NewRunInput {
  const config = overrides.config ?? sampleConfig();
  return {
    name: config.name,
    preset: config.preset ?? null,
    config,
    seed: config.seed,
    engineVersion: '0.1.0',
    backend: 'cpu',
    generationsTotal: config.generations + 1,
    ...overrides,
  };
}

/** A plausible summary for generation t; every third one has no spread and no theory. */
export function summary(t: number): GenerationSummary {
  const bare = t % 3 === 2;
  return {
    t,
    sampleSize: 100 + t,
    error: { mean: 0.1 * (t + 1), rms: 0.11 * (t + 1), median: 0.09 * (t + 1), q25: 0.05 * (t + 1), q75: 0.15 * (t + 1) },
    diversity: bare ? null : { mean: 1 / (t + 1), median: 0.9 / (t + 1) },
    kept: { mean: 1 },
    testError: t % 2 === 0 ? { mean: 0.01 * t } : null,
    theory: bare ? { errorMeanSq: null, testError: null } : { errorMeanSq: 0.02 * t, testError: t % 2 === 0 ? 0.5 : null },
  };
}

export function summaries(from: number, to: number): GenerationSummary[] {
  const rows: GenerationSummary[] = [];
  for (let t = from; t < to; t++) rows.push(summary(t));
  return rows;
}

/** A run with its first `written` generations stored. */
export function createRunWith(store: WritableRunStore, written: number, total = 5): RunRecord {
  const run = store.createRun(newRunInput({ config: sampleConfig(total - 1), generationsTotal: total }));
  store.appendGenerations(run.id, summaries(0, written));
  return run;
}

/** `count` candidates of dimension `dim` around `estimate`, with values distinct per generation. */
export function labelGroup(generation: number, count = 10, dim = 2): NewLabelGroup {
  const candidates = new Float64Array(count * dim);
  for (let i = 0; i < candidates.length; i++) candidates[i] = generation + i / 7 - 0.5;
  return { generation, estimate: Array.from({ length: dim }, (_, k) => 0.1 * generation + k), candidates, dim };
}

/** A machine label set over generations 0..generations-1 of `count` candidates each. */
export function labelSetInput(overrides: Partial<NewLabelSetInput> = {}, generations = 3, count = 10): NewLabelSetInput {
  return {
    name: 'gaussian d=2, machine rule',
    kind: 'machine',
    labeler: 'machine rule (contamination 0.3)',
    source: { family: 'gaussian', dim: 2, truth: [0, 0], sigma: 1, generations, candidates: count, contamination: 0.3, seed: 11 },
    groups: Array.from({ length: generations }, (_, g) => labelGroup(g, count)),
    ...overrides,
  };
}

/** A plausible training epoch. */
export function epochRow(epoch: number): TrainingEpochRow {
  return {
    epoch,
    clsLoss: 0.7 / (epoch + 1),
    contrLoss: 0.05 / (epoch + 1),
    essLoss: epoch < 3 ? 0.01 : 0,
    accuracy: Math.min(0.99, 0.5 + 0.05 * epoch),
    contractionSatisfied: Math.min(1, 0.1 * epoch),
  };
}

/** Runs `action` and returns the StoreError it throws (failing the test if it throws nothing). */
export function captureStoreError(action: () => unknown): StoreError {
  try {
    action();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error('expected a StoreError, but nothing was thrown');
}
