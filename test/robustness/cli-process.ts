import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { REPO_ROOT } from '../cli/cli-driver';

export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One `collapse-lab` process that a test can watch and signal. */
export interface CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  readonly exited: Promise<CliExit>;
  /** Resolves once `predicate` holds for the output so far; rejects if the process ends first. */
  waitForOutput(predicate: (out: { stdout: string; stderr: string }) => boolean, timeoutMs?: number): Promise<void>;
}

/**
 * Starts the CLI as one Node process running main/cli/index.ts through tsx's loader: the same
 * code `npm run cli` runs, but without npm and tsx's own launcher in between, so SIGKILL and
 * SIGINT reach the process that owns the store's rows (npm would be killed and leave its child
 * running). The driver's npmCli stays the way to test the documented invocation itself.
 */
export function spawnCli(args: readonly string[]): CliProcess {
  const env = { ...process.env };
  delete env.COLLAPSE_LAB_DB;
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/index.ts', ...args], { cwd: REPO_ROOT, env, stdio: 'pipe' });
  if (child.pid === undefined) throw new Error('the CLI process did not start');
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  const notify = (): void => listeners.forEach((l) => l());
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    notify();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    notify();
  });
  // 'close' (not 'exit'): every byte of output has arrived by then.
  const exited = new Promise<CliExit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  let ended = false;
  void exited.then(() => {
    ended = true;
    notify();
  }, () => undefined);

  return {
    child,
    pid: child.pid,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitForOutput(predicate, timeoutMs = 30_000) {
      return new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (predicate({ stdout, stderr })) finish(undefined);
          else if (ended) finish(new Error(`the CLI ended before the expected output; stderr: ${stderr.slice(-500)}`));
        };
        const timer = setTimeout(() => finish(new Error(`no expected output after ${timeoutMs} ms; stderr: ${stderr.slice(-500)}`)), timeoutMs);
        const finish = (error: Error | undefined): void => {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(error);
          else resolve();
        };
        listeners.add(check);
        check();
      });
    },
  };
}
