import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { resolveConfig, runSimulation, SimulationAborted, SimulationFailure, type GenerationSummary } from '../../../engine';
import { loadMnist, runParallel, splitReplicates } from '../../../main/engine-host';

async function collectSingle(config: ReturnType<typeof resolveConfig>): Promise<GenerationSummary[]> {
  const out: GenerationSummary[] = [];
  await runSimulation(config, { onGeneration: (s) => out.push(s) });
  return out;
}

async function collectParallel(config: ReturnType<typeof resolveConfig>, threads: number, batchMs = 50): Promise<GenerationSummary[]> {
  const out: GenerationSummary[] = [];
  await runParallel(config, { threads, batchMs, onGeneration: (s) => out.push(s) });
  return out;
}

describe('splitReplicates', () => {
  it('splits as evenly as possible and never makes more blocks than replicates', () => {
    expect(splitReplicates(10, 3)).toEqual([4, 3, 3]);
    expect(splitReplicates(2, 8)).toEqual([1, 1]);
    expect(splitReplicates(256, 2)).toEqual([128, 128]);
  });
});

// Real worker threads (the same block-worker the CLI and the app use). Per-replicate random
// streams make the split invisible: every summary must be bit-identical to the one-thread run.
describe('runParallel over worker threads', () => {
  const configs = {
    'gaussian mean, oracle filter': resolveConfig({ replicates: 13, generations: 40, sampleSize: { n0: 200 }, filter: { kind: 'oracle', keepFraction: 0.7 } }),
    'gaussian mean-cov, accumulate': resolveConfig({ replicates: 9, generations: 30, model: { estimate: 'mean-cov' }, sampleSize: { n0: 20 }, data: { mode: 'accumulate' } }),
    'poisson, fresh data': resolveConfig({ replicates: 7, generations: 25, model: { family: 'poisson', dim: 3 }, data: { mode: 'fresh', realWeight: 0.4 } }),
  };

  for (const [name, config] of Object.entries(configs)) {
    it(`${name}: 1, 2 and 3 threads give the single-thread summaries bit for bit`, async () => {
      const single = await collectSingle(config);
      for (const threads of [1, 2, 3]) {
        // batchMs 0 sends every generation on its own, so batch boundaries differ between workers.
        const parallel = await collectParallel(config, threads, threads === 3 ? 0 : 50);
        expect(parallel).toStrictEqual(single);
      }
    });
  }

  it('kernel-ridge: the workers read MNIST themselves and give the in-thread run (digits passed in) bit for bit', async () => {
    const config = resolveConfig({ replicates: 3, generations: 2, model: { family: 'kernel-ridge', testDigits: 50 }, sampleSize: { n0: 40, final: 60 } });
    const single: GenerationSummary[] = [];
    await runSimulation(config, { inputs: { mnist: loadMnist() }, onGeneration: (s) => single.push(s) });
    expect(await collectParallel(config, 2)).toStrictEqual(single);
  });

  it('reports generations in order, each once', async () => {
    const seen = (await collectParallel(configs['poisson, fresh data'], 2, 0)).map((s) => s.t);
    expect(seen).toEqual([...Array(26).keys()]);
  });

  it('cancelling stops the run at once with SimulationAborted naming the next generation', async () => {
    const config = resolveConfig({ replicates: 4, generations: 1_000_000, sampleSize: { n0: 50 } });
    const controller = new AbortController();
    let generations = 0;
    const run = runParallel(config, {
      threads: 2,
      signal: controller.signal,
      onGeneration: (s) => {
        generations = s.t + 1;
        if (s.t === 20) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(SimulationAborted);
    await run.catch((e: SimulationAborted) => expect(e.generation).toBe(21));
    expect(generations).toBe(21); // nothing reported after the abort
  });

  it('an engine failure inside a worker becomes a SimulationFailure naming the generation', async () => {
    // n = d + 1 = 3 with the MLE: the fitted spread underflows within a few hundred generations.
    const config = resolveConfig({ replicates: 4, generations: 5000, model: { estimate: 'mean-cov' }, sampleSize: { n0: 3 } });
    const run = runParallel(config, { threads: 2 });
    await expect(run).rejects.toBeInstanceOf(SimulationFailure);
    await run.catch((e: SimulationFailure) => expect(e.message).toMatch(/^generation \d+: replicate \d+: the fitted covariance is no longer positive definite/));
  });

  it('a worker that crashes fails the job and leaves the host able to run the next one', async () => {
    const crashing = () => new Worker(new URL('./fixtures/crashing-worker.mjs', import.meta.url));
    const config = resolveConfig({ replicates: 4, generations: 10 });
    await expect(runParallel(config, { threads: 2, factory: crashing })).rejects.toThrow(/worker crashed: simulated native crash/);
    expect(await collectParallel(config, 2)).toStrictEqual(await collectSingle(config));
  });
});
