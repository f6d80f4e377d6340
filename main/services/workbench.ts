import { CONFIG_FIELDS, ENGINE_VERSION, findPreset, PRESETS, presetConfig, resolveConfig, trainingSettings, type FilterModel, type RunConfig } from '../../engine';
import type { Handlers, RunRequest, ValidationResult } from '../../preload/contract';
import { backendLabel, inThreadTrainer, type LoadedTf, type Trainer } from '../engine-host';
import { isStoreError, type RunStore } from '../store';
import { toFilterInfo, toLabelSetInfo, toRunSummary } from './dto';
import { ServiceError } from './errors';
import { EventHub } from './event-hub';
import { executeRun, type Simulator } from './execute-run';
import { exportRun, generationsCsv } from './export-run';
import { trainAndStoreFilter } from './filters';
import { deleteRuns } from './delete-runs';
import { checkCreateLabelSetPayload, createLabelSet, labelGroups, saveLabelEntries } from './label-sets';
import { prepareRun } from './prepare-run';
import { loadSweepResults } from './sweep-results';
import { toSweepListEntry } from './sweep';
import { filterHeatmap } from './filter-heatmap';
import { filterProvenance } from './filter-provenance';
import { fitDisplayPlane, machineSuggestion, project, sourceTruth, type DisplayPlane } from './label-view';
import type { LabelSetSource } from './label-sets';

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
  /** Where filters train (default: this thread; the app and the browser mode use a worker). */
  trainer?: Trainer;
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
      'runs:list': () => store.snapshot((s) => s.listRuns().map((r) => toRunSummary(r, s.lastGeneration(r.id)))),
      'runs:get': ({ id }) => {
        return store.snapshot((s) => {
          const run = s.getRun(id);
          if (!run) throw new ServiceError('RUN_NOT_FOUND', `no run '${id}'`);
          const generations = s.getGenerations(id);
          return { ...toRunSummary(run, generations[generations.length - 1]), config: run.config, generations };
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
        if (!store.getRun(id)) return { deleted: false };
        // The CLI's rules: a run another process is still writing is refused, not deleted
        // under its writer; a sweep's run leaves its sweep consistent.
        deleteRuns(store, [id]);
        this.events.emit('store:changed', { what: 'runs' });
        return { deleted: true };
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
      'labels:create': (args) => {
        const { request, kind, name, labeler } = checkCreateLabelSetPayload(args);
        const config = prepareRun({ ...request, overrides: ['filter.kind=neural', ...(request.overrides ?? [])] });
        const set = createLabelSet(store, config, { name, kind, labeler });
        this.events.emit('store:changed', { what: 'labels' });
        return toLabelSetInfo(set);
      },
      'labels:list': () => store.listLabelSets().map(toLabelSetInfo),
      'labels:candidates': ({ labelSetId, generation }) => {
        return store.snapshot((s) => {
          const set = s.getLabelSet(labelSetId);
          if (!set) throw new ServiceError('BAD_REQUEST', `no label set '${labelSetId}'`);
          const group = s.getLabelGroup(labelSetId, generation);
          if (!group) throw new ServiceError('BAD_REQUEST', `label set '${labelSetId}' has no generation ${generation}`);
          const { plane, range } = this.planeOf(labelSetId);
          const count = group.labels.length;
          const points = project(plane, group.candidates, count);
          const [ex, ey] = [project(plane, group.estimate, 1), project(plane, sourceTruth(set.source as LabelSetSource), 1)];
          return {
            labelSetId,
            generation,
            generations: s.getLabelGenerations(labelSetId),
            dim: group.dim,
            estimate: group.estimate,
            candidates: Array.from(group.candidates),
            labels: Array.from(group.labels),
            view: {
              x: points.x,
              y: points.y,
              axisNames: [...plane.axisNames] as [string, string],
              explained: plane.explained ? ([...plane.explained] as [number, number]) : null,
              estimate: [ex.x[0], plane.dim === 1 ? 0.5 : ex.y[0]],
              truth: [ey.x[0], plane.dim === 1 ? 0.5 : ey.y[0]],
              range,
            },
          };
        });
      },
      'labels:suggest': ({ labelSetId, generation }) => {
        const set = store.getLabelSet(labelSetId);
        if (!set) throw new ServiceError('BAD_REQUEST', `no label set '${labelSetId}'`);
        const group = store.getLabelGroup(labelSetId, generation);
        if (!group) throw new ServiceError('BAD_REQUEST', `label set '${labelSetId}' has no generation ${generation}`);
        const source = set.source as LabelSetSource;
        return {
          labels: machineSuggestion(source, generation, group.candidates, group.dim, group.estimate),
          rule: `machine rule: the ${Math.round((1 - source.contamination) * 100)}% most likely under the truth are good`,
        };
      },
      'filters:heatmap': ({ filterId, labelSetId, size }) => {
        const filter = store.getFilter(filterId);
        if (!filter) throw new ServiceError('BAD_REQUEST', `no filter '${filterId}'`);
        if (filter.status !== 'ready') throw new ServiceError('BAD_REQUEST', `filter '${filterId}' is ${filter.status}, not ready`);
        const { plane, range } = this.planeOf(labelSetId);
        const model = filter.model as FilterModel;
        if (model.dim !== plane.dim) throw new ServiceError('BAD_REQUEST', `filter '${filterId}' is for d = ${model.dim}, label set '${labelSetId}' has d = ${plane.dim}`);
        const grid = filterHeatmap(model, plane, range, Math.min(Math.max(size ?? 60, 8), 200));
        // Every labelled candidate would be tens of thousands of points: a deterministic stride keeps ~3000.
        const points = { x: [] as number[], y: [] as number[], labels: [] as number[] };
        const gens = store.getLabelGenerations(labelSetId);
        const stride = Math.max(1, Math.ceil((store.getLabelSet(labelSetId)?.counts.candidates ?? 0) / 3000));
        for (const g of gens) {
          const group = store.getLabelGroup(labelSetId, g)!;
          const p = project(plane, group.candidates, group.labels.length);
          for (let i = 0; i < group.labels.length; i += stride) {
            if (group.labels[i] < 0) continue;
            points.x.push(p.x[i]);
            points.y.push(p.y[i]);
            points.labels.push(group.labels[i]);
          }
        }
        return { ...grid, axisNames: [...plane.axisNames] as [string, string], explained: plane.explained ? ([...plane.explained] as [number, number]) : null, points };
      },
      'labels:save': (args) => {
        const result = saveLabelEntries(store, args);
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
      'filters:provenance': ({ filterIds }) => filterProvenance(store, filterIds),
      'compare:series': ({ runIds }) =>
        store.snapshot((s) =>
          runIds.map((id) => {
            const run = s.getRun(id);
            if (!run) throw new ServiceError('RUN_NOT_FOUND', `no run '${id}'`);
            const generations = s.getGenerations(id);
            return { run: toRunSummary(run, generations[generations.length - 1]), config: run.config, generations };
          }),
        ),
      'sweeps:list': () => store.listSweeps().map(toSweepListEntry),
      'sweeps:get': ({ id }) => {
        if (!store.getSweep(id)) throw new ServiceError('BAD_REQUEST', `no sweep '${id}'`);
        return loadSweepResults(store, id);
      },
      'system:backend': async () => {
        const { report } = await options.loadTf();
        return { backend: report.backend, device: report.device, chain: [...report.chain], store: store.file, engineVersion: ENGINE_VERSION, threads: options.threads };
      },
    };
  }

  private readonly planes = new Map<string, { plane: DisplayPlane; range: { x: [number, number]; y: [number, number] } }>();

  /** A label set's display plane and extent, fitted once on its whole pool and cached. */
  private planeOf(labelSetId: string): { plane: DisplayPlane; range: { x: [number, number]; y: [number, number] } } {
    const cached = this.planes.get(labelSetId);
    if (cached) return cached;
    const { store } = this.options;
    const gens = store.getLabelGenerations(labelSetId);
    if (gens.length === 0) throw new ServiceError('BAD_REQUEST', `no label set '${labelSetId}'`);
    const groups = gens.map((g) => store.getLabelGroup(labelSetId, g)!);
    const dim = groups[0].dim;
    const pool = new Float64Array(groups.reduce((n, g) => n + g.candidates.length, 0));
    let offset = 0;
    for (const g of groups) {
      pool.set(g.candidates, offset);
      offset += g.candidates.length;
    }
    const plane = fitDisplayPlane(pool, dim);
    const p = project(plane, pool, pool.length / dim);
    const extent = (v: number[]): [number, number] => {
      let lo = Infinity;
      let hi = -Infinity;
      for (const a of v) {
        if (a < lo) lo = a;
        if (a > hi) hi = a;
      }
      const pad = (hi - lo) * 0.05 || 1;
      return [lo - pad, hi + pad];
    };
    const entry = { plane, range: { x: extent(p.x), y: extent(p.y) } };
    this.planes.set(labelSetId, entry);
    return entry;
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
    let startedId: string | null = null;
    const done = executeRun(this.options.store, config, {
      signal: controller.signal,
      loadTf: this.options.loadTf,
      simulate: this.options.simulatorFor(config),
      trainer: this.trainer(),
      onStarted: (runId) => {
        startedId = runId;
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
        // below; executeRun stores every later failure on the run itself, and if even that
        // failed the job still ends here rather than staying listed as running.
        if (startedId !== null) {
          this.runJobs.delete(startedId);
          this.events.emit('run:finished', { runId: startedId, status: 'failed', message: error instanceof Error ? error.message : String(error) });
        }
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
    const controller = new AbortController();
    let resolveCreated!: (id: string) => void;
    const created = new Promise<string>((resolve) => (resolveCreated = resolve));
    const job: { controller: AbortController; done: Promise<unknown> } = { controller, done: Promise.resolve() };
    const source = set.source as { family: string };
    const done = trainAndStoreFilter(
      store,
      this.trainer(),
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
    // A failure before the filter row exists (its backend, the store) must answer the request.
    return { filterId: await Promise.race([created, done.then(() => created)]) };
  }

  private trainer(): Trainer {
    return this.options.trainer ?? inThreadTrainer(this.options.loadTf);
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
