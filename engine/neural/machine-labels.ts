import type { RunConfig } from '../config/types';
import { MomentBatch, momentsSize } from '../core/moments';
import { sampleSizeAt } from '../core/schedules';
import { createFamilyKernel } from '../families';
import { seedStreams, Xoshiro128 } from '../random/xoshiro';
import type { LabelGroup, LabelingSettings } from './types';

/**
 * Candidate groups for labelling (docs/experiments.md section 4, "Labels"): fit theta_0 on n_0 real
 * samples, then for K label generations draw N candidates from the current model and refit on
 * all of them (the unfiltered recursion, so the estimate drifts and the groups cover a range of
 * offsets from the truth). Returns the groups unlabelled; `applyMachineLabels` labels them.
 * Uses its own random stream (seed, stream 2^31 - 1) so labels never overlap a run's replicates.
 */
export function drawLabelCandidates(config: Readonly<RunConfig>, settings: Readonly<LabelingSettings>, seed: number): LabelGroup[] {
  const kernel = createFamilyKernel(config);
  const d = kernel.d;
  const rng = new Xoshiro128();
  const states = seedStreams(seed, 0x7fffffff, 1);
  rng.load(states, 0);
  const params = new Float64Array(kernel.paramSize);
  const moments = new Float64Array(momentsSize(d, kernel.fullMoments));
  const batch = new MomentBatch(d, kernel.fullMoments);
  const center = new Float64Array(d);
  const x = new Float64Array(d);

  const fit = (from: Float64Array, n: number, into: Float64Array, store?: Float64Array): void => {
    kernel.prepare(from, 0);
    kernel.center(from, 0, center);
    batch.reset(center, 0);
    for (let i = 0; i < n; i++) {
      kernel.sample(rng, from, 0, x, 0);
      if (store) store.set(x, i * d);
      batch.add(x, 0, 1);
    }
    batch.write(moments, 0);
    const problem = kernel.fit(moments, 0, into, 0);
    if (problem) throw new Error(`label candidates: ${problem}`);
  };

  const truth = new Float64Array(kernel.paramSize);
  kernel.writeTruth(truth, 0);
  fit(truth, sampleSizeAt(config.sampleSize, 0), params);

  const groups: LabelGroup[] = [];
  for (let k = 1; k <= settings.generations; k++) {
    kernel.center(params, 0, center);
    const estimate = Array.from(center);
    const candidates = new Float64Array(settings.candidates * d);
    const next = new Float64Array(kernel.paramSize);
    fit(params, settings.candidates, next, candidates);
    groups.push({ generation: k, estimate, dim: d, candidates, labels: new Int8Array(settings.candidates).fill(-1) });
    params.set(next);
  }
  return groups;
}

/**
 * The machine rule: in each group, the (1 - contamination) fraction of candidates with the
 * highest log-likelihood under theta* are good (1), the rest bad (0). Candidates tied with the
 * last good one (identical counts in a discrete family) are all good, so equal samples never
 * get different labels; the good share is then slightly above 1 - contamination. Returns new groups.
 */
export function applyMachineLabels(config: Readonly<RunConfig>, groups: readonly LabelGroup[], contamination: number): LabelGroup[] {
  const kernel = createFamilyKernel(config);
  return groups.map((g) => {
    const n = g.labels.length;
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) scores[i] = kernel.logLikTruth(g.candidates, i * g.dim);
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
    const good = Math.round((1 - contamination) * n);
    const labels = new Int8Array(n);
    if (good > 0) {
      const cut = scores[order[good - 1]];
      for (let i = 0; i < n; i++) if (scores[i] >= cut) labels[i] = 1;
    }
    return { ...g, labels };
  });
}
