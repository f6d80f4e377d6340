import type { LabelSetInfo } from '../../preload/contract';
import type { LabelCounts } from './label-values';
import { ProgressLine } from './progress-line';

interface Props {
  generation: number;
  counts: LabelCounts;
  set: LabelSetInfo;
}

/** How far the labelling got: this generation (live) and the whole set (as the store has it). */
export function LabelProgress({ generation, counts, set }: Props) {
  return (
    <section className="side-section" aria-labelledby="label-progress-title">
      <h3 id="label-progress-title">Progress</h3>
      <ProgressLine label={`Generation ${generation}`} done={counts.labelled} total={counts.total} testId="progress-generation" />
      <ProgressLine label={`Whole set (${set.counts.groups} generations)`} done={set.counts.labelled} total={set.counts.candidates} testId="progress-set" />
    </section>
  );
}
