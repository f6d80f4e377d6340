import type { CliOptions, OptionSpec } from './args';
import type { CliIo } from './io';

/**
 * One command, declared once: the parser accepts exactly its options, and its `--help` is
 * written from the same declaration, so the two cannot disagree.
 */
export interface CommandSpec {
  name: string;
  /** What it does, in one line (its help's first line). */
  summary: string;
  /** Its forms after the command name, one per line of the help's "Usage". */
  usage: string[];
  /** Declared options; -h/--help is added to every command. */
  options: OptionSpec[];
  /**
   * Shown in the help after the options (what it does to a sweep, where output goes, ...).
   * Kept short: the global --help is the overview.
   */
  notes?: string[];
  /** Whether it takes positional arguments (ids, a file); otherwise any is refused, named. */
  positionals?: boolean;
  /** One typical use, after `npm run --silent cli -- `. */
  example: string;
  run: (positionals: string[], options: CliOptions, io: CliIo) => number | Promise<number>;
}

/** Options several commands share, declared once; a command may reword the help of one. */
export const OPT = {
  db: { name: 'db', type: 'string', value: 'FILE', help: "the store (default: $COLLAPSE_LAB_DB, else the desktop app's store)" },
  json: { name: 'json', type: 'boolean', help: 'machine-readable output on stdout' },
  preset: { name: 'preset', type: 'string', value: 'NAME', help: 'start from a built-in preset (see `presets`)' },
  config: { name: 'config', type: 'string', value: 'FILE', help: 'start from a config file (JSON)' },
  set: { name: 'set', type: 'string', multiple: true, value: 'PATH=VALUE', help: 'override a config field (VALUE is JSON, else a string); repeatable' },
  threads: { name: 'threads', type: 'string', value: 'N|auto', help: 'worker threads for the replicates (same numbers for any N; default auto)' },
  progress: { name: 'progress', type: 'boolean', help: 'progress on stderr even when it is not a terminal' },
  name: { name: 'name', type: 'string', value: 'NAME', help: 'name to store it under' },
  help: { name: 'help', type: 'boolean', short: 'h', help: "this command's help" },
} as const satisfies Record<string, OptionSpec>;

/** A shared option with the help reworded for one command. */
export function withHelp(option: OptionSpec, help: string): OptionSpec {
  return { ...option, help };
}
