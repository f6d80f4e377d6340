import { RUN_STATUSES } from '../services';
import { exportBundleCommand, importCommand } from './commands/bundle';
import { noteCommand, tagCommand } from './commands/annotate';
import { deleteCommand } from './commands/delete';
import { doctorCommand } from './commands/doctor';
import { exportCommand } from './commands/export';
import { filtersCommand } from './commands/filters';
import { labelCommand } from './commands/label';
import { labelSetsCommand } from './commands/label-sets';
import { presetsCommand, runsCommand } from './commands/list';
import { runCommand } from './commands/run';
import { serveCommand } from './commands/serve';
import { sweepsCommand } from './commands/sweep';
import { sweepOrClusterSweep } from './commands/sweep-cluster';
import { CLUSTER_OPTIONS } from './cluster-options';
import { trainFilterCommand } from './commands/train-filter';
import { OPT, withHelp, type CommandSpec } from './command-spec';

/**
 * Every command with the options it accepts: run-cli.ts parses each command's arguments
 * against its own entry, and `COMMAND --help` prints the same entry (help.ts). In the order
 * the global help lists them.
 */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'run',
    summary: 'run one experiment to the end and store it',
    usage: ['--preset NAME | --config FILE [options]', '--from RUN_ID [--set PATH=VALUE]... [options]'],
    options: [
      withHelp(OPT.preset, 'the built-in experiment to run (see `presets`)'),
      withHelp(OPT.config, 'a config file (JSON) to run'),
      { name: 'from', type: 'string', value: 'RUN_ID', help: "a stored run's config, seed included, run again (see `runs`)" },
      OPT.set,
      OPT.threads,
      withHelp(OPT.json, 'print runId, status, generations and the final error as JSON'),
      withHelp(OPT.progress, 'a progress bar on stderr even when it is not a terminal'),
      withHelp(OPT.db, "the store to add the run to, created if needed (default: $COLLAPSE_LAB_DB, else the desktop app's store)"),
    ],
    example: 'run --preset xu-superlinear --set generations=50',
    run: (_, o, io) => runCommand(o, io),
  },
  {
    name: 'sweep',
    summary: 'one stored run per grid point, then a table of their summaries',
    usage: ['--preset NAME | --config FILE --grid PATH=START:STOP:STEP [--grid ...] [options]', '... --on slurm|local [--workdir DIR] [--partition P] [--time T] [--cpus N] [--mem M] [options]', '--resume SWEEP_ID | --cancel SWEEP_ID [--workdir DIR]'],
    options: [
      OPT.preset,
      OPT.config,
      { name: 'grid', type: 'string', multiple: true, value: 'PATH=START:STOP:STEP', help: 'one axis (STOP included; or PATH=a,b,c); several make the product grid, the first varying slowest' },
      { name: 'window', type: 'string', value: 'FROM:TO', help: 'summarise generations FROM <= t < TO (default: the last quarter)' },
      OPT.set,
      OPT.threads,
      withHelp(OPT.name, 'name of the sweep (default: the base name and the axes)'),
      OPT.json,
      withHelp(OPT.progress, "a bar per point and a line per finished point on stderr, even when it is not a terminal"),
      withHelp(OPT.db, 'the store to add the sweep to, created if needed'),
      ...CLUSTER_OPTIONS,
    ],
    notes: ['--on slurm submits one job array (one task per point, or per --chunk of points), each task', 'writing its own shard in --workdir, merged into the store as it ends (docs/cluster.md).'],
    example: 'sweep --preset fresh-golden --grid data.realWeight=0.2:0.78:0.02 --window 150:200',
    run: (_, o, io) => sweepOrClusterSweep(o, io),
  },
  {
    name: 'export',
    summary: 'print a stored run, or write runs and what they reference to a bundle file',
    usage: ['RUN_ID [--format json|csv]', '--bundle FILE [RUN_ID...]'],
    positionals: true,
    options: [
      { name: 'format', type: 'string', value: 'json|csv', help: 'the JSON export document (default), or CSV with one row per generation' },
      { name: 'bundle', type: 'string', value: 'FILE', help: 'write a bundle instead: no ids, the whole store; with ids, those runs and the filters, label sets and sweeps they reference' },
      withHelp(OPT.json, 'with --bundle: print what was written as JSON'),
      withHelp(OPT.db, 'the store to read (it must exist)'),
    ],
    example: 'export RUN_ID --format csv > run.csv',
    run: (positionals, o, io) => (o.bundle !== undefined ? exportBundleCommand(o.bundle, positionals, o, io) : exportCommand(positionals, o, io)),
  },
  {
    name: 'import',
    summary: 'read a bundle into the store, all or nothing',
    usage: ['FILE [options]'],
    positionals: true,
    options: [OPT.json, withHelp(OPT.db, 'the store to import into, created if needed')],
    notes: ['Ids are kept; an id already in the store is skipped if identical, otherwise the import is refused.'],
    example: 'import lab.bundle.json --db /tmp/copy.sqlite',
    run: (positionals, o, io) => importCommand(positionals, o, io),
  },
  {
    name: 'runs',
    summary: 'list stored runs, newest first',
    usage: ['[--preset NAME] [--status STATUS] [--sweep SWEEP_ID] [--limit N] [options]'],
    options: [
      withHelp(OPT.preset, 'only runs made from this preset'),
      { name: 'status', type: 'string', value: 'STATUS', help: `only runs in this status: ${RUN_STATUSES.join(', ')}` },
      { name: 'sweep', type: 'string', value: 'SWEEP_ID', help: 'only the runs of this sweep (see `sweeps`)' },
      { name: 'limit', type: 'string', value: 'N', help: 'at most N runs, the newest' },
      OPT.json,
      withHelp(OPT.db, "the store to list (it must exist; the desktop app's store, not created yet, lists no runs)"),
    ],
    example: 'runs --status failed --limit 5',
    run: (_, o, io) => runsCommand(o, io),
  },
  {
    name: 'delete',
    summary: 'delete stored runs with their generations, all or nothing',
    usage: ['RUN_ID... [--yes] [options]'],
    positionals: true,
    options: [
      { name: 'yes', type: 'boolean', help: 'delete without asking (required when stdin is not a terminal)' },
      withHelp(OPT.json, 'print the deleted runs as JSON'),
      withHelp(OPT.db, 'the store to delete from (it must exist)'),
    ],
    notes: [
      'A running run is refused (stop it first); an unknown id refuses the whole deletion.',
      'A run made by a sweep leaves the sweep and its other runs in place: the sweep shows that',
      'point as not run, and `sweeps` counts one run fewer. Filters and label sets stay.',
    ],
    example: 'delete RUN_ID OTHER_RUN_ID --yes',
    run: (positionals, o, io) => deleteCommand(positionals, o, io),
  },
  {
    name: 'tag',
    summary: "add tags to a stored run, or take them off",
    usage: ['RUN_ID NAME... [--remove] [options]'],
    positionals: true,
    options: [
      { name: 'remove', type: 'boolean', help: 'take the named tags off instead of adding them' },
      withHelp(OPT.json, "print the run's tags as JSON"),
      withHelp(OPT.db, 'the store holding the run (it must exist)'),
    ],
    notes: ['A tag is at most 64 characters without spaces; a run has at most 32. New tags go at the end.'],
    example: 'tag RUN_ID baseline paper-fig-2',
    run: (positionals, o, io) => tagCommand(positionals, o, io),
  },
  {
    name: 'note',
    summary: "set a stored run's note (plain text or Markdown), or clear it",
    usage: ['RUN_ID TEXT [options]', 'RUN_ID --clear [options]'],
    positionals: true,
    options: [
      { name: 'clear', type: 'boolean', help: "remove the run's note" },
      withHelp(OPT.json, 'print the note as stored as JSON'),
      withHelp(OPT.db, 'the store holding the run (it must exist)'),
    ],
    notes: ['The note replaces the one before; an empty TEXT clears it. The run page renders Markdown safely.'],
    example: 'note RUN_ID "Diverges after t = 40; compare with the *fresh* data run."',
    run: (positionals, o, io) => noteCommand(positionals, o, io),
  },
  {
    name: 'sweeps',
    summary: 'list stored sweeps, newest first',
    usage: ['[options]'],
    options: [OPT.json, withHelp(OPT.db, 'the store to list (it must exist)')],
    example: 'sweeps --json',
    run: (_, o, io) => sweepsCommand(o, io),
  },
  {
    name: 'presets',
    summary: 'list the built-in presets and the papers they reproduce',
    usage: ['[--json]'],
    options: [OPT.json],
    example: 'presets',
    run: (_, o, io) => presetsCommand(o, io),
  },
  {
    name: 'label',
    summary: 'make a candidate set for the neural filter, machine-labelled or for a person to label',
    usage: ['--machine [--preset NAME | --config FILE] [options]', '--labeler NAME [--preset NAME | --config FILE] [options]'],
    options: [
      { name: 'machine', type: 'boolean', help: "label the candidates by the machine rule (filter.labels settings)" },
      { name: 'labeler', type: 'string', value: 'NAME', help: 'leave them unlabelled, for NAME to label in the app' },
      withHelp(OPT.preset, 'the model the candidates come from (default: a 2-d Gaussian)'),
      OPT.config,
      withHelp(OPT.set, 'override a config field, e.g. filter.labels.contamination=0.3; repeatable'),
      withHelp(OPT.name, 'name of the label set'),
      OPT.json,
      withHelp(OPT.db, 'the store to add the label set to, created if needed'),
    ],
    example: 'label --machine --set filter.labels.contamination=0.3',
    run: (_, o, io) => labelCommand(o, io),
  },
  {
    name: 'label-sets',
    summary: 'list stored label sets, newest first',
    usage: ['[options]'],
    options: [OPT.json, withHelp(OPT.db, 'the store to list (it must exist)')],
    example: 'label-sets --json',
    run: (_, o, io) => labelSetsCommand(o, io),
  },
  {
    name: 'train-filter',
    summary: 'train the neural filter on a label set (epochs printed live) and store it',
    usage: ['--labels LABEL_SET_ID [--set filter.training.X=V]... [options]'],
    options: [
      { name: 'labels', type: 'string', value: 'LABEL_SET_ID', help: 'the label set to train on (see `label-sets`)' },
      withHelp(OPT.set, 'a training setting: filter.training.lambda, mu, c, tau, hidden, epochs, learningRate, ... (or seed); repeatable'),
      withHelp(OPT.name, 'name of the filter'),
      OPT.json,
      withHelp(OPT.db, 'the store holding the label set, where the filter is stored'),
    ],
    example: 'train-filter --labels LABEL_SET_ID --set filter.training.epochs=200',
    run: (_, o, io) => trainFilterCommand(o, io),
  },
  {
    name: 'filters',
    summary: 'list trained filters, newest first',
    usage: ['[options]'],
    options: [OPT.json, withHelp(OPT.db, 'the store to list (it must exist)')],
    example: 'filters',
    run: (_, o, io) => filtersCommand(o, io),
  },
  {
    name: 'doctor',
    summary: 'the tfjs backend chain, why faster backends were skipped, the WebGPU adapter, and where the store is',
    usage: ['[--bench] [options]'],
    options: [
      OPT.json,
      { name: 'bench', type: 'boolean', help: 'time a short training on every backend that loads, and store that calibration for later trainings' },
      withHelp(OPT.db, 'the store to report (not opened)'),
    ],
    example: 'doctor',
    run: (_, o, io) => doctorCommand(o, io),
  },
  {
    name: 'serve',
    summary: 'the workbench UI for a browser on 127.0.0.1 (prints the URL with its token)',
    usage: ['[--port N] [options]'],
    options: [
      { name: 'port', type: 'string', value: 'N', help: 'the port to listen on (default: any free one)' },
      withHelp(OPT.json, 'print the URL, port and store as JSON'),
      withHelp(OPT.db, 'the store the UI works on, created if needed'),
    ],
    example: 'serve --port 8080',
    run: (_, o, io) => serveCommand(o, io),
  },
];

const BY_NAME = new Map(COMMANDS.map((c) => [c.name, c]));

export function findCommandSpec(name: string): CommandSpec | undefined {
  return BY_NAME.get(name);
}

/** The long names, over every command, that take a value (to find the command word). */
export const VALUE_OPTIONS: ReadonlySet<string> = new Set(COMMANDS.flatMap((c) => c.options.filter((o) => o.type === 'string').map((o) => o.name)));

/** The commands, other than `except`, that accept `--name`. */
export function commandsWithOption(name: string, except: string): string[] {
  return COMMANDS.filter((c) => c.name !== except && c.options.some((o) => o.name === name)).map((c) => c.name);
}
