import { CONFIG_FIELDS, ENGINE_VERSION, findPreset, PRESETS, presetConfig, resolveConfig, trainingSettings, type RunConfig } from '../../engine';
import type { Handlers, RunRequest, ValidationResult } from '../../preload/contract';
import { backendLabel, type LoadedTf } from '../engine-host';
import { isStoreError, type RunStore } from '../store';
import { toFilterInfo, toLabelSetInfo, toRunSummary } from './dto';
import { ServiceError } from './errors';
import { EventHub } from './event-hub';
import { executeRun, type Simulator } from './execute-run';
import { exportRun, generationsCsv } from './export-run';
import { trainAndStoreFilter } from './filters';
import { createLabelSet, labelGroups } from './label-sets';
import { prepareRun } from './prepare-run';

export interface WorkbenchOptions {
  store: RunStore;
  /** Loads tfjs on its best backend (once per process). */
  loadTf: () => Promise<LoadedTf>;
  /** How a run's generations are computed (worker threads in the app and the browser mode). */
  simulatorFor: (config: Readonly<RunConfig>) => Simulator;
  /** Worker threads a run may use (reported by system:backend). */
  threads: number;
  /** Least time between two progress events of one run (ms). */
  progressIntervalMs?: number;
}

/**
 * The whole API behind one typed handler map (preload/contract.ts): the desktop app's IPC, the
 * browser mode's WebSocket and the tests all call these. Runs and trainings are background
 * jobs: `runs:start` and `filters:train` answer once the job's row exists, and the job reports
 * through events until it finishes.
 */
export class Workbench {
  readonly events = new EventHub();
  readonly handlers: Handlers;
  private readonly runJobs = new Map<string, { controller: AbortController; done: Promise<unknown> }>();
  private readonly trainJobs = new Map<string, { controller: AbortController; done: Promise<unknown> }>();

  constructor(private readonly options: WorkbenchOptions) {
    const { store } = options;
    this.handlers = {
      'runs:list': () => store.listRuns().map(toRunSummary),
      'runs:get': ({ id }) => {
        return store.snapshot((s) => {
          const run = s.getRun(id);
          if (!run) throw new ServiceError('RUN_NOT_FOUND', `no run '${id}'`);
          return { ...toRunSummary(run), config: run.config, generations: s.getGenerations(id) };
        });
      },
      'runs:start': (request) => this.startRun(request),
      'runs:cancel': ({ id }) => {
        const job = this.runJobs.get(id);
        job?.controller.abort();
        return { cancelled: job !== undefined };
      },
      'runs:delete': async ({ id }) => {
        const job = this.runJobs.get(id);
        if (job) {
          // A running run is cancelled first, so its writer never writes into a deleted row.
          job.controller.abort();
          await job.done;
        }
        const deleted = store.deleteRun(id);
        if (deleted) this.events.emit('store:changed', { what: 'runs' });
        return { deleted };
      },
      'runs:export': ({ id, format }) => {
        const doc = exportRun(store, id);
        const base = `${doc.run.name.replace(/[^\w.-]+/g, '_')}-${id}`;
        return format === 'csv'
          ? { filename: `${base}.csv`, mimeType: 'text/csv', content: generationsCsv(doc.generations) }
          : { filename: `${base}.json`, mimeType: 'application/json', content: `${JSON.stringify(doc, null, 2)}\n` };
      },
      'presets:list': () =>
        PRESETS.map((p) => ({ name: p.name, title: p.title, source: p.source, theory: p.theory, config: resolveConfig(presetConfig(p)) })),
      'config:fields': () => CONFIG_FIELDS.map((f) => ({ ...f })),
      'config:validate': (request) => validate(request),
      'labels:create': ({ request, kind, name, labeler }) => {
        const config = prepareRun({ ...request, overrides: ['filter.kind=neural', ...(request.overrides ?? [])] });
        const set = createLabelSet(store, config, { name, kind, labeler });
        this.events.emit('store:changed', { what: 'labels' });
        return toLabelSetInfo(set);
      },
      'labels:list': () => store.listLabelSets().map(toLabelSetInfo),
      'labels:candidates': ({ labelSetId, generation }) => {
        return store.snapshot((s) => {
          if (!s.getLabelSet(labelSetId)) throw new ServiceError('BAD_REQUEST', `no label set '${labelSetId}'`);
          const group = s.getLabelGroup(labelSetId, generation);
          if (!group) throw new ServiceError('BAD_REQUEST', `label set '${labelSetId}' has no generation ${generation}`);
          return {
            labelSetId,
            generation,
            generations: s.getLabelGenerations(labelSetId),
            dim: group.dim,
            estimate: group.estimate,
            candidates: Array.from(group.candidates),
            labels: Array.from(group.labels),
          };
        });
      },
      'labels:save': ({ labelSetId, labeler, entries }) => {
        const result = store.saveLabels(labelSetId, entries, labeler);
        this.events.emit('store:changed', { what: 'labels' });
        return result;
      },
      'filters:train': (args) => this.startTraining(args),
      'filters:cancel': ({ filterId }) => {
        const job = this.trainJobs.get(filterId);
        job?.controller.abort();
        return { cancelled: job !== undefined };
      },
      'filters:list': () => store.listFilters().map(toFilterInfo),
      'filters:history': ({ filterId }) => store.getTrainingEpochs(filterId),
      'compare:series': ({ runIds }) =>
        store.snapshot((s) =>
          runIds.map((id) => {
            const run = s.getRun(id);
            if (!run) throw new ServiceError('RUN_NOT_FOUND', `no run '${id}'`);
            return { run: toRunSummary(run), config: run.config, generations: s.getGenerations(id) };
          }),
        ),
      'system:backend': async () => {
        const { report } = await options.loadTf();
        return { backend: report.backend, device: report.device, chain: [...report.chain], store: store.file, engineVersion: ENGINE_VERSION, threads: options.threads };
      },
    };
  }

  /** Validates, creates the run row, and leaves the run computing in the background. */
  private async startRun(request: RunRequest): Promise<{ runId: string }> {
    const config = prepareRun(request);
    const controller = new AbortController();
    const interval = this.options.progressIntervalMs ?? 100;
    let lastProgress = 0;
    let resolveStarted!: (id: string) => void;
    const started = new Promise<string>((resolve) => (resolveStarted = resolve));
    // onStarted runs inside executeRun's first synchronous stretch: the job's promise is filled in after.
    const job: { controller: AbortController; done: Promise<unknown> } = { controller, done: Promise.resolve() };
    const done = executeRun(this.options.store, config, {
      signal: controller.signal,
      loadTf: this.options.loadTf,
      simulate: this.options.simulatorFor(config),
      onStarted: (runId) => {
        this.runJobs.set(runId, job);
        this.events.emit('store:changed', { what: 'runs' });
        resolveStarted(runId);
      },
      onProgress: (p) => {
        const now = Date.now();
        if (p.done < p.total && now - lastProgress < interval) return;
        lastProgress = now;
        this.events.emit('run:progress', { runId: p.runId, done: p.done, total: p.total, errorRms: p.last.error.rms });
      },
    }).then(
      (outcome) => {
        this.runJobs.delete(outcome.runId);
        this.events.emit('run:finished', { runId: outcome.runId, status: outcome.status, message: outcome.message });
        return outcome;
      },
      (error: unknown) => {
        // Errors before the run row exists (a bad filter.id) reach the caller through the race
        // below; executeRun stores every later failure on the run itself.
        throw error;
      },
    );
    job.done = done.catch(() => undefined);
    return { runId: await Promise.race([started, done.then(() => started)]) };
  }

  private async startTraining(args: { labelSetId: string; name?: string; overrides?: string[] }): Promise<{ filterId: string }> {
    const { store } = this.options;
    const set = store.getLabelSet(args.labelSetId);
    if (!set) throw new ServiceError('BAD_REQUEST', `no label set '${args.labelSetId}'`);
    if (set.counts.good === 0) throw new ServiceError('BAD_REQUEST', `label set '${set.id}' has no candidate labelled good yet`);
    const bad = (args.overrides ?? []).find((o) => !o.startsWith('filter.training.'));
    if (bad) throw new ServiceError('INVALID_CONFIG', `${bad.split('=')[0]}: training takes filter.training.* fields only`);
    const settings = trainingSettings(prepareRun({ config: { filter: { kind: 'neural' } }, overrides: args.overrides ?? [] }));
    const loaded = await this.options.loadTf();
    const controller = new AbortController();
    let resolveCreated!: (id: string) => void;
    const created = new Promise<string>((resolve) => (resolveCreated = resolve));
    const job: { controller: AbortController; done: Promise<unknown> } = { controller, done: Promise.resolve() };
    const source = set.source as { family: string };
    const done = trainAndStoreFilter(
      store,
      loaded,
      { name: args.name ?? `filter on ${set.name}`, labelSetId: set.id, family: source.family, groups: labelGroups(store, set.id), settings },
      {
        signal: controller.signal,
        onCreated: (filterId) => {
          this.trainJobs.set(filterId, job);
          this.events.emit('store:changed', { what: 'filters' });
          resolveCreated(filterId);
        },
        onEpoch: (epoch) => {
          void created.then((filterId) => this.events.emit('training:epoch', { filterId, epoch, epochs: settings.epochs }));
        },
      },
    ).then((outcome) => {
      this.trainJobs.delete(outcome.filter.id);
      this.events.emit('training:finished', { filterId: outcome.filter.id, status: outcome.filter.status, message: outcome.message });
      this.events.emit('store:changed', { what: 'filters' });
      return outcome;
    });
    job.done = done.catch(() => undefined);
    return { filterId: await created };
  }

  /** Label of the tfjs backend for badges. */
  async backendLabel(): Promise<string> {
    return backendLabel((await this.options.loadTf()).report);
  }

  /** Cancels every job and waits for them to settle (window closing, server stopping, tests). */
  async shutdown(): Promise<void> {
    const jobs = [...this.runJobs.values(), ...this.trainJobs.values()];
    for (const job of jobs) job.controller.abort();
    await Promise.allSettled(jobs.map((j) => j.done));
  }
}

/** The form's check: the same validation the CLI runs, as a result instead of an exception. */
function validate(request: RunRequest): ValidationResult {
  try {
    if (request.preset !== undefined && !findPreset(request.preset)) {
      return { ok: false, path: 'preset', message: `unknown preset '${request.preset}'` };
    }
    return { ok: true, config: prepareRun(request) };
  } catch (error) {
    if (error instanceof ServiceError) {
      const colon = error.message.indexOf(': ');
      return { ok: false, path: colon > 0 ? error.message.slice(0, colon) : 'config', message: colon > 0 ? error.message.slice(colon + 2) : error.message };
    }
    throw error;
  }
}

/** Any error as the contract's ErrorPayload: services' codes kept, store errors named, the rest internal. */
export function toErrorPayload(error: unknown): { name: string; code: string; message: string } {
  if (error instanceof ServiceError) return { name: error.name, code: error.code, message: error.message };
  if (isStoreError(error)) return { name: error.name, code: error.code, message: error.message };
  if (error instanceof Error) return { name: error.name, code: 'INTERNAL', message: error.message };
  return { name: 'Error', code: 'INTERNAL', message: String(error) };
}
