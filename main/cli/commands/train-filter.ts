import { trainingSettings } from '../../../engine';
import { sharedTf, backendLabel, inThreadTrainer } from '../../engine-host';
import { labelGroups, prepareRun, trainAndStoreFilter } from '../../services';
import type { CliOptions } from '../args';
import { EXIT_INTERRUPTED, EXIT_OK, EXIT_RUN_FAILED, UsageError, type CliIo } from '../io';
import { openCliStore } from '../store-access';

/**
 * `train-filter --labels ID [--set filter.training.X=V]... [--name N] [--json]`: trains the
 * neural filter on a label set, printing every epoch as it ends, and stores it for `filter.id`.
 */
export async function trainFilterCommand(options: CliOptions, io: CliIo): Promise<number> {
  if (!options.labels) throw new UsageError('train-filter: give --labels LABEL_SET_ID (see `label-sets`)');
  const bad = options.set.find((s) => !s.startsWith('filter.training.') && !s.startsWith('seed='));
  if (bad) throw new UsageError(`train-filter: --set takes filter.training.* fields (or seed), got "${bad}"`);
  const settings = trainingSettings(prepareRun({ config: { filter: { kind: 'neural' } }, overrides: options.set }));
  const store = openCliStore(options, io);
  try {
    const labelSet = store.getLabelSet(options.labels);
    if (!labelSet) throw new UsageError(`labels: no label set '${options.labels}' in ${store.file} (see \`label-sets\`)`);
    if (labelSet.counts.good === 0) throw new UsageError(`labels: label set '${labelSet.id}' has no candidate labelled good yet`);
    const source = labelSet.source as { family: string };
    const loaded = await sharedTf();
    if (!options.json) io.stdout(`training on ${backendLabel(loaded.report)}: ${labelSet.counts.labelled} labelled candidates in ${labelSet.counts.groups} generations\n`);
    const outcome = await trainAndStoreFilter(
      store,
      inThreadTrainer(async () => loaded),
      { name: options.name ?? `filter on ${labelSet.name}`, labelSetId: labelSet.id, family: source.family, groups: labelGroups(store, labelSet.id), settings },
      {
        signal: io.signal,
        onEpoch: (e) => {
          if (options.json) return;
          io.stdout(
            `epoch ${String(e.epoch).padStart(4)}/${settings.epochs}  L_cls ${e.clsLoss.toFixed(4)}  L_contr ${e.contrLoss.toExponential(2)}  L_ess ${e.essLoss.toFixed(4)}  accuracy ${e.accuracy.toFixed(3)}  contraction ok ${(e.contractionSatisfied * 100).toFixed(0)}%\n`,
          );
        },
      },
    );
    const r = outcome.result;
    if (options.json) {
      io.stdout(
        `${JSON.stringify({
          filterId: outcome.filter.id,
          status: outcome.filter.status,
          backend: outcome.filter.backend,
          epochs: r?.history.length ?? 0,
          bestEpoch: r?.bestEpoch ?? null,
          heldOutAccuracy: r?.heldOutAccuracy ?? null,
          heldOutContraction: r?.heldOutContraction ?? null,
          ...(outcome.message ? { message: outcome.message } : {}),
        })}\n`,
      );
    } else if (r) {
      io.stdout(
        `filter ${outcome.filter.id} ready: best epoch ${r.bestEpoch}${r.stoppedEarly ? ' (stopped early)' : ''}, held-out accuracy ${r.heldOutAccuracy.toFixed(3)}, contraction satisfied on ${(r.heldOutContraction * 100).toFixed(0)}% of held-out generations\nuse it: npm run cli -- run --preset filter-constant-n --set filter.id=${outcome.filter.id}\n`,
      );
    }
    if (!r) io.stderr(`filter ${outcome.filter.id} ${outcome.filter.status}: ${outcome.message}\n`);
    return r ? EXIT_OK : outcome.filter.status === 'interrupted' ? EXIT_INTERRUPTED : EXIT_RUN_FAILED;
  } finally {
    store.close();
  }
}
