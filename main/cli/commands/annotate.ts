import { runAnnotationHandlers, ServiceError } from '../../services';
import type { CliOptions } from '../args';
import { cliHandlers } from '../cli-handlers';
import { EXIT_OK, UsageError, type CliIo } from '../io';
import { openExistingStore } from '../store-access';

/**
 * `tag` and `note`: what a researcher writes beside a run (issue 18, item 5), through the
 * contract's checked `runs:tag` and `runs:note` handlers, as the run page writes them. A bad
 * tag, an unknown run or a note too long is one line and exit 2, with nothing written.
 */
async function withAnnotations<T>(command: string, options: CliOptions, io: CliIo, call: (h: ReturnType<typeof runAnnotationHandlers>) => Promise<T> | T): Promise<T> {
  // A run to annotate must exist, so must its store: a missing one is named, not created empty.
  const cli = cliHandlers(runAnnotationHandlers, () => openExistingStore(options, io));
  try {
    return await call(cli.handlers);
  } catch (error) {
    if (error instanceof ServiceError && error.code === 'RUN_NOT_FOUND') throw new UsageError(`${command}: ${error.message} (see \`runs\`)`);
    if (error instanceof ServiceError && error.code === 'BAD_REQUEST') throw new UsageError(`${command}: ${error.message}; nothing was changed`);
    throw error;
  } finally {
    cli.close();
  }
}

/** `tag RUN_ID NAME... [--remove]`: adds the tags (or takes them off) and prints the run's tags. */
export async function tagCommand(positionals: readonly string[], options: CliOptions, io: CliIo): Promise<number> {
  const [id, ...names] = positionals;
  if (!id || names.length === 0) throw new UsageError(`tag: give a RUN_ID and at least one tag NAME to ${options.remove ? 'take off' : 'add'}`);
  const edit = options.remove ? { remove: names } : { add: names };
  const { tags } = await withAnnotations('tag', options, io, (h) => h['runs:tag']({ id, ...edit }));
  io.stdout(options.json ? `${JSON.stringify({ id, tags })}\n` : `run ${id}: ${tags.length > 0 ? tags.join(' ') : 'no tags'}\n`);
  return EXIT_OK;
}

/** `note RUN_ID TEXT` sets the note, `note RUN_ID --clear` clears it; prints the note as stored. */
export async function noteCommand(positionals: readonly string[], options: CliOptions, io: CliIo): Promise<number> {
  const [id, text, extra] = positionals;
  if (!id) throw new UsageError('note: give a RUN_ID and the TEXT (or --clear)');
  if (extra !== undefined) throw new UsageError('note: give the TEXT as one argument (quote it)');
  if (options.clear === (text !== undefined)) throw new UsageError(options.clear ? 'note: --clear takes no TEXT' : 'note: give the TEXT (or --clear to remove the note)');
  const { note } = await withAnnotations('note', options, io, (h) => h['runs:note']({ id, note: options.clear ? null : text! }));
  io.stdout(options.json ? `${JSON.stringify({ id, note })}\n` : note === null ? `run ${id}: no note\n` : `run ${id}: note saved (${note.length} characters)\n`);
  return EXIT_OK;
}
