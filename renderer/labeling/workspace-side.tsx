import type { LabelSetInfo } from '../../preload/contract';
import type { ActionContext, LabelCommands } from './actions';
import { AgreementPanel } from './agreement-panel';
import type { Agreement } from './kappa';
import { LabelLegend } from './label-legend';
import { LabelProgress } from './label-progress';
import type { LabelCounts } from './label-values';
import type { SuggestionState } from './use-suggestion';

interface Props {
  set: LabelSetInfo;
  generation: number;
  counts: LabelCounts;
  selected: number;
  truthShown: boolean;
  suggestionShown: boolean;
  suggestion: SuggestionState;
  agreement: Agreement | null;
  context: ActionContext;
  commands: LabelCommands;
}

/** Beside the plot: what its marks mean and how many there are, progress, and the agreement with the rule. */
export function WorkspaceSide({ set, generation, counts, selected, truthShown, suggestionShown, suggestion, agreement, context, commands }: Props) {
  return (
    <aside className="workspace-side" aria-label="Generation summary">
      <section className="side-section">
        <h3>Generation {generation}</h3>
        <LabelLegend counts={counts} selected={selected} suggestionShown={agreement !== null} truthShown={truthShown} />
      </section>
      <LabelProgress generation={generation} counts={counts} set={set} />
      <AgreementPanel shown={suggestionShown} state={suggestion} agreement={agreement} context={context} commands={commands} />
    </aside>
  );
}
