import { createLabelSet } from '../../services';
import type { CliOptions } from '../args';
import { EXIT_OK, UsageError, type CliIo } from '../io';
import { openCliStore } from '../store-access';
import { configFromOptions } from './run';

/**
 * `label --machine [--preset NAME | --config FILE] [--set filter.labels.X=V]... [--name N]`
 * makes a machine-labelled set; `label --labeler NAME ...` makes the same candidates unlabelled,
 * for a person to label in the app. The model comes from the preset or config (default: a
 * 2-d Gaussian), the labelling from its `filter.labels` settings (docs/experiments.md section 4).
 */
export function labelCommand(options: CliOptions, io: CliIo): number {
  if (!options.machine && options.labeler === undefined) {
    throw new UsageError('label: give --machine for machine labels, or --labeler NAME for a set a person will label');
  }
  if (options.machine && options.labeler !== undefined) throw new UsageError('label: give either --machine or --labeler, not both');
  const config = configFromOptions('label', { ...options, set: ['filter.kind=neural', ...options.set] }, io, false);
  const store = openCliStore(options, io);
  try {
    const name = options.name ?? `${config.name}: ${options.machine ? 'machine labels' : `labels by ${options.labeler}`}`;
    const set = createLabelSet(store, config, { name, kind: options.machine ? 'machine' : 'human', labeler: options.labeler });
    if (options.json) io.stdout(`${JSON.stringify({ labelSetId: set.id, name: set.name, kind: set.kind, labeler: set.labeler, counts: set.counts })}\n`);
    else io.stdout(`label set ${set.id} "${set.name}" (${set.labeler}): ${set.counts.groups} generations, ${set.counts.candidates} candidates, ${set.counts.labelled} labelled (${set.counts.good} good)\n`);
    return EXIT_OK;
  } finally {
    store.close();
  }
}
