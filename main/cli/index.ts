#!/usr/bin/env node
/** Entry point of `npm run cli`: wires the real process into runCli. */
import { runCli } from './run-cli';

// `export ... | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const controller = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  // First Ctrl-C: stop after the current generation and store the run as interrupted.
  // Second: leave at once; the next open of the store marks the run interrupted.
  interrupts++;
  if (interrupts > 1) process.exit(130);
  controller.abort();
});

const status = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  env: process.env,
  // npm runs scripts in the package root; INIT_CWD is where the user typed the command, so a
  // relative --db or --config means what they meant.
  cwd: process.env.INIT_CWD ?? process.cwd(),
  signal: controller.signal,
});
process.exitCode = status;
