import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING, machineLabelGroups, resolveConfig, trainFilter, TrainingAborted } from '../../../engine';
import { loadTfjs, workerTrainer } from '../../../main/engine-host';

// Filter training as the app and the browser mode run it: on a worker thread (the same
// block-worker as the simulations), epochs streamed back, cancellable between epochs.
const config = resolveConfig({ filter: { kind: 'neural', labels: { generations: 4, candidates: 100 } } });
const groups = machineLabelGroups(config);
const settings = { ...DEFAULT_TRAINING, epochs: 6, hidden: 8, patience: 0 };
const trainer = workerTrainer({ prefer: 'cpu', backend: async () => 'cpu (test)' });

describe('training on a worker thread', () => {
  it('streams every epoch in order and returns the same model as training in this thread', async () => {
    const epochs: number[] = [];
    const result = await trainer.train(groups, 'gaussian', settings, { onEpoch: (r) => epochs.push(r.epoch) });
    expect(epochs).toEqual([1, 2, 3, 4, 5, 6]);
    expect(result.history).toHaveLength(6);
    // Same backend (pure JS), same seed: the same weights bit for bit.
    const { tf } = await loadTfjs({ prefer: 'cpu' });
    const local = await trainFilter(tf, groups, 'gaussian', settings);
    expect(result.model.weights).toEqual(local.model.weights);
    expect(await trainer.backend()).toBe('cpu (test)');
  });

  it('stops at the next epoch when cancelled, with TrainingAborted', async () => {
    const signal = { aborted: false };
    const seen: number[] = [];
    const run = trainer.train(groups, 'gaussian', { ...settings, epochs: 10_000 }, {
      signal,
      onEpoch: (r) => {
        seen.push(r.epoch);
        if (r.epoch === 2) signal.aborted = true;
      },
    });
    await expect(run).rejects.toBeInstanceOf(TrainingAborted);
    expect(seen.length).toBeLessThan(50); // the flag is polled every 20 ms; epochs here take a few ms
  });
});
