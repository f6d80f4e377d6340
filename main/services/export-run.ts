import { contractionBound, type GenerationSummary, type RunConfig } from '../../engine';
import type { ReadableRunStore, TrainingEpochRow } from '../store';
import { ServiceError } from './errors';

/** docs/cli.md's export document. */
export interface ExportDocument {
  run: {
    id: string;
    name: string;
    preset: string | null;
    status: string;
    createdAt: string;
    config: RunConfig;
    engine: { version: string; backend: string };
  };
  generations: GenerationSummary[];
  training: TrainingEpoch[];
  /**
   * Neural runs only: whether seed 000's contraction condition held over the run (the share of
   * generations t >= 1 whose measured ratio met 1 - c) and the share of generations whose
   * measured V stayed under theory.contractionBound (engine/theory/contraction-bound.ts).
   */
  contraction?: { contractedShare: number | null; boundHeldShare: number | null };
}

/**
 * A neural run's generations with theory.contractionBound beside each, and the run's statement;
 * other runs' generations unchanged. The export and `runs:get` / `compare:series` both use it.
 */
export function withContractionBound(config: RunConfig, generations: GenerationSummary[]): Pick<ExportDocument, 'generations' | 'contraction'> {
  if (config.filter.kind !== 'neural') return { generations };
  const b = contractionBound(config, generations);
  return {
    generations: generations.map((g, i) => ({ ...g, theory: { ...g.theory, contractionBound: b.bound[i] } })),
    contraction: { contractedShare: b.contractedShare, boundHeldShare: b.boundHeldShare },
  };
}

/** One epoch of the neural filter's training history: the store's row is exactly the contract's entry. */
export type TrainingEpoch = TrainingEpochRow;

/** Reads a stored run and its generations in one snapshot and shapes them as the export document. */
export function exportRun(store: ReadableRunStore, runId: string): ExportDocument {
  return store.snapshot((s) => {
    const run = s.getRun(runId);
    if (!run) throw new ServiceError('RUN_NOT_FOUND', `export: no run '${runId}' in ${s.file}`);
    return {
      run: {
        id: run.id,
        name: run.name,
        preset: run.preset,
        status: run.status,
        createdAt: run.createdAt,
        config: run.config,
        engine: run.engine,
      },
      ...withContractionBound(run.config, s.getGenerations(runId)),
      training: run.filterId ? s.getTrainingEpochs(run.filterId) : [],
    };
  });
}

/** Columns of the per-generation CSV, in order, with how to read each from a summary. */
const CSV_COLUMNS: readonly [string, (g: GenerationSummary) => number | null][] = [
  ['t', (g) => g.t],
  ['sampleSize', (g) => g.sampleSize],
  ['error_mean', (g) => g.error.mean],
  ['error_rms', (g) => g.error.rms],
  ['error_median', (g) => g.error.median],
  ['error_q25', (g) => g.error.q25],
  ['error_q75', (g) => g.error.q75],
  ['diversity_mean', (g) => g.diversity?.mean ?? null],
  ['diversity_median', (g) => g.diversity?.median ?? null],
  ['kept_mean', (g) => g.kept.mean],
  ['testError_mean', (g) => g.testError?.mean ?? null],
  ['theory_errorMeanSq', (g) => g.theory.errorMeanSq],
  ['theory_testError', (g) => g.theory.testError],
];

/** The per-generation table as CSV (RFC 4180; an undefined value is an empty field). */
export function generationsCsv(generations: readonly GenerationSummary[]): string {
  const lines = [CSV_COLUMNS.map(([name]) => name).join(',')];
  for (const g of generations) lines.push(CSV_COLUMNS.map(([, read]) => String(read(g) ?? '')).join(','));
  return `${lines.join('\n')}\n`;
}
