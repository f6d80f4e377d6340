import { describe, expect, it } from 'vitest';
import { JobRegistry } from '../../main/services/jobs';

/** A job that reports its row at once and ends when its signal fires, saying whether it was aborted. */
function waitingJob(ended: (aborted: boolean) => void) {
  return ({ signal, created }: { signal: AbortSignal; created: (id: string) => void }) => {
    created('j1');
    return new Promise<boolean>((resolve) => {
      if (signal.aborted) resolve(true);
      else signal.addEventListener('abort', () => resolve(true), { once: true });
    }).then((aborted) => {
      ended(aborted);
      return aborted;
    });
  };
}

describe('JobRegistry with a stop-all signal (the CLI\'s Ctrl-C)', () => {
  it('cancels a running job when the signal fires', async () => {
    const stopAll = new AbortController();
    const jobs = new JobRegistry(stopAll.signal);
    const outcome = new Promise<boolean>((resolve) => void jobs.start('sweep', waitingJob(resolve), { onEnd: () => undefined }));
    stopAll.abort();
    expect(await outcome).toBe(true);
  });

  it('starts a job asked for after the signal fired already cancelled', async () => {
    const stopAll = new AbortController();
    stopAll.abort();
    const jobs = new JobRegistry(stopAll.signal);
    let seen: boolean | undefined;
    const id = await jobs.start('sweep', ({ signal, created }) => {
      seen = signal.aborted;
      created('j2');
      return Promise.resolve();
    }, { onEnd: () => undefined });
    expect(id).toBe('j2');
    expect(seen).toBe(true);
  });

  it('without one, a job runs until it is cancelled by id', async () => {
    const jobs = new JobRegistry();
    const outcome = new Promise<boolean>((resolve) => void jobs.start('run', waitingJob(resolve), { onEnd: () => undefined }));
    expect(jobs.cancel('run', 'j1')).toBe(true);
    expect(await outcome).toBe(true);
  });
});
