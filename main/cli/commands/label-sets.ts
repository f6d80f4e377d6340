import type { LabelSetRecord } from '../../store';
import type { CliOptions } from '../args';
import { EXIT_OK, type CliIo } from '../io';
import { openListingStore } from '../store-access';
import { formatTable } from '../table';

/** "gaussian d=2": the experiment the candidates were drawn from (services/label-sets.ts). */
function sourceOf(s: LabelSetRecord): string {
  const source = (s.source ?? {}) as { family?: unknown; dim?: unknown };
  if (typeof source.family !== 'string') return '-';
  return typeof source.dim === 'number' ? `${source.family} d=${source.dim}` : source.family;
}

/** Generations x candidates per generation, as drawn (every generation draws the same number). */
function sizeOf(s: LabelSetRecord): string {
  const { groups, candidates } = s.counts;
  if (groups === 0) return '0';
  return candidates % groups === 0 ? `${groups} x ${candidates / groups}` : `${groups} gens, ${candidates} candidates`;
}

/**
 * `label-sets [--json]`: stored label sets, newest first, with who labelled them and how far
 * (`train-filter --labels ID` takes the id).
 */
export function labelSetsCommand(options: CliOptions, io: CliIo): number {
  const { store, file } = openListingStore(options, io);
  try {
    const sets = store?.listLabelSets() ?? [];
    if (options.json) {
      io.stdout(`${JSON.stringify(sets.map((s) => ({ id: s.id, name: s.name, kind: s.kind, labeler: s.labeler, source: s.source, counts: s.counts, createdAt: s.createdAt, updatedAt: s.updatedAt })))}\n`);
    } else if (sets.length === 0) {
      io.stdout(`no label sets in ${file} yet: try \`npm run cli -- label --machine\`\n`);
    } else {
      const rows = sets.map((s) => [
        s.id,
        s.kind === 'machine' ? s.labeler : `${s.labeler} (person)`,
        sourceOf(s),
        sizeOf(s),
        `${s.counts.labelled}/${s.counts.candidates} (${s.counts.good} good)`,
        s.createdAt.replace('T', ' ').slice(0, 19),
        s.name,
      ]);
      io.stdout(formatTable(['id', 'labeller', 'source', 'generations x candidates', 'labelled', 'created (UTC)', 'name'], rows));
    }
    return EXIT_OK;
  } finally {
    store?.close();
  }
}
