import type { RunConfig } from '../config/types';
import { createTheory, type Theory } from '../theory';
import { SimulationAborted, SimulationFailure } from './failure';
import { createBlock } from './create-block';
import type { GenerationBlock, GenerationRaw } from './replicate-block';
import { leastSquaresSlope, mean, summariseDiversity, summariseErrors, summariseMixture, summariseRatios } from './summarise';
import type { GenerationSummary } from './summary-types';
import type { FilterModel } from '../neural/types';
import { MIXTURE_STRIDE, mixtureDistanceKind } from '../mixture/settings';
import type { RunInputs } from './run-inputs';

/** The part of an AbortSignal the engine needs (the engine has no DOM or Node types). */
export interface AbortSignalLike {
  readonly aborted: boolean;
}

export interface SimulationOptions {
  /** Called once per generation, in order t = 0..T, with the summary across all replicates. */
  onGeneration?: (summary: GenerationSummary) => void;
  /** Checked between generations; when aborted the run throws SimulationAborted. */
  signal?: AbortSignalLike;
  /**
   * Lets the host's event loop run (timers, signals, messages) between generations. The engine
   * never schedules anything itself; a Node host passes `() => new Promise(r => setImmediate(r))`.
   */
  yieldToHost?: () => Promise<void>;
  /** Minimum milliseconds of computing between two yields (default 30). */
  yieldEveryMs?: number;
  /**
   * Replicate blocks to split the run into, as block sizes summing to R (default one block).
   * Results do not depend on it; it exists so the thread split can be tested in one process.
   */
  blockSizes?: readonly number[];
  /** The trained filter of a `filter.kind = neural` run (trained or loaded by the host). */
  filterModel?: FilterModel;
  /** The real data of a family that needs some (family-specs.ts `needs`), read by the host. */
  inputs?: RunInputs;
}

export interface SimulationResult {
  readonly generations: number;
  readonly last: GenerationSummary;
}

/**
 * Runs recursive training for generations 0..T over R replicates (docs/cli.md "Generation
 * semantics") and reports one summary per generation. Pure: no I/O, no timers, no globals.
 */
export async function runSimulation(config: Readonly<RunConfig>, options: SimulationOptions = {}): Promise<SimulationResult> {
  const R = config.replicates;
  const sizes = options.blockSizes ?? [R];
  if (sizes.reduce((a, b) => a + b, 0) !== R || sizes.some((s) => !Number.isInteger(s) || !(s > 0))) {
    throw new RangeError(`blockSizes must be positive integers summing to replicates (${R}), got [${sizes.join(', ')}]`);
  }
  const blocks: GenerationBlock[] = [];
  let first = 0;
  for (const size of sizes) {
    blocks.push(createBlock(config, first, size, options.filterModel, options.inputs));
    first += size;
  }
  const summariser = new GenerationSummariser(config);
  const yieldEvery = options.yieldEveryMs ?? 30;
  let lastYield = Date.now();
  let last: GenerationSummary | undefined;

  for (let t = 0; t <= config.generations; t++) {
    if (options.signal?.aborted) throw new SimulationAborted(t);
    const parts = blocks.map((b) => (t === 0 ? b.initial() : b.advance(t)));
    last = summariser.summarise(parts);
    options.onGeneration?.(last);
    if (options.yieldToHost && Date.now() - lastYield >= yieldEvery) {
      await options.yieldToHost();
      lastYield = Date.now();
    }
  }
  return { generations: config.generations + 1, last: last! };
}

/**
 * Merges the blocks of one generation in replicate order and summarises them. Everything is
 * computed from the merged arrays, so a block split cannot change a single bit.
 */
export class GenerationSummariser {
  private readonly errSq: Float64Array;
  private readonly diversity: Float64Array;
  private readonly kept: Float64Array;
  private readonly scratch: Float64Array;
  private readonly contraction: Float64Array | null;
  /** Neural runs: last generation's ||e||^2 per replicate, for the contraction slope. */
  private readonly prevErrSq: Float64Array | null;
  private readonly testErr: Float64Array;
  private readonly mixture: Float64Array | null;
  private readonly theory: Theory;

  constructor(private readonly config: Readonly<RunConfig>) {
    const R = config.replicates;
    this.errSq = new Float64Array(R);
    this.diversity = new Float64Array(R);
    this.kept = new Float64Array(R);
    this.scratch = new Float64Array(R);
    this.contraction = config.filter.kind === 'neural' ? new Float64Array(R) : null;
    this.prevErrSq = this.contraction ? new Float64Array(R) : null;
    this.testErr = new Float64Array(R);
    this.mixture = config.model.family === 'gaussian-mixture' ? new Float64Array(R * MIXTURE_STRIDE) : null;
    this.theory = createTheory(config);
  }

  summarise(parts: readonly GenerationRaw[]): GenerationSummary {
    let offset = 0;
    for (const p of parts) {
      this.errSq.set(p.errSq, offset);
      this.diversity.set(p.diversity, offset);
      this.kept.set(p.kept, offset);
      if (this.contraction && p.contraction) this.contraction.set(p.contraction, offset);
      if (p.testErr) this.testErr.set(p.testErr, offset);
      if (this.mixture && p.mixture) this.mixture.set(p.mixture, offset * MIXTURE_STRIDE);
      offset += p.errSq.length;
    }
    const { t, sampleSize } = parts[0];
    // One theory step per generation: regression's laws carry state and are computed once here.
    const theory = this.theory.next(t);
    this.assertReplicatesFinite(t, parts[0].hasDiversity !== false, parts[0].testErr != null);
    const summary: GenerationSummary = {
      t,
      sampleSize,
      error: summariseErrors(this.errSq, this.scratch),
      diversity: parts[0].hasDiversity === false ? null : summariseDiversity(this.diversity, this.scratch),
      kept: { mean: mean(this.kept) },
      testError: parts[0].testErr ? { mean: mean(this.testErr) } : null,
      theory: { errorMeanSq: finiteOrNull(theory.errorMeanSq), testError: finiteOrNull(theory.testError) },
    };
    if (this.contraction && this.prevErrSq) {
      summary.contraction = summariseRatios(this.contraction, this.scratch);
      const slope = t > 0 ? leastSquaresSlope(this.prevErrSq, this.errSq) : null;
      if (slope !== null) summary.contraction.slope = slope;
      this.prevErrSq.set(this.errSq);
    }
    if (this.mixture) summary.mixture = summariseMixture(this.mixture, mixtureDistanceKind(this.config), t);
    const paths = gatherPaths(parts);
    if (paths) summary.paths = paths;
    assertFinite(summary, t);
    return summary;
  }

  /**
   * The general guard against NaN and Infinity (O(R) a generation): every replicate's values must
   * be finite numbers, or the run fails naming the generation, the first bad replicate and what
   * went wrong, before a summary could average the bad value into every statistic.
   */
  private assertReplicatesFinite(t: number, hasDiversity: boolean, hasTestError: boolean): void {
    const checks: [Float64Array, string][] = [
      [this.errSq, 'the squared error ||theta_t - theta*||^2'],
      [this.kept, 'the kept fraction'],
    ];
    if (hasDiversity) checks.push([this.diversity, 'the spread (diversity)']);
    if (hasTestError) checks.push([this.testErr, 'the excess test risk']);
    for (const [values, what] of checks) {
      for (let r = 0; r < values.length; r++) {
        const v = values[r];
        if (v - v !== 0) {
          // v - v is 0 for every finite v and NaN for NaN and both infinities: one test, no call.
          const cause = Number.isNaN(v) ? 'is not a number (NaN)' : `is ${v}: the model overflowed`;
          throw new SimulationFailure(t, `replicate ${r}: ${what} ${cause}`);
        }
      }
    }
  }
}

/**
 * The recorded replicates' parameter vectors (record.paths) of every block, in replicate order,
 * one array per replicate; undefined when the run records none. Non-finite values cannot occur:
 * the blocks refuse a fit that is not finite before recording it.
 */
function gatherPaths(parts: readonly GenerationRaw[]): number[][] | undefined {
  const rows: number[][] = [];
  for (const p of parts) {
    if (!p.paths) continue;
    const P = p.pathSize ?? p.paths.length;
    for (let i = 0; i < p.paths.length; i += P) rows.push(Array.from(p.paths.subarray(i, i + P)));
  }
  return rows.length > 0 ? rows : undefined;
}

/**
 * A closed-form prediction too large for a double (the theory of an extreme config, which the
 * replicates reach later or never) is no prediction: null, as where no closed form applies,
 * rather than Infinity, which JSON and the store cannot hold.
 */
function finiteOrNull(v: number | null): number | null {
  return v !== null && Number.isFinite(v) ? v : null;
}

/**
 * The export format has no NaN or Infinity: a run that produced one fails with a clear message.
 * Every replicate is finite by now (assertReplicatesFinite), so what is left is a statistic whose
 * sum over replicates overflowed, such as the rms of errors each below 1.8e308 but not their total.
 */
function assertFinite(s: GenerationSummary, t: number): void {
  const named: [string, number][] = [
    ['error.mean', s.error.mean],
    ['error.rms', s.error.rms],
    ['error.median', s.error.median],
    ['error.q25', s.error.q25],
    ['error.q75', s.error.q75],
    ['kept.mean', s.kept.mean],
  ];
  if (s.testError) named.push(['testError.mean', s.testError.mean]);
  if (s.diversity) named.push(['diversity.mean', s.diversity.mean], ['diversity.median', s.diversity.median]);
  const bad = named.find(([, v]) => !Number.isFinite(v));
  if (bad) {
    throw new SimulationFailure(t, `the summary ${bad[0]} is ${bad[1]} across the replicates (the model overflowed)`);
  }
}
