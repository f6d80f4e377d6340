/**
 * The /proc/PID/stat parser that liveness rests on (issue 13, item 16): state (field 3) and
 * start time (field 22), read after the command name, which may hold spaces and ')'.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseProcStat, processStartTime, readProcStat } from '../../main/store/proc-stat';

const HAS_PROC = existsSync('/proc/self/stat');
const NO_PROC = HAS_PROC ? '' : ' [skipped: this system has no /proc/PID/stat to read]';

/** A stat line as Linux writes it, with `comm` as field 2 and the given state and start time. */
function statLine(pid: number, comm: string, state: string, startTime: number): string {
  // Fields 4..21 (ppid .. itrealvalue), 22 (starttime), then 23..52 as a 6.x kernel has them.
  const middle = [1, 1, 1, 0, -1, 4194560, 110, 0, 0, 0, 3, 1, 0, 0, 20, 0, 1, 0];
  const tail = Array.from({ length: 30 }, (_, i) => (i === 0 ? 3133440 : i === 1 ? 358 : 0));
  return `${pid} (${comm}) ${state} ${middle.join(' ')} ${startTime} ${tail.join(' ')}\n`;
}

describe('parseProcStat', () => {
  it('reads state and start time after a plain command name', () => {
    expect(parseProcStat(statLine(4242, 'node', 'S', 60105))).toEqual({ state: 'S', startTime: 60105 });
  });

  it('counts fields from the last ")", so a name with spaces and ")" cannot shift them', () => {
    // Parsed from the first ')', this name would give state 'Z' and a start time of 20.
    const comm = 'w) Z 1 (x y)';
    expect(parseProcStat(statLine(7, comm, 'R', 123456789))).toEqual({ state: 'R', startTime: 123456789 });
    expect(parseProcStat(statLine(7, ') ) )', 'Z', 42))).toEqual({ state: 'Z', startTime: 42 });
    expect(parseProcStat(statLine(7, 'a  b\tc', 'D', 9))).toEqual({ state: 'D', startTime: 9 });
    expect(parseProcStat(statLine(7, '', 'S', 5))).toEqual({ state: 'S', startTime: 5 });
  });

  it('refuses what is not a stat line', () => {
    expect(parseProcStat('')).toBeUndefined();
    expect(parseProcStat('4242 node S 1 1')).toBeUndefined(); // no parentheses
    expect(parseProcStat('4242 (node) S 1 1 1')).toBeUndefined(); // cut short before field 22
    expect(parseProcStat(statLine(1, 'x', 'S', 1).replace(' S ', ' SS '))).toBeUndefined();
    const line = statLine(1, 'x', 'S', 77);
    expect(parseProcStat(line.replace(' 77 ', ' -77 '))).toBeUndefined();
    expect(parseProcStat(line.replace(' 77 ', ' 1e3 '))).toBeUndefined();
    expect(parseProcStat(line.replace(' 77 ', ` ${'9'.repeat(20)} `))).toBeUndefined();
  });
});

describe(`reading /proc/PID/stat of real processes${NO_PROC}`, () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
  });

  it.skipIf(!HAS_PROC)('reads this process: running, with a start time', () => {
    const self = readProcStat(process.pid);
    expect(self).toBeDefined();
    expect(['R', 'S']).toContain(self!.state);
    expect(Number.isSafeInteger(self!.startTime)).toBe(true);
    expect(processStartTime(process.pid)).toBe(self!.startTime);
  });

  it.skipIf(!HAS_PROC)('reads a process that named itself "w) Z 1 (x y)": not a zombie, started after this one', async () => {
    const title = 'w) Z 1 (x y)';
    // process.title sets the kernel's comm (field 2) on Linux; the child says when it has.
    const child = spawn(process.execPath, ['-e', `process.title = ${JSON.stringify(title)}; console.log('named'); setInterval(() => {}, 1000)`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.stdout!.once('data', () => resolve());
    });
    const raw = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
    expect(raw).toContain(`(${title})`);
    const stat = readProcStat(child.pid!);
    expect(stat).toBeDefined();
    expect(stat!.state).not.toBe('Z');
    expect(stat!.startTime).toBeGreaterThanOrEqual(processStartTime(process.pid)!);
  });

  it('has nothing to read for a pid no process can hold', () => {
    expect(readProcStat(0)).toBeUndefined();
    expect(readProcStat(-1)).toBeUndefined();
    expect(readProcStat(2 ** 31)).toBeUndefined();
    expect(processStartTime(2 ** 31)).toBeNull();
  });
});
