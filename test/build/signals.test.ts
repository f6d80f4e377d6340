/**
 * Signals through npm, with real processes: a SIGINT, SIGTERM or SIGHUP sent to the npm process
 * of `npm run cli` or `npm run serve` stops the node process it started (a run is stored as
 * interrupted, the server closes its port) and npm exits with that process's status. Before,
 * `sh -c` sat between them: SIGINT was ignored, SIGTERM and SIGHUP left node running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../main/store';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'collapse-lab-signals-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Started {
  npm: ChildProcess;
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function npmRun(args: string[]): Started {
  const npm = spawn('npm', ['run', '--silent', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  npm.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  npm.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => npm.on('exit', (code, signal) => done({ code, signal })));
  return { npm, output: () => text, exit };
}

async function until(what: string, ok: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** npm's child processes (Linux /proc). */
function childrenOf(pid: number): number[] {
  const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return text ? text.split(/\s+/).map(Number) : [];
}

/** Gone, or a zombie (it has exited; its reaper has not looked yet). */
function exited(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] === 'Z';
  } catch {
    return true;
  }
}

function runStatus(db: string): string[] {
  const store = openStore(db);
  try {
    return store.listRuns().map((r) => r.status);
  } finally {
    store.close();
  }
}

const hasProc = existsSync('/proc/self/task');
const STATUS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

describe.skipIf(!hasProc)(`signals sent to npm${hasProc ? '' : ' (skipped: needs /proc to find npm\'s child)'}`, () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('%s to npm stops a CLI run: stored interrupted, no process left', async (signal) => {
    const db = join(dir, `run-${signal}.sqlite`);
    // xu-superlinear takes about a minute: it is still running when the signal comes.
    const started = npmRun(['cli', '--', 'run', '--preset', 'xu-superlinear', '--db', db, '--progress']);
    await until('the run to start', () => /\d+%/.test(started.output()));
    const node = childrenOf(started.npm.pid!);
    expect(node).toHaveLength(1); // npm's child is node itself: the script execs it
    started.npm.kill(signal);
    const exit = await started.exit;
    await until('node to exit', () => exited(node[0]!), 15_000);
    // npm passes on SIGINT and SIGTERM and exits with node's status; SIGHUP ends npm itself,
    // and node, left behind, notices and stops as on a hangup.
    if (signal === 'SIGHUP') expect(exit.signal).toBe('SIGHUP');
    else expect(exit.code).toBe(STATUS[signal]);
    expect(runStatus(db)).toEqual(['interrupted']);
  });

  it('SIGTERM to npm stops `npm run serve`: the port closes and no process is left', async () => {
    const db = join(dir, 'serve.sqlite');
    const started = npmRun(['serve', '--', '--port', '0', '--db', db]);
    await until('the URL', () => /http:\/\/127\.0\.0\.1:\d+\//.test(started.output()), 120_000);
    const port = Number(/127\.0\.0\.1:(\d+)\//.exec(started.output())![1]);
    const node = childrenOf(started.npm.pid!);
    expect(node).toHaveLength(1);
    started.npm.kill('SIGTERM');
    const exit = await started.exit;
    await until('node to exit', () => exited(node[0]!), 15_000);
    // Stopping is how a server ends: serve closes cleanly and exits 0, and npm with it.
    expect(exit.code).toBe(0);
    const refused = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.on('connect', () => (socket.destroy(), done(false)));
      socket.on('error', () => done(true));
    });
    expect(refused).toBe(true);
  }, 180_000);
});
