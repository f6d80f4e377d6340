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
   * Runs with `record.paths` = K only: replicates 0..K-1, each with its parameter vector at every
   * stored generation (docs/cli.md "The export document"). Absent otherwise.
   */
  paths?: ParameterPath[];
  /**
   * Neural runs only: whether seed 000's contraction condition held over the run (the share of
   * generations t >= 1 whose measured ratio met 1 - c) and the share of generations whose
   * measured V stayed under theory.contractionBound (engine/theory/contraction-bound.ts).
   */
  contraction?: { contractedShare: number | null; boundHeldShare: number | null };
}

/** One replicate's estimate at t = 0, 1, ...: `vectors[t]` is its parameter vector at generation t. */
export interface ParameterPath {
  replicate: number;
  vectors: number[][];
}

/**
 * Moves the per-generation `paths` (stored with each generation) into one path per replicate, so
 * the generations keep only their summaries; undefined when the run recorded none.
 */
export function gatherParameterPaths(generations: GenerationSummary[]): ParameterPath[] | undefined {
  if (!generations.some((g) => g.paths)) return undefined;
  const K = Math.max(...generations.map((g) => g.paths?.length ?? 0));
  const paths: ParameterPath[] = Array.from({ length: K }, (_, replicate) => ({ replicate, vectors: [] }));
  for (const g of generations) {
    g.paths?.forEach((v, k) => paths[k].vectors.push(v));
    delete g.paths;
  }
  return paths;
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
    const generations = s.getGenerations(runId);
    const paths = gatherParameterPaths(generations);
    const doc: ExportDocument = {
      run: {
        id: run.id,
        name: run.name,
        preset: run.preset,
        status: run.status,
        createdAt: run.createdAt,
        config: run.config,
        engine: run.engine,
      },
      ...withContractionBound(run.config, generations),
      training: run.filterId ? s.getTrainingEpochs(run.filterId) : [],
    };
    if (paths) doc.paths = paths;
    return doc;
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
