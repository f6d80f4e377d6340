import type { OptionSpec } from './args';
import { OPT, type CommandSpec } from './command-spec';

const INVOKE = 'npm run --silent cli --';

/** Usage text printed by `--help` and after a bad command. */
export const HELP = `Collapse Lab: recursive-training simulations, stored and exported.

Usage: ${INVOKE} <command> [options]
       ${INVOKE} <command> --help      that command's options, with an example

Commands
  run --preset NAME | --config FILE   run one experiment to the end and store it
  run --from RUN_ID                   run a stored run's config (same seed, same numbers) again
      [--set PATH=VALUE]...           override a config field (VALUE is JSON, else a string)
      [--threads N|auto]              worker threads for the replicates (same numbers for any N)
  sweep --preset NAME | --config FILE
      --grid PATH=START:STOP:STEP     one stored run per grid point (STOP included; or PATH=a,b,c),
                                      then a table of their summaries; several --grid make the
                                      product grid, the first varying slowest
      [--window FROM:TO]              summarise generations FROM <= t < TO (default: the last quarter)
      [--set ...] [--threads N|auto]  as for run; --name names the sweep
  export RUN_ID [--format json|csv]   print a stored run (JSON export document, or CSV per generation)
  export --bundle FILE [RUN_ID...]    write runs, label sets, filters and sweeps to one file (no ids:
                                      the whole store; with ids: those runs and what they reference)
  import FILE                         read a bundle into the store, all or nothing; ids are kept, an id
                                      already there is skipped if identical, else the import is refused
  runs                                list stored runs, newest first
      [--preset NAME] [--status STATUS] [--sweep SWEEP_ID] [--limit N]
                                      only those runs (status: running, completed, failed, interrupted)
  delete RUN_ID... [--yes]            delete runs and their generations, all or nothing (asks first on
                                      a terminal; --yes otherwise); a sweep's point then reads as not run
  sweeps                              list stored sweeps, newest first
  presets                             list the built-in presets and their papers
  label --machine [--preset NAME]     make a machine-labelled candidate set for the neural filter
  label --labeler NAME [...]          the same candidates, unlabelled, for a person to label
  label-sets                          list label sets
  train-filter --labels ID            train the neural filter on a label set (epochs printed live)
      [--set filter.training.X=V]...  lambda, mu, c, tau, hidden, epochs, learningRate, ...
  filters                             list trained filters
  doctor                              the tfjs backend chain, and why faster backends were skipped
  serve [--port N]                    the workbench UI for a browser on 127.0.0.1 (prints the URL)

Options
  --json          machine-readable output on stdout
  --db FILE       the store (default: $COLLAPSE_LAB_DB, else the desktop app's store); run, sweep,
                  label, train-filter, import and serve create it, the others need it to exist (the
                  desktop app's store, not created yet, lists as empty)
  --name NAME     name of a label set, filter or sweep
  --progress      progress on stderr (bars, a sweep's line per point) even when it is not a terminal
  -h, --help      this text

Exit status: 0 done, 1 the run (or a sweep's point) failed (stored as failed), 2 could not start
(nothing written), 130 interrupted with Ctrl-C (stored as interrupted; 143 for SIGTERM, 129 for SIGHUP).
`;

function optionLabel(o: OptionSpec): string {
  const long = o.type === 'string' ? `--${o.name} ${o.value ?? 'VALUE'}` : `--${o.name}`;
  return o.short ? `-${o.short}, ${long}` : long;
}

/** `COMMAND --help`: its usage, every option it declares (and only those), one example. */
export function commandHelp(spec: CommandSpec): string {
  const options: OptionSpec[] = [...spec.options, OPT.help];
  const width = Math.max(...options.map((o) => optionLabel(o).length));
  const lines = [`${spec.name}: ${spec.summary}`, '', 'Usage', ...spec.usage.map((u) => `  ${INVOKE} ${spec.name}${u ? ` ${u}` : ''}`), '', 'Options'];
  for (const o of options) lines.push(`  ${optionLabel(o).padEnd(width)}  ${o.help}${o.multiple && !o.help.includes('repeatable') ? '; repeatable' : ''}`);
  if (spec.notes && spec.notes.length > 0) lines.push('', ...spec.notes);
  lines.push('', 'Example', `  ${INVOKE} ${spec.example}`);
  return `${lines.join('\n')}\n`;
}
