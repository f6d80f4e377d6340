import { deleteRuns, formatPoint, runsToDelete, ServiceError, type DeletedRun } from '../../services';
import type { RunRecord } from '../../store';
import type { CliOptions } from '../args';
import { EXIT_CANNOT_START, EXIT_OK, UsageError, type CliIo } from '../io';
import { openExistingStore } from '../store-access';

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

function describeRun(r: Pick<RunRecord | DeletedRun, 'id' | 'name' | 'status'>, generations: number): string {
  return `run ${r.id} "${r.name}" (${r.status}, ${plural(generations, 'generation')})`;
}

/** A deleted run's sweep keeps its grid; the line says what the sweep shows from now on. */
function sweepNote(r: Pick<DeletedRun, 'sweepId' | 'sweepPoint'>): string {
  if (r.sweepId === null) return '';
  const at = r.sweepPoint ? ` ${formatPoint(r.sweepPoint)}` : '';
  return `; sweep ${r.sweepId} now shows its point${at} as not run`;
}

const YES = /^\s*y(es)?\s*$/i;

/**
 * `delete RUN_ID... [--yes] [--json]`: deletes the runs with their generations, all or nothing.
 * Every id is checked before anything is asked or deleted (an unknown id or a running run is
 * one line naming it, exit 2). On a terminal it lists the runs and asks; elsewhere (a script,
 * a pipe) nothing can be asked, so --yes is required. Answering anything but y/yes deletes
 * nothing and exits 2, so that a script can tell.
 */
export async function deleteCommand(ids: readonly string[], options: CliOptions, io: CliIo): Promise<number> {
  if (ids.length === 0) throw new UsageError('delete: give the RUN_ID of each run to delete (see `runs`)');
  const store = openExistingStore(options, io);
  try {
    const refuse = (error: unknown): never => {
      if (error instanceof ServiceError) throw new UsageError(`delete: ${error.message}`);
      throw error;
    };
    let runs: RunRecord[] = [];
    try {
      runs = runsToDelete(store, ids);
    } catch (error) {
      refuse(error);
    }
    if (!options.yes) {
      const what = runs.length === 1 ? `run ${runs[0].id}` : `these ${runs.length} runs (${runs.map((r) => r.id).join(', ')})`;
      if (!io.stdinIsTTY || !io.ask) throw new UsageError(`delete: stdin is not a terminal, so nothing was asked and nothing deleted; pass --yes to delete ${what}`);
      for (const r of runs) io.stderr(`  ${describeRun(r, r.generationsDone)}${sweepNote(r).replace('now shows', 'will show')}\n`);
      const answer = await io.ask(`delete ${runs.length === 1 ? 'this run' : `these ${runs.length} runs`} from ${store.file}? [y/N] `);
      if (answer === null || !YES.test(answer)) {
        io.stderr('nothing deleted\n');
        return EXIT_CANNOT_START;
      }
    }
    let deleted: DeletedRun[] = [];
    try {
      deleted = deleteRuns(store, ids);
    } catch (error) {
      refuse(error);
    }
    if (options.json) {
      io.stdout(`${JSON.stringify({ store: store.file, deleted })}\n`);
    } else {
      for (const r of deleted) io.stdout(`deleted ${describeRun(r, r.generations)}${sweepNote(r)}\n`);
    }
    return EXIT_OK;
  } finally {
    store.close();
  }
}
