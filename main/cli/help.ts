/** Usage text printed by `--help` and after a bad command. */
export const HELP = `Collapse Lab: recursive-training simulations, stored and exported.

Usage: npm run --silent cli -- <command> [options]

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
  sweeps                              list stored sweeps, newest first
  presets                             list the built-in presets and their papers
  label --machine [--preset NAME]     make a machine-labelled candidate set for the neural filter
  label --labeler NAME [...]          the same candidates, unlabelled, for a person to label
  train-filter --labels ID            train the neural filter on a label set (epochs printed live)
      [--set filter.training.X=V]...  lambda, mu, c, tau, hidden, epochs, learningRate, ...
  filters                             list trained filters
  doctor                              the tfjs backend chain, and why faster backends were skipped
  serve [--port N]                    the workbench UI for a browser on 127.0.0.1 (prints the URL)

Options
  --json          machine-readable output on stdout
  --db FILE       the store (default: $COLLAPSE_LAB_DB, else the desktop app's store)
  --name NAME     name of a label set, filter or sweep
  --progress      progress on stderr (bars, a sweep's line per point) even when it is not a terminal
  -h, --help      this text

Exit status: 0 done, 1 the run (or a sweep's point) failed (stored as failed), 2 could not start
(nothing written), 130 interrupted with Ctrl-C (stored as interrupted).
`;
