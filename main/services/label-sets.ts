import { applyMachineLabels, drawLabelCandidates, labelingSettings, type LabelGroup, type RunConfig } from '../../engine';
import type { LabelEntry, LabelSetRecord, ReadableRunStore, WritableRunStore } from '../store';
import { ServiceError } from './errors';

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
 * Creates a label set for a config's model (experiments.md section 4, "Labels"): the candidates
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
