import { parseArgs } from 'node:util';
import { closestName } from '../../engine';
import { UsageError } from './io';

/**
 * Every option any command understands, parsed. Each command declares the ones it accepts
 * (command-table.ts); any other is refused before the command runs, so a command reads only
 * its own and the rest keep their defaults.
 */
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
  /** `runs`: only runs in this status. */
  status?: string;
  /** `runs`: only the runs of this sweep. */
  sweep?: string;
  /** `runs`: at most this many. */
  limit?: string;
  /** `delete`: no question asked (required when stdin is not a terminal). */
  yes: boolean;
  /** `sweep` on a cluster (docs/cluster.md): where the tasks run, slurm or local. */
  on?: string;
  /** `sweep --on local`: at most this many tasks at once. */
  jobs?: string;
  /** `sweep --on ...`: grid points per task. */
  chunk?: string;
  partition?: string;
  time?: string;
  cpus?: string;
  mem?: string;
  'array-max'?: string;
  /** `sweep --on ...`: the shared folder the tasks read and write. */
  workdir?: string;
  'sbatch-arg': string[];
  /** `sweep --on ...`: shell lines the job script runs first (`module load ...`). */
  setup: string[];
  /** `sweep --resume SWEEP_ID`, `sweep --cancel SWEEP_ID`. */
  resume?: string;
  cancel?: string;
  /** `doctor`: time a short training on every backend that loads, and store the calibration. */
  bench: boolean;
  /** `tag`: take the named tags off instead of adding them. */
  remove: boolean;
  /** `note`: clear the run's note. */
  clear: boolean;
}

type OptionName = keyof CliOptions;

/** One option of a command: how it parses, and its line in the command's help. */
export interface OptionSpec {
  name: OptionName;
  type: 'string' | 'boolean';
  /** May be given several times (values collected in order). */
  multiple?: boolean;
  short?: string;
  /** How its value is shown in the help, e.g. FILE. */
  value?: string;
  help: string;
}

export interface ParsedArgs {
  positionals: string[];
  options: CliOptions;
}

const isOption = (arg: string): boolean => arg.startsWith('-') && arg.length > 1;

/**
 * Splits off the command word: the first argument that is neither an option nor the value of
 * one (`--db x.sqlite runs` works as `runs --db x.sqlite` does). `valueOptions` are the long
 * names, over every command, that take a value.
 */
export function splitCommand(argv: readonly string[], valueOptions: ReadonlySet<string>): { command: string | undefined; rest: string[] } {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') return { command: argv[i + 1], rest: [...argv.slice(0, i), ...argv.slice(i + 2)] };
    if (!isOption(arg)) return { command: arg, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] };
    if (arg.startsWith('--') && !arg.includes('=') && valueOptions.has(arg.slice(2))) i++;
  }
  return { command: undefined, rest: [...argv] };
}

/** Whether the arguments ask for help (before any `--`). */
export function asksForHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

export interface CommandArgsSpec {
  command: string;
  options: readonly OptionSpec[];
  /** Other commands that accept an option of this name, for the refusal of one given here. */
  elsewhere: (name: string) => string[];
}

const DEFAULTS: CliOptions = { set: [], json: false, progress: false, help: false, machine: false, grid: [], yes: false, 'sbatch-arg': [], setup: [], bench: false, remove: false, clear: false };

function optionLabel(spec: OptionSpec): string {
  return spec.type === 'string' ? `--${spec.name} ${spec.value ?? 'VALUE'}` : `--${spec.name}`;
}

/** The refusal of an option this command does not declare: a likely typo, or another command's. */
function unknownOption(raw: string, spec: CommandArgsSpec): UsageError {
  const name = raw.replace(/^-+/, '');
  const hint = closestName(name, spec.options.map((o) => o.name));
  const others = raw.startsWith('--') ? spec.elsewhere(name) : [];
  const belongs = `--${name} is an option of ${others.join(', ')} only`;
  if (hint) return new UsageError(`unknown option ${raw} for ${spec.command}; did you mean --${hint}?${others.length > 0 ? ` (${belongs})` : ''}`);
  if (others.length > 0) return new UsageError(`unknown option ${raw} for ${spec.command}; ${belongs}`);
  return new UsageError(`unknown option ${raw} for ${spec.command} (see \`${spec.command} --help\`)`);
}

/**
 * Parses one command's arguments against the options it declares. Every problem is a
 * UsageError naming the option: one not declared (with the closest declared one, or the
 * commands it belongs to), a value missing or given to a flag, a single-valued option twice.
 */
export function parseCommandArgs(args: readonly string[], spec: CommandArgsSpec): ParsedArgs {
  const byName = new Map(spec.options.map((o) => [o.name as string, o]));
  const parseOptions: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {};
  for (const o of spec.options) parseOptions[o.name] = { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) };
  // Not strict: node's own messages run on with advice about '--' and know nothing of the
  // other commands, so the tokens are checked here, each refusal in one line of our own.
  const { values, positionals, tokens } = parseArgs({ args: [...args], options: parseOptions, strict: false, allowPositionals: true, tokens: true });
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const o = byName.get(token.name);
    if (!o) throw unknownOption(token.rawName, spec);
    const label = optionLabel(o);
    if (o.type === 'string') {
      // A value that is itself an option (`--db --json`) means the value was left out.
      if (token.value === undefined || (!token.inlineValue && (token.value.startsWith('--') || token.value === '-h'))) {
        throw new UsageError(`option --${o.name} for ${spec.command} needs a value (${label})`);
      }
    } else if (token.value !== undefined) {
      throw new UsageError(`option --${o.name} for ${spec.command} takes no value, got ${token.rawName}=${token.value}`);
    }
    if (!o.multiple && seen.has(o.name)) throw new UsageError(`option --${o.name} for ${spec.command} given twice; give it once`);
    seen.add(o.name);
  }
  const options: CliOptions = { ...DEFAULTS, set: [], grid: [], 'sbatch-arg': [], setup: [] };
  const target = options as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(values)) if (value !== undefined) target[name] = value;
  return { positionals, options };
}
