import { readFileSync } from 'node:fs';

/** What recovery needs from a process's /proc/PID/stat line (proc(5)). */
export interface ProcStat {
  /** Field 3: R, S, D, ... 'Z' for a zombie (exited, not yet reaped), 'X' for dead. */
  state: string;
  /** Field 22: when the process started, in clock ticks since boot. */
  startTime: number;
}

/**
 * Parses one /proc/PID/stat line; undefined when it is not one. Field 2, the command name, is
 * in parentheses and may itself hold spaces and ')' (a process may name itself anything), so
 * the fields after it are counted from the LAST ')' rather than split from the start.
 */
export function parseProcStat(text: string): ProcStat | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  // After ") ": field 3 (state) first, so field N is at index N - 3.
  const fields = text.slice(close + 1).trim().split(/\s+/);
  const state = fields[0];
  const startTime = fields[22 - 3];
  if (state === undefined || !/^[A-Za-z]$/.test(state)) return undefined;
  if (startTime === undefined || !/^\d+$/.test(startTime)) return undefined;
  const ticks = Number(startTime);
  return Number.isSafeInteger(ticks) ? { state, startTime: ticks } : undefined;
}

/**
 * The stat of process `pid`, or undefined when it cannot be read: no such process, no /proc
 * (macOS, Windows), or a /proc that hides other users' processes. Callers then fall back to
 * what `kill(pid, 0)` says.
 */
export function readProcStat(pid: number): ProcStat | undefined {
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined;
  }
  return parseProcStat(text);
}

/**
 * When process `pid` started (clock ticks since boot), or null where that cannot be read.
 * Recorded as a row's owner_start beside owner_pid, so that a pid the kernel has since given to
 * another process is not taken for the row's writer.
 */
export function processStartTime(pid: number): number | null {
  return readProcStat(pid)?.startTime ?? null;
}
