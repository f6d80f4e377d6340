/**
 * Whether a process with this id exists on this machine. Signal 0 checks without sending
 * anything. ESRCH means no such process; EPERM means it exists but belongs to someone else,
 * so it is alive. Any other answer is treated as alive too: wrongly calling a live run
 * interrupted is worse than leaving a dead one 'running' a little longer.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
