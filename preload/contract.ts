/**
 * THE contract of Collapse Lab (docs/architecture.md): every request the UI can make, every event it
 * can receive, the channel lists and the `WorkbenchBridge` type. Electron IPC, the browser
 * mode's WebSocket and the tests all carry exactly this; services implement `Handlers`, and the
 * renderer's client is typed from `WorkbenchBridge`. Adding a channel here is the whole job of
 * declaring it: the compiler then asks for its handler and its client method.
 *
 * Only types and two constant lists live here, so the sandboxed preload and the renderer can
 * import it without pulling in main-process code.
 */
import type { EpochRecord, FieldSpec, GenerationSummary, RunConfig, TrainingSettings } from '../engine/index';

export type RunStatus = 'running' | 'completed' | 'failed' | 'interrupted';

/** A stored run as lists show it, with its live progress. */
export interface RunSummary {
  id: string;
  name: string;
  preset: string | null;
  status: RunStatus;
  createdAt: string;
  finishedAt: string | null;
  error: string | null;
  generationsDone: number;
  generationsTotal: number;
  engine: { version: string; backend: string };
  filterId: string | null;
  /** The newest stored generation's error (the final one once completed); null before any. */
  finalError: { mean: number; rms: number; median: number } | null;
  /** The sweep this run is a point of, and its grid values. */
  sweepId: string | null;
  sweepPoint: Record<string, number> | null;
  /** The researcher's note, plain text or Markdown (the run page renders it safely); null for none. */
  note: string | null;
  /** The run's tags, in the order they were added (common/run-annotations.ts says what a tag may be). */
  tags: string[];
}

/** One run in full: its config and every stored generation. */
export interface RunDetail extends RunSummary {
  config: RunConfig;
  generations: GenerationSummary[];
}

/** What starts a run: a preset or a config, then `PATH=VALUE` overrides (docs/cli.md `--set`). */
export interface RunRequest {
  /** A built-in preset to start from (docs/experiments.md section 7). */
  preset?: string;
  /** A (partial) config object; fields left out take their defaults (validated by the services). */
  config?: unknown;
  /** `PATH=VALUE` overrides applied before validation (docs/cli.md `--set`). */
  overrides?: readonly string[];
}

export interface PresetInfo {
  name: string;
  title: string;
  source: string;
  theory: string;
  /** The preset's fields, as it would run (defaults filled in). */
  config: RunConfig;
}

/**
 * A config field as the New-run, Train and label-set forms render it: the engine's field table
 * entry (label, doc, kind, range or values, default, appliesWhen), as `config:fields` sends it.
 */
export type FieldInfo = FieldSpec & {
  /** `model.family` only: the families whose candidates can be labelled (FAMILY_SPECS[f].labelable). */
  readonly labelable?: readonly string[];
};

export type ValidationResult = { ok: true; config: RunConfig } | { ok: false; path: string; message: string };

/** Where a label set's candidates come from: the model part of a run config and the labelling. */
export interface LabelSetSource {
  family: string;
  dim: number;
  truth: number | number[] | null;
  sigma: number;
  n0: number;
  seed: number;
  generations: number;
  candidates: number;
  contamination: number;
}

export interface LabelSetInfo {
  id: string;
  name: string;
  kind: 'machine' | 'human';
  labeler: string;
  /** null: a set whose stored source is not this shape (an older or foreign bundle's). */
  source: LabelSetSource | null;
  createdAt: string;
  updatedAt: string;
  counts: { groups: number; candidates: number; labelled: number; good: number };
}

/** Candidates of one label generation; labels: 1 good, 0 bad, -1 unlabelled. */
export interface CandidateGroup {
  labelSetId: string;
  generation: number;
  generations: number[];
  dim: number;
  estimate: number[];
  /** count x dim, row-major. */
  candidates: number[];
  labels: number[];
  /** The candidates in the label set's display plane (its own axes for d <= 2, else PC1/PC2 of the whole pool). */
  view: PlaneView;
}

/** Points of one generation in a label set's display plane. */
export interface PlaneView {
  x: number[];
  y: number[];
  axisNames: [string, string];
  /** Share of variance along PC1 and PC2 (null when the axes are the data's own). */
  explained: [number, number] | null;
  /** The estimate the candidates were drawn around, in the plane. */
  estimate: [number, number];
  /** The truth theta*, in the plane: the UI hides it unless the labeler asks. */
  truth: [number, number];
  /** The plane's extent over the whole label set (for stable axes across generations). */
  range: { x: [number, number]; y: [number, number] };
}

/** A filter's weight w(x) on a grid over a label set's display plane (row-major from bottom-left). */
export interface FilterHeatmap {
  x: number[];
  y: number[];
  weights: number[];
  axisNames: [string, string];
  explained: [number, number] | null;
  /** Labelled candidates of the set, in the plane (good 1, bad 0), subsampled for drawing. */
  points: { x: number[]; y: number[]; labels: number[] };
}

export interface LabelEntryDto {
  generation: number;
  idx: number;
  label: 0 | 1 | null;
}

/** What a filter's training was asked to do: the engine's settings, every field filled in. */
export type FilterSettings = TrainingSettings;

/** What a ready filter's training reports (main/services/filters.ts). */
export interface FilterMetrics {
  bestEpoch: number;
  epochsRun: number;
  stoppedEarly: boolean;
  heldOutAccuracy: number;
  heldOutContraction: number;
  /** Share of variance of each PCA component the filter's features keep. */
  explainedVariance: number[];
}

export type FilterStatus = 'training' | 'ready' | 'failed' | 'interrupted';

export interface FilterInfo {
  id: string;
  name: string;
  status: FilterStatus;
  labelSetId: string | null;
  backend: string;
  /** null: stored settings not of this shape (an older or foreign bundle's). */
  settings: FilterSettings | null;
  /** null until training finishes ready (or for metrics of another shape). */
  metrics: FilterMetrics | null;
  error: string | null;
  createdAt: string;
}

/**
 * Where a stored filter (a run's `filter.id`) came from: the filter and the label set it was
 * trained on, as Compare's config table shows them in place of the run's unused
 * `filter.labels.*` settings.
 */
export interface FilterProvenance {
  filterId: string;
  /** null: no filter with this id is stored (any more). */
  filter: { name: string; status: FilterInfo['status']; labelSetId: string | null; createdAt: string } | null;
  /** The label set it was trained on; null when the filter had none or the set is not stored (any more). */
  labelSet: {
    id: string;
    name: string;
    kind: LabelSetInfo['kind'];
    labeler: string;
    /** Label generations K and candidates in each. */
    generations: number;
    candidatesPerGeneration: number;
    labelled: number;
    good: number;
  } | null;
}

export interface CompareSeries {
  run: RunSummary;
  config: RunConfig;
  generations: GenerationSummary[];
}

/** A stored sweep as lists show it. */
export interface SweepSummaryDto {
  id: string;
  name: string;
  preset: string | null;
  status: RunStatus;
  createdAt: string;
  finishedAt: string | null;
  grid: { path: string; values: number[] }[];
  window: [number, number] | null;
  points: number;
  runs: number;
}

/** One grid point's run summarised over the sweep's window (mse = mean of error.rms^2). */
export interface SweepPointDto {
  index: number;
  point: Record<string, number>;
  runId: string | null;
  status: RunStatus | 'not-started';
  window: [number, number];
  mse: number | null;
  mseSe: number | null;
  theory: number | null;
  testError: number | null;
  theoryTestError: number | null;
  kept: number | null;
}

export interface SweepDetail {
  sweepId: string;
  name: string;
  preset: string | null;
  status: RunStatus;
  base: RunConfig;
  grid: { path: string; values: number[] }[];
  window: [number, number] | null;
  points: SweepPointDto[];
  best: { index: number; point: Record<string, number>; runId: string; mse: number; mseSe: number | null } | null;
  vertex: { path: string; value: number; mse: number; fitted: number[] } | null;
}

/** What starts a sweep: a run request, the grid (first axis slowest), an optional window and name. */
export interface SweepRequest extends RunRequest {
  grid: readonly { path: string; values: number[] }[];
  /** Generations [from, to) each point is summarised over; default each run's last quarter. */
  window?: readonly [number, number];
  name?: string;
}

/** How many of each kind a bundle import added, and skipped as already stored and identical. */
export interface BundleImportResult {
  added: BundleEntityCounts;
  skipped: BundleEntityCounts;
}

export type BundleEntityCounts = Record<'runs' | 'labelSets' | 'filters' | 'sweeps', number>;

/** A bundle file's contents (docs/cli.md `export --bundle`) and what it holds. */
export interface BundleExport {
  filename: string;
  mimeType: string;
  content: string;
  counts: { runs: number; generations: number; labelSets: number; labels: number; filters: number; sweeps: number };
}

export interface BackendAttemptDto {
  name: string;
  ok: boolean;
  reason: string;
}

export interface SystemReport {
  backend: string;
  device: string;
  chain: BackendAttemptDto[];
  store: string;
  engineVersion: string;
  threads: number;
}

/** Request and result of every channel. */
export interface HandlerMap {
  'runs:list': { args: void; result: RunSummary[] };
  'runs:get': { args: { id: string }; result: RunDetail };
  'runs:start': { args: RunRequest; result: { runId: string } };
  'runs:cancel': { args: { id: string }; result: { cancelled: boolean } };
  'runs:delete': { args: { id: string }; result: { deleted: boolean } };
  'runs:export': { args: { id: string; format: 'json' | 'csv' }; result: { filename: string; mimeType: string; content: string } };
  /** Adds tags (those not there yet, at the end) and takes others off; answers the run's tags. */
  'runs:tag': { args: { id: string; add?: string[]; remove?: string[] }; result: { tags: string[] } };
  /** Sets the run's note (null or '' clears it); answers the note as stored. */
  'runs:note': { args: { id: string; note: string | null }; result: { note: string | null } };
  'presets:list': { args: void; result: PresetInfo[] };
  'config:fields': { args: void; result: FieldInfo[] };
  'config:validate': { args: RunRequest; result: ValidationResult };
  'labels:create': { args: { request: RunRequest; kind: 'machine' | 'human'; name: string; labeler?: string }; result: LabelSetInfo };
  'labels:list': { args: void; result: LabelSetInfo[] };
  'labels:candidates': { args: { labelSetId: string; generation: number }; result: CandidateGroup };
  'labels:save': { args: { labelSetId: string; labeler: string; entries: LabelEntryDto[] }; result: { saved: number } };
  'labels:suggest': { args: { labelSetId: string; generation: number }; result: { labels: number[]; rule: string } };
  'filters:heatmap': { args: { filterId: string; labelSetId: string; size?: number }; result: FilterHeatmap };
  'filters:train': { args: { labelSetId: string; name?: string; overrides?: string[] }; result: { filterId: string } };
  'filters:cancel': { args: { filterId: string }; result: { cancelled: boolean } };
  'filters:list': { args: void; result: FilterInfo[] };
  'filters:history': { args: { filterId: string }; result: EpochRecord[] };
  'filters:provenance': { args: { filterIds: string[] }; result: FilterProvenance[] };
  'compare:series': { args: { runIds: string[] }; result: CompareSeries[] };
  'sweeps:list': { args: void; result: SweepSummaryDto[] };
  'sweeps:get': { args: { id: string }; result: SweepDetail };
  'sweeps:start': { args: SweepRequest; result: { sweepId: string } };
  'sweeps:cancel': { args: { id: string }; result: { cancelled: boolean } };
  'bundles:export': { args: { runIds?: string[] }; result: BundleExport };
  'bundles:import': { args: { text: string }; result: BundleImportResult };
  'system:backend': { args: void; result: SystemReport };
}

export type Channel = keyof HandlerMap;
export type ArgsOf<C extends Channel> = HandlerMap[C]['args'];
export type ResultOf<C extends Channel> = HandlerMap[C]['result'];

/** What services implement: one function per channel. */
export type Handlers = { [C in Channel]: (args: ArgsOf<C>) => Promise<ResultOf<C>> | ResultOf<C> };

/** Events pushed to every window. */
export interface EventMap {
  'run:progress': { runId: string; done: number; total: number; errorRms: number };
  'run:finished': { runId: string; status: Exclude<RunStatus, 'running'>; message: string | null };
  'training:epoch': { filterId: string; epoch: EpochRecord; epochs: number };
  'training:finished': { filterId: string; status: FilterInfo['status']; message: string | null };
  'sweep:finished': { sweepId: string; status: Exclude<RunStatus, 'running'> };
  'store:changed': { what: 'runs' | 'labels' | 'filters' | 'sweeps' };
}

export type EventName = keyof EventMap;

/** An error as it crosses a process or network boundary, on purpose (style.md, VS Code). */
export interface ErrorPayload {
  name: string;
  code: string;
  message: string;
}

/** The one object the renderer talks to: `window.workbench` in Electron, a WebSocket client in a browser. */
export interface WorkbenchBridge {
  invoke<C extends Channel>(channel: C, args: ArgsOf<C>): Promise<ResultOf<C>>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}

export const CHANNELS = [
  // One line per prefix, in HandlerMap's order.
  'runs:list', 'runs:get', 'runs:start', 'runs:cancel', 'runs:delete', 'runs:export', 'runs:tag', 'runs:note',
  'presets:list', 'config:fields', 'config:validate',
  'labels:create', 'labels:list', 'labels:candidates', 'labels:save', 'labels:suggest',
  'filters:heatmap', 'filters:train', 'filters:cancel', 'filters:list', 'filters:history', 'filters:provenance',
  'compare:series',
  'sweeps:list', 'sweeps:get', 'sweeps:start', 'sweeps:cancel',
  'bundles:export', 'bundles:import',
  'system:backend',
] as const satisfies readonly Channel[];

export const EVENTS = ['run:progress', 'run:finished', 'training:epoch', 'training:finished', 'sweep:finished', 'store:changed'] as const satisfies readonly EventName[];

// Compile-time proof that the lists name every channel and event exactly once.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const listsComplete: [Exact<(typeof CHANNELS)[number], Channel>, Exact<(typeof EVENTS)[number], EventName>] = [true, true];
void listsComplete;

/** Runtime guards for the transports (IPC and WebSocket check every message against them). */
export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENTS as readonly string[]).includes(value);
}

/** What crosses IPC for a request: Electron keeps only an error's message, so errors travel as data. */
export type IpcResult = { ok: true; result: unknown } | { ok: false; error: ErrorPayload };

/** WebSocket frames of the browser mode. */
export type ClientFrame = { id: number; channel: Channel; args: unknown };
export type ServerFrame =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: ErrorPayload }
  | { event: EventName; payload: unknown };
