/**
 * One registry for the background jobs behind `runs:start`, `filters:train` and `sweeps:start`.
 * Each job creates its row first and reports the row's id; the request is answered with that id
 * as soon as it exists, and the job goes on reporting through events until it ends. A failure
 * before the row exists (a bad `filter.id`, the training backend, the store) answers the request
 * itself instead.
 */
export type JobKind = 'run' | 'training' | 'sweep';

interface Job {
  readonly controller: AbortController;
  /** Settles (never rejects) once the job has ended. */
  done: Promise<unknown>;
}

export interface JobHooks {
  readonly signal: AbortSignal;
  /** The job's row exists: registers the job under `id` and answers the request. */
  readonly created: (id: string) => void;
}

export interface JobEnd<O> {
  /** The job ended with an outcome (its row says how: completed, failed, interrupted...). */
  onEnd: (outcome: O, id: string) => void;
  /** The job threw after its row existed (the store itself, a callback): its row may still say running. */
  onError?: (error: unknown, id: string) => void;
}

export class JobRegistry {
  private readonly jobs = new Map<string, Job>();

  /**
   * `stopAll`: a signal that cancels every job of this registry, those started after it fired
   * too (the CLI's Ctrl-C: a sweep asked for after it is stored interrupted, no point run).
   */
  constructor(private readonly stopAll?: AbortSignal) {}

  /** Starts `work`; resolves with the id it reports through `created`, or rejects with what stopped it first. */
  async start<O>(kind: JobKind, work: (hooks: JobHooks) => Promise<O>, end: JobEnd<O>): Promise<string> {
    const controller = new AbortController();
    const stop = (): void => controller.abort();
    if (this.stopAll?.aborted) stop();
    else this.stopAll?.addEventListener('abort', stop, { once: true });
    const job: Job = { controller, done: Promise.resolve() };
    let id: string | null = null;
    let resolveCreated!: (id: string) => void;
    const created = new Promise<string>((resolve) => (resolveCreated = resolve));
    // `created` runs inside work's first synchronous stretch: the job's promise is filled in after.
    const done = work({
      signal: controller.signal,
      created: (jobId) => {
        id = jobId;
        this.jobs.set(key(kind, jobId), job);
        resolveCreated(jobId);
      },
    }).then(
      (outcome) => {
        if (id !== null) {
          this.jobs.delete(key(kind, id));
          end.onEnd(outcome, id);
        }
        return outcome;
      },
      (error: unknown) => {
        // Either before the row existed (the race below answers the caller with it) or after,
        // when the job still ends here rather than staying listed as running.
        if (id !== null) {
          this.jobs.delete(key(kind, id));
          end.onError?.(error, id);
        }
        throw error;
      },
    );
    job.done = done.catch(() => undefined);
    void job.done.then(() => this.stopAll?.removeEventListener('abort', stop));
    return Promise.race([created, done.then(() => id ?? Promise.reject(new Error(`the ${kind} ended before its row existed`)))]);
  }

  /** Asks a job to stop; false when no such job is running in this process. */
  cancel(kind: JobKind, id: string): boolean {
    const job = this.jobs.get(key(kind, id));
    job?.controller.abort();
    return job !== undefined;
  }

  /** Cancels a job (if running here) and waits until it has stopped writing. */
  async stop(kind: JobKind, id: string): Promise<void> {
    const job = this.jobs.get(key(kind, id));
    if (!job) return;
    job.controller.abort();
    await job.done;
  }

  /** Cancels every job and waits for them to settle (window closing, server stopping, tests). */
  async shutdown(): Promise<void> {
    const jobs = [...this.jobs.values()];
    for (const job of jobs) job.controller.abort();
    await Promise.allSettled(jobs.map((j) => j.done));
  }
}

function key(kind: JobKind, id: string): string {
  return `${kind}:${id}`;
}
