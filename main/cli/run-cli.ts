import { closestName } from '../../engine';
import { asksForHelp, parseCommandArgs, splitCommand } from './args';
import { COMMANDS, commandsWithOption, findCommandSpec, VALUE_OPTIONS } from './command-table';
import type { CommandSpec } from './command-spec';
import { commandHelp, HELP } from './help';
import { BackendChoiceError } from '../engine-host';
import { ServiceError } from '../services';
import { isStoreError } from '../store';
import { EXIT_CANNOT_START, EXIT_OK, UsageError, type CliIo } from './io';

/** The refusal of a command word that is not one: the closest command, else the list. */
function unknownCommand(command: string): UsageError {
  const names = [...COMMANDS.map((c) => c.name), 'help'];
  const hint = closestName(command, names);
  if (hint) return new UsageError(`unknown command '${command}'; did you mean '${hint}'?`);
  return new UsageError(`unknown command '${command}' (commands: ${names.join(', ')}; see --help)`);
}

/** `help [COMMAND]`: the global help, or one command's. */
function helpCommand(positionals: readonly string[], io: CliIo): number {
  const [name, extra] = positionals;
  if (extra !== undefined) throw new UsageError(`help: unexpected argument "${extra}"`);
  if (name === undefined || name === 'help') {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const spec = findCommandSpec(name);
  if (!spec) throw unknownCommand(name);
  io.stdout(commandHelp(spec));
  return EXIT_OK;
}

async function runCommand(spec: CommandSpec, args: readonly string[], io: CliIo): Promise<number> {
  if (asksForHelp(args)) {
    // Help wins over anything else on the line, so `run --prest x --help` still helps.
    io.stdout(commandHelp(spec));
    return EXIT_OK;
  }
  const { positionals, options } = parseCommandArgs(args, {
    command: spec.name,
    options: spec.options,
    elsewhere: (name) => commandsWithOption(name, spec.name),
  });
  if (!spec.positionals && positionals.length > 0) throw new UsageError(`${spec.name}: unexpected argument "${positionals[0]}"`);
  return await spec.run(positionals, options, io);
}

/**
 * The collapse-lab command (contract.md). Returns the exit status; every problem that stops a
 * command before it starts is one line on stderr and status 2, with nothing written.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { command, rest } = splitCommand(argv, VALUE_OPTIONS);
    if (command === undefined) {
      if (asksForHelp(rest)) {
        io.stdout(HELP);
        return EXIT_OK;
      }
      io.stderr(HELP);
      return EXIT_CANNOT_START;
    }
    if (command === 'help') return helpCommand(rest.filter((a) => a !== '--help' && a !== '-h'), io);
    const spec = findCommandSpec(command);
    if (!spec) throw unknownCommand(command);
    return await runCommand(spec, rest, io);
  } catch (error) {
    // A ServiceError is the services' "cannot start" (bad config, unknown preset or run, a
    // filter.id that does not fit): the same one line and exit 2 as the CLI's own checks.
    // A StoreError that escapes a command (a disk already full when a run row is created)
    // names the store and the cause in one line too, rather than ending in a stack trace.
    // So is a $COLLAPSE_LAB_TF_BACKEND nobody knows, found when a command first needs tfjs.
    if (error instanceof UsageError || error instanceof ServiceError || error instanceof BackendChoiceError || isStoreError(error)) {
      io.stderr(`collapse-lab: ${error.message}\n`);
      return EXIT_CANNOT_START;
    }
    throw error;
  }
}
