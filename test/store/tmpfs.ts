import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export interface Tmpfs {
  /** Whether the mount succeeded; tests that need it skip otherwise. */
  readonly available: boolean;
  /** Why it is not available (the mount command's own words). */
  readonly reason: string;
  /** The mounted folder (throws when not available). */
  dir(): string;
}

/**
 * Mounts a tmpfs of `size` (mount's syntax: "1m") for the enclosing describe block and
 * unmounts it after: a real disk that fills up, with ENOSPC from the kernel. Needs root with
 * CAP_SYS_ADMIN (a CI container may refuse); the result says so instead of throwing.
 */
export function mountTmpfs(size: string): Tmpfs {
  const dir = mkdtempSync(join(tmpdir(), 'collapse-lab-tmpfs-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0777`, 'tmpfs', dir], { encoding: 'utf8' });
  const available = mounted.status === 0;
  const reason = available ? '' : `cannot mount a tmpfs: ${(mounted.stderr || mounted.error?.message || `exit ${mounted.status}`).trim()}`;
  afterAll(() => {
    // Lazy: a test that failed with a store still open must not leave the mount behind.
    if (available) spawnSync('umount', ['-l', dir]);
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    available,
    reason,
    dir: () => {
      if (!available) throw new Error(reason);
      return dir;
    },
  };
}
