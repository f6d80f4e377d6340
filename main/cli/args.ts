import { parseArgs } from 'node:util';
import { UsageError } from './io';

/** Options every command understands; each command reads the ones it needs. */
export interface CliOptions {
  preset?: string;
  config?: string;
  set: string[];
  json: boolean;
  db?: string;
  format?: string;
  progress: boolean;
  port?: string;
  help: boolean;
  machine: boolean;
  labels?: string;
  name?: string;
  labeler?: string;
  threads?: string;
  /** `sweep`: one axis each (PATH=START:STOP:STEP or PATH=a,b,c). */
  grid: string[];
  /** `sweep`: generations FROM:TO summarised. */
  window?: string;
  /** `export --bundle FILE`: write a bundle instead of printing one run. */
  bundle?: string;
  /** `run`: the stored run whose config to run again. */
  from?: string;
}

export interface ParsedArgs {
  command: string | undefined;
  positionals: string[];
  options: CliOptions;
}

/** Parses `<command> [options]`; unknown options are a UsageError naming them. */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        preset: { type: 'string' },
        config: { type: 'string' },
        set: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        db: { type: 'string' },
        format: { type: 'string' },
        progress: { type: 'boolean' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        machine: { type: 'boolean' },
        labels: { type: 'string' },
        name: { type: 'string' },
        labeler: { type: 'string' },
        threads: { type: 'string' },
        grid: { type: 'string', multiple: true },
        window: { type: 'string' },
        bundle: { type: 'string' },
        from: { type: 'string' },
      },
    });
  } catch (error) {
    // node:util's messages run on with advice about '--'; the first sentence names the problem.
    const message = error instanceof Error ? error.message.split('. ')[0] : String(error);
    throw new UsageError(`${message} (see --help)`);
  }
  const v = parsed.values;
  const [command, ...positionals] = parsed.positionals;
  return {
    command,
    positionals,
    options: {
      preset: v.preset,
      config: v.config,
      set: v.set ?? [],
      json: v.json ?? false,
      db: v.db,
      format: v.format,
      progress: v.progress ?? false,
      port: v.port,
      help: v.help ?? false,
      machine: v.machine ?? false,
      labels: v.labels,
      name: v.name,
      labeler: v.labeler,
      threads: v.threads,
      grid: v.grid ?? [],
      window: v.window,
      bundle: v.bundle,
      from: v.from,
    },
  };
}
