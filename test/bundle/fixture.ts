import { expect } from 'vitest';
import { openStore } from '../../main/store';
import { cli } from '../cli/cli-driver';
import { createRunWith, epochRow, labelSetInput } from '../store/helpers';

/** What buildRichStore made, by role. */
export interface RichStore {
  completed: string;
  regression: string;
  neural: string;
  sweepRuns: string[];
  sweep: string;
  failed: string;
  interrupted: string;
  /** Left 'running' by this (live) process: a bundle carries it as running. */
  running: string;
  machineSet: string;
  humanSet: string;
  exactSet: string;
  filter: string;
  /** Left 'training': a bundle carries it as training. */
  trainingFilter: string;
  /** Trained on a label set deleted since: labelSetId null. */
  orphanFilter: string;
}

async function cliJson<T>(args: string[]): Promise<T> {
  const r = await cli([...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}

/**
 * A store with one of everything a bundle must carry: real runs made by the CLI (a completed
 * Gaussian run, a regression run, a neural run with its filter, its training epochs and its
 * machine label set, a two-point sweep), and through the store's API the states a quick CLI
 * run does not leave (failed, interrupted, still running, a filter still training, a filter
 * whose label set was deleted, a human label set labelled by two people, candidates holding
 * -0, the smallest subnormal and the largest double).
 */
export async function buildRichStore(db: string): Promise<RichStore> {
  const small = ['--set', 'replicates=8', '--set', 'generations=4', '--db', db];
  const completed = (await cliJson<{ runId: string }>(['run', '--preset', 'xu-fixed-n', ...small])).runId;
  const regression = (await cliJson<{ runId: string }>(['run', '--preset', 'ridge-collapse', ...small])).runId;
  // A note and tags (store migration 0005), written as a user would: through the CLI.
  await cliJson(['tag', completed, 'baseline', 'fig-2', '--db', db]);
  await cliJson(['note', completed, 'Diverges after *t = 3*; <b>not</b> HTML.\n\n- ünïcode ✓', '--db', db]);
  const labels = ['--set', 'filter.labels.generations=4', '--set', 'filter.labels.candidates=60', '--db', db];
  const machineSet = (await cliJson<{ labelSetId: string }>(['label', '--machine', ...labels])).labelSetId;
  const humanSet = (await cliJson<{ labelSetId: string }>(['label', '--labeler', 'Ada', ...labels])).labelSetId;
  const filter = (await cliJson<{ filterId: string }>(['train-filter', '--labels', machineSet, '--set', 'filter.training.epochs=2', '--db', db])).filterId;
  const neural = (await cliJson<{ runId: string }>(['run', '--preset', 'filter-constant-n', '--set', `filter.id=${filter}`, ...small])).runId;
  const sweepOut = await cliJson<{ sweepId: string; points: { runId: string }[] }>(['sweep', '--preset', 'xu-fixed-n', '--grid', 'replicates=4,6', '--set', 'generations=2', '--db', db]);

  const store = openStore(db);
  try {
    // The labelling experiment's groups are generations 1..K.
    store.saveLabels(humanSet, [{ generation: 1, idx: 3, label: 1 }, { generation: 2, idx: 0, label: 0 }], 'Ada');
    store.saveLabels(humanSet, [{ generation: 1, idx: 5, label: 0 }], 'Bob');

    const exact = store.createLabelSet(
      labelSetInput({
        name: 'exact doubles',
        kind: 'human',
        labeler: 'Ada',
        groups: [{ generation: 2, dim: 2, estimate: [0.1, -0.2], candidates: Float64Array.of(-0, 5e-324, Number.MAX_VALUE, 0.1 + 0.2) }],
      }),
    );
    store.saveLabels(exact.id, [{ generation: 2, idx: 1, label: 1 }], 'Ada');

    const failed = createRunWith(store, 3, 6).id;
    store.finishRun(failed, 'failed', 'simulation failed at t = 3: the fitted covariance is not positive definite');
    const interrupted = createRunWith(store, 2, 5).id;
    store.finishRun(interrupted, 'interrupted', 'interrupted: cancelled by the user');
    const running = createRunWith(store, 2, 5).id;

    const trainingFilter = store.createFilter({ name: 'still training', labelSetId: humanSet, settings: { epochs: 9, lambda: 0.5 }, backend: 'cpu' }).id;
    store.appendTrainingEpochs(trainingFilter, [epochRow(1), epochRow(2)]);

    const doomed = store.createLabelSet(labelSetInput({ name: 'deleted later' }, 1, 4));
    const orphanFilter = store.createFilter({ name: 'orphan', labelSetId: doomed.id, settings: { epochs: 1 }, backend: 'cpu' }).id;
    store.appendTrainingEpochs(orphanFilter, [epochRow(1)]);
    store.finishFilter(orphanFilter, 'ready', { model: { family: 'gaussian', dim: 2, weights: [0.25, -1e-300] }, metrics: { heldOutAccuracy: 0.5 } });
    store.deleteLabelSet(doomed.id);

    return {
      completed,
      regression,
      neural,
      sweepRuns: sweepOut.points.map((p) => p.runId),
      sweep: sweepOut.sweepId,
      failed,
      interrupted,
      running,
      machineSet,
      humanSet,
      exactSet: exact.id,
      filter,
      trainingFilter,
      orphanFilter,
    };
  } finally {
    store.close();
  }
}
