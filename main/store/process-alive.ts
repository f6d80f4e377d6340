import { readProcStat } from './proc-stat';

/**
 * Whether a process with this id exists on this machine and has not exited. Signal 0 checks
 * without sending anything. ESRCH means no such process; EPERM means it exists but belongs to
 * someone else, so it is alive. Any other answer is treated as alive too: wrongly calling a live
 * run interrupted is worse than leaving a dead one 'running' a little longer.
 *
 * kill(pid, 0) also succeeds on a zombie: a process that has exited (SIGKILL included) but
 * whose parent has not reaped it yet, which takes a second or two on a busy machine and never
 * happens in a container without an init. Where /proc can tell (Linux), a zombie (or a process
 * already marked dead) counts as gone; elsewhere kill's answer stands.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const state = readProcStat(pid)?.state;
  return state !== 'Z' && state !== 'X';
}
