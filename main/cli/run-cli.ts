import { parseCliArgs } from './args';
import { exportCommand } from './commands/export';
import { exportBundleCommand, importCommand } from './commands/bundle';
import { presetsCommand, runsCommand } from './commands/list';
import { runCommand } from './commands/run';
import { serveCommand } from './commands/serve';
import { sweepCommand, sweepsCommand } from './commands/sweep';
import { doctorCommand } from './commands/doctor';
import { filtersCommand } from './commands/filters';
import { labelCommand } from './commands/label';
import { trainFilterCommand } from './commands/train-filter';
import { HELP } from './help';
import { ServiceError } from '../services';
import { isStoreError } from '../store';
import { EXIT_CANNOT_START, EXIT_OK, UsageError, type CliIo } from './io';

/**
 * The collapse-lab command (contract.md). Returns the exit status; every problem that stops a
 * command before it starts is one line on stderr and status 2, with nothing written.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { command, positionals, options } = parseCliArgs(argv);
    if (options.help || command === 'help') {
      io.stdout(HELP);
      return EXIT_OK;
    }
    const rejectPositionals = (): void => {
      if (positionals.length > 0) throw new UsageError(`${command}: unexpected argument "${positionals[0]}"`);
    };
    switch (command) {
      case 'run':
        rejectPositionals();
        return await runCommand(options, io);
      case 'sweep':
        rejectPositionals();
        return await sweepCommand(options, io);
      case 'sweeps':
        rejectPositionals();
        return sweepsCommand(options, io);
      case 'export':
        if (options.bundle !== undefined) return exportBundleCommand(options.bundle, positionals, options, io);
        return exportCommand(positionals, options, io);
      case 'import':
        return importCommand(positionals, options, io);
      case 'runs':
        rejectPositionals();
        return runsCommand(options, io);
      case 'presets':
        rejectPositionals();
        return presetsCommand(options, io);
      case 'label':
        rejectPositionals();
        return labelCommand(options, io);
      case 'train-filter':
        rejectPositionals();
        return await trainFilterCommand(options, io);
      case 'filters':
        rejectPositionals();
        return filtersCommand(options, io);
      case 'doctor':
        rejectPositionals();
        return await doctorCommand(options, io);
      case 'serve':
        rejectPositionals();
        return await serveCommand(options, io);
      case undefined:
        io.stderr(HELP);
        return EXIT_CANNOT_START;
      default:
        throw new UsageError(`unknown command "${command}" (commands: run, sweep, sweeps, export, import, runs, presets, label, train-filter, filters, doctor, serve; see --help)`);
    }
  } catch (error) {
    // A ServiceError is the services' "cannot start" (bad config, unknown preset or run, a
    // filter.id that does not fit): the same one line and exit 2 as the CLI's own checks.
    // A StoreError that escapes a command (a disk already full when a run row is created)
    // names the store and the cause in one line too, rather than ending in a stack trace.
    if (error instanceof UsageError || error instanceof ServiceError || isStoreError(error)) {
      io.stderr(`collapse-lab: ${error.message}\n`);
      return EXIT_CANNOT_START;
    }
    throw error;
  }
}
