import { applyMachineLabels, drawLabelCandidates, labelingSettings, type LabelGroup, type RunConfig } from '../../engine';
import type { LabelEntry, LabelSetRecord, ReadableRunStore, WritableRunStore } from '../store';
import { ServiceError } from './errors';
import type { LabelSetSource, RunRequest } from '../../preload/contract';

export type { LabelSetSource } from '../../preload/contract';

function sourceOf(config: Readonly<RunConfig>): LabelSetSource {
  const l = labelingSettings(config);
  return {
    family: config.model.family,
    dim: config.model.dim,
    truth: config.model.truth ?? null,
    sigma: config.model.sigma,
    n0: config.sampleSize.initial ?? config.sampleSize.n0,
    seed: config.seed,
    generations: l.generations,
    candidates: l.candidates,
    contamination: l.contamination,
  };
}

/**
 * Creates a label set for a config's model (docs/experiments.md section 4, "Labels"): the candidates
 * of K label generations of the unfiltered recursion, labelled by the machine rule (`machine`),
 * or left unlabelled for a person to label through `saveLabels` (`human`).
 */
export function createLabelSet(
  store: WritableRunStore,
  config: Readonly<RunConfig>,
  request: { name: string; kind: 'machine' | 'human'; labeler?: string },
): LabelSetRecord {
  const source = sourceOf(config);
  const unlabelled = drawLabelCandidates(config, labelingSettings(config), config.seed);
  if (request.kind === 'human' && !request.labeler?.trim()) {
    throw new ServiceError('BAD_REQUEST', 'labeler: a human label set needs the labeler\'s name');
  }
  const labeler = request.kind === 'machine' ? `machine rule (contamination ${source.contamination})` : request.labeler!.trim();
  const set = store.createLabelSet({
    name: request.name,
    kind: request.kind,
    labeler,
    source,
    groups: unlabelled.map((g) => ({ generation: g.generation, estimate: [...g.estimate], candidates: g.candidates, dim: g.dim })),
  });
  if (request.kind === 'machine') {
    const labelled = applyMachineLabels(config, unlabelled, source.contamination);
    const entries: LabelEntry[] = [];
    for (const g of labelled) for (let i = 0; i < g.labels.length; i++) entries.push({ generation: g.generation, idx: i, label: g.labels[i] === 1 ? 1 : 0 });
    store.saveLabels(set.id, entries, 'machine');
  }
  return store.getLabelSet(set.id)!;
}

/** Every group of a label set with its current labels, ready for training. */
export function labelGroups(store: ReadableRunStore, labelSetId: string): LabelGroup[] {
  return store.snapshot((s) => {
    if (!s.getLabelSet(labelSetId)) throw new ServiceError('BAD_REQUEST', `labels: no label set '${labelSetId}' in ${s.file}`);
    return s.getLabelGenerations(labelSetId).map((gen) => {
      const g = s.getLabelGroup(labelSetId, gen)!;
      return { generation: g.generation, estimate: g.estimate, dim: g.dim, candidates: g.candidates, labels: g.labels };
    });
  });
}

/** What `labels:save` carries once checked: the set, who labelled, and clean entries. */
export interface SaveLabelsPayload {
  labelSetId: string;
  labeler: string;
  entries: LabelEntry[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value as a message shows it: JSON, cut at 40 characters. */
function shown(v: unknown): string {
  const s = v === undefined ? 'nothing' : typeof v === 'number' && !Number.isFinite(v) ? String(v) : JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/**
 * Checks a `labels:save` payload field by field (it arrives as JSON from a window or a socket) and
 * throws BAD_REQUEST naming the first bad field, e.g. `entries[3].label: expected 0, 1 or null,
 * got 2`. Generations and candidate indices are then checked by the store, in its transaction.
 */
export function checkSaveLabelsPayload(args: unknown): SaveLabelsPayload {
  const bad = (path: string, message: string): never => {
    throw new ServiceError('BAD_REQUEST', `${path}: ${message}`);
  };
  if (!isObject(args)) return bad('labels', `expected an object {labelSetId, labeler, entries}, got ${shown(args)}`);
  const { labelSetId, labeler, entries } = args;
  if (typeof labelSetId !== 'string' || labelSetId === '') bad('labelSetId', `expected a label set id, got ${shown(labelSetId)}`);
  if (typeof labeler !== 'string' || labeler.trim() === '') bad('labeler', `labels need the name of who labelled them, got ${shown(labeler)}`);
  if (!Array.isArray(entries)) return bad('entries', `expected an array of {generation, idx, label}, got ${shown(entries)}`);
  const clean: LabelEntry[] = [];
  entries.forEach((entry: unknown, i) => {
    if (!isObject(entry)) bad(`entries[${i}]`, `expected {generation, idx, label}, got ${shown(entry)}`);
    const { generation, idx, label } = entry as Record<string, unknown>;
    if (!Number.isSafeInteger(generation) || (generation as number) < 0) bad(`entries[${i}].generation`, `expected a generation number, got ${shown(generation)}`);
    if (!Number.isSafeInteger(idx) || (idx as number) < 0) bad(`entries[${i}].idx`, `expected a candidate index, got ${shown(idx)}`);
    if (label !== 0 && label !== 1 && label !== null) bad(`entries[${i}].label`, `expected 0 (bad), 1 (good) or null (unlabelled), got ${shown(label)}`);
    clean.push({ generation: generation as number, idx: idx as number, label: label as 0 | 1 | null });
  });
  return { labelSetId: labelSetId as string, labeler: labeler as string, entries: clean };
}

/** `labels:save`: a checked payload saved in one transaction (all entries or none). */
export function saveLabelEntries(store: WritableRunStore, args: unknown): { saved: number } {
  const { labelSetId, labeler, entries } = checkSaveLabelsPayload(args);
  if (!store.getLabelSet(labelSetId)) throw new ServiceError('BAD_REQUEST', `labelSetId: no label set ${shown(labelSetId)}`);
  return store.saveLabels(labelSetId, entries, labeler);
}

/** What `labels:create` carries once checked. */
export interface CreateLabelSetPayload {
  request: RunRequest;
  kind: 'machine' | 'human';
  name: string;
  labeler?: string;
}

/** Checks a `labels:create` payload (the request itself is prepareRun's to check); BAD_REQUEST names the field. */
export function checkCreateLabelSetPayload(args: unknown): CreateLabelSetPayload {
  const bad = (path: string, message: string): never => {
    throw new ServiceError('BAD_REQUEST', `${path}: ${message}`);
  };
  if (!isObject(args)) return bad('labels', `expected an object {request, kind, name, labeler?}, got ${shown(args)}`);
  const { request, kind, name, labeler } = args;
  if (!isObject(request)) return bad('request', `expected an object {preset?, config?, overrides?}, got ${shown(request)}`);
  // The handler prepends filter.kind=neural to the overrides, so their type is checked before that.
  const { overrides } = request;
  if (overrides !== undefined && !(Array.isArray(overrides) && overrides.every((o) => typeof o === 'string'))) {
    bad('request.overrides', `expected an array of PATH=VALUE strings, got ${shown(overrides)}`);
  }
  if (kind !== 'machine' && kind !== 'human') bad('kind', `expected machine or human, got ${shown(kind)}`);
  if (typeof name !== 'string') bad('name', `expected a name for the label set, got ${shown(name)}`);
  if (labeler !== undefined && typeof labeler !== 'string') bad('labeler', `expected the labeller's name, got ${shown(labeler)}`);
  return { request: request as RunRequest, kind: kind as 'machine' | 'human', name: name as string, ...(labeler !== undefined ? { labeler: labeler as string } : {}) };
}
