import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface ServeHandle {
  url: string;
  port: number;
  store: string;
  process: ChildProcess;
  /** Stops the server (SIGINT, as Ctrl-C: it cancels jobs and closes the store) and removes the store. */
  stop(): Promise<void>;
}

/**
 * Starts the real browser mode, `collapse-lab serve --port 0 --json`, on a fresh temporary
 * store, and resolves once it prints its URL. The renderer must already be built (out/renderer).
 */
export async function startServe(): Promise<ServeHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'collapse-lab-e2e-'));
  const db = join(dir, 'store.sqlite');
  // Started as `npm run serve` starts it (build/dev-run.mjs: the bundled CLI and block worker).
  const child = spawn(process.execPath, ['build/dev-run.mjs', 'main/cli/index.ts', 'serve', '--port', '0', '--db', db, '--json'], {
    cwd: ROOT,
    env: { ...process.env, COLLAPSE_LAB_DB: db },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const info = await new Promise<{ url: string; port: number; store: string }>((resolveInfo, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`serve did not print its URL within 60 s\n${stderr}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.trim().startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      try {
        resolveInfo(JSON.parse(line) as { url: string; port: number; store: string });
      } catch (error) {
        reject(new Error(`serve printed something other than JSON: ${line}\n${String(error)}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with status ${code} before printing its URL\n${stderr}`));
    });
  });

  return {
    ...info,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGINT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
