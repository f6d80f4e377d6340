#!/usr/bin/env node
/** Entry point of `npm run cli`: wires the real process into runCli. */
import { askOnTerminal } from './ask';
import { runCli } from './run-cli';

// `export ... | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const controller = new AbortController();
/** Exit status after a signal: 128 + its number, as a shell reports it (Ctrl-C: 130). */
const SIGNAL_STATUS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
let stoppedBy: keyof typeof SIGNAL_STATUS | undefined;
for (const signal of Object.keys(SIGNAL_STATUS) as Array<keyof typeof SIGNAL_STATUS>) {
  process.on(signal, () => {
    // First signal: stop after the current generation and store the run as interrupted (a
    // terminal closing, SIGHUP, and a process manager's SIGTERM mean the same as Ctrl-C).
    // Second: leave at once; the next open of the store marks the run interrupted.
    if (stoppedBy) process.exit(SIGNAL_STATUS[signal]);
    stoppedBy = signal;
    controller.abort();
  });
}

const status = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  stdinIsTTY: Boolean(process.stdin.isTTY),
  ask: askOnTerminal,
  env: process.env,
  // npm runs scripts in the package root; INIT_CWD is where the user typed the command, so a
  // relative --db or --config means what they meant.
  cwd: process.env.INIT_CWD ?? process.cwd(),
  signal: controller.signal,
});
// An interrupted command reports the signal that stopped it (130 for Ctrl-C, as documented).
process.exitCode = status === SIGNAL_STATUS.SIGINT && stoppedBy ? SIGNAL_STATUS[stoppedBy] : status;
