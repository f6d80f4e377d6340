import type { FilterInfo, FilterMetrics, LabelSetInfo, PresetInfo } from '../../preload/contract';

/** What a ready filter's `metrics` hold: declared by the contract. */
export type { FilterMetrics } from '../../preload/contract';

/**
 * The bar a trained filter must clear to be shown green: the share of held-out candidates it
 * classifies right (w > 0.5), and the share of held-out generations whose weighted variance
 * contracts by the required c. One place, stated in the UI as it is used here.
 */
export const FILTER_QUALITY = { minAccuracy: 0.8, minContraction: 0.5 } as const;

/** "0%", "45.6%", "100%". */
export function formatShare(v: number): string {
  return `${Number((v * 100).toFixed(1))}%`;
}

/** The thresholds in words, as the page states them. */
export function describeQualityBar(): string {
  return `held-out accuracy ≥ ${formatShare(FILTER_QUALITY.minAccuracy)} and contraction satisfied on ≥ ${formatShare(FILTER_QUALITY.minContraction)} of held-out generations`;
}

/** Whether a ready filter is fit to drive a run: `good` when both metrics clear the bar, `weak` (with why) otherwise. */
export type QualityVerdict = { level: 'good'; reasons: [] } | { level: 'weak'; reasons: string[] } | { level: 'unknown'; reasons: [] };

export function qualityVerdict(metrics: Pick<FilterMetrics, 'heldOutAccuracy' | 'heldOutContraction'> | null): QualityVerdict {
  if (!metrics) return { level: 'unknown', reasons: [] };
  const reasons: string[] = [];
  const { heldOutContraction: contraction, heldOutAccuracy: accuracy } = metrics;
  if (!(contraction >= FILTER_QUALITY.minContraction)) {
    const what = contraction === 0 ? 'the filter does not contract' : `the filter contracts on fewer than ${formatShare(FILTER_QUALITY.minContraction)} of them`;
    reasons.push(`held-out contraction satisfied on ${formatShare(contraction)} of generations: ${what}; runs with it may drift`);
  }
  if (!(accuracy >= FILTER_QUALITY.minAccuracy)) {
    reasons.push(`held-out accuracy ${formatShare(accuracy)} is below ${formatShare(FILTER_QUALITY.minAccuracy)}: it often keeps bad candidates or drops good ones`);
  }
  return reasons.length === 0 ? { level: 'good', reasons: [] } : { level: 'weak', reasons };
}

/** The model a label set's candidates come from (its `source`): what a filter trained on it fits. */
export interface ModelShape {
  family: string;
  dim: number;
}

export function labelSetShape(set: Pick<LabelSetInfo, 'source'> | null | undefined): ModelShape | null {
  // The services send the source typed, or null when it is not one they wrote.
  const source = set?.source;
  return source ? { family: source.family, dim: source.dim } : null;
}

export function presetShape(preset: Pick<PresetInfo, 'config'>): ModelShape {
  return { family: preset.config.model.family, dim: preset.config.model.dim };
}

export function describeShape(shape: ModelShape): string {
  // No-break spaces: "d = 2" never splits across lines.
  return `${shape.family} d\u00a0=\u00a0${shape.dim}`;
}

/** The filtered-run presets the Train page offers, in the order of docs/experiments.md section 7. */
export const FILTER_PRESETS = ['filter-constant-n', 'filter-sqrt-n', 'filter-linear-n'] as const;

export type Verdict = { ok: true } | { ok: false; reason: string };

/**
 * Whether a filter can drive a preset's run: the services refuse a filter trained for another
 * family or dimension (`filter.id: ... was trained for ...`); the page says so before the click.
 * An unknown shape (its label set was deleted) is left to the services.
 */
export function runVerdict(filter: Pick<FilterInfo, 'status' | 'name'>, trainedFor: ModelShape | null, preset: Pick<PresetInfo, 'name' | 'config'>): Verdict {
  if (filter.status !== 'ready') return { ok: false, reason: `The filter is ${filter.status}: only a filter that finished training can run.` };
  if (trainedFor === null) return { ok: true };
  const wanted = presetShape(preset);
  if (wanted.family !== trainedFor.family || wanted.dim !== trainedFor.dim) {
    return {
      ok: false,
      reason: `This filter was trained on ${describeShape(trainedFor)} labels; ${preset.name} runs ${describeShape(wanted)}. Train a filter on a ${describeShape(wanted)} label set to run this preset.`,
    };
  }
  return { ok: true };
}

/** Whether a label set can train a filter (the services refuse one with no good label). */
export function trainVerdict(set: Pick<LabelSetInfo, 'counts'> | null | undefined): Verdict {
  if (!set) return { ok: false, reason: 'Choose a label set.' };
  if (set.counts.labelled === 0) return { ok: false, reason: 'This label set has no labels yet: label some candidates on the Label page first.' };
  if (set.counts.good === 0) return { ok: false, reason: 'This label set has no candidate labelled good yet: the filter needs both good and bad examples.' };
  return { ok: true };
}

/** "20 generations × 1000 candidates · 20000 labelled (14000 good)". */
export function describeCounts(counts: LabelSetInfo['counts']): string {
  const per = counts.groups > 0 ? Math.round(counts.candidates / counts.groups) : 0;
  return `${counts.groups} generation${counts.groups === 1 ? '' : 's'} × ${per} candidates · ${counts.labelled} labelled (${counts.good} good)`;
}

/** The run's name in the Runs list: the preset and the filter it uses. */
export function filteredRunName(preset: string, filter: Pick<FilterInfo, 'name' | 'id'>): string {
  return `${preset} · ${filter.name} (${filter.id})`;
}

/**
 * `runs:start`'s overrides for a filtered run: the filter and the run's name, both as JSON
 * strings (an override's value is parsed as JSON first, so an id like `12345678` or a name like
 * `true` would otherwise arrive as a number or a boolean).
 */
export function filteredRunOverrides(preset: string, filter: Pick<FilterInfo, 'name' | 'id'>): string[] {
  return [`filter.id=${JSON.stringify(filter.id)}`, `name=${JSON.stringify(filteredRunName(preset, filter))}`];
}
