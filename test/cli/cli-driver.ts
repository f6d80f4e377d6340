import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../main/cli/run-cli';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process (fast): the same runCli that `npm run cli` calls. */
export async function cli(args: readonly string[], options: { cwd?: string; signal?: AbortSignal } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const env = { ...process.env };
  delete env.COLLAPSE_LAB_DB;
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stderrIsTTY: false,
    env,
    cwd: options.cwd ?? REPO_ROOT,
    signal: options.signal,
  });
  return { code, stdout, stderr };
}

/** Runs the real command exactly as docs/cli.md invokes it: `npm run --silent cli -- ...`. */
export function npmCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('npm', ['run', '--silent', 'cli', '--', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr: stripNpmNoise(stderr) }));
  });
}

/** npm prints warnings about the machine's own npmrc; they are not the CLI's output. */
function stripNpmNoise(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.startsWith('npm warn'))
    .join('\n');
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'collapse-lab-cli-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
