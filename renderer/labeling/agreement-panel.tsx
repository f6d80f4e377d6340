import { ErrorNotice } from '../shell/error-notice';
import { ActionButton } from './action-button';
import { findAction, type ActionContext, type LabelCommands } from './actions';
import { ConfusionTable } from './confusion-table';
import type { Agreement } from './kappa';
import { KappaFigure } from './kappa-figure';
import type { SuggestionState } from './use-suggestion';

interface Props {
  shown: boolean;
  state: SuggestionState;
  agreement: Agreement | null;
  context: ActionContext;
  commands: LabelCommands;
}

/** The machine rule's suggestion on demand, and how far the person agrees with it (Cohen's kappa). */
export function AgreementPanel({ shown, state, agreement, context, commands }: Props) {
  return (
    <section className="side-section" aria-labelledby="agreement-title" data-testid="agreement">
      <h3 id="agreement-title">Agreement with the machine rule</h3>
      {!shown && (
        <>
          <p className="side-note">Overlay the rule's labels for this generation and compare them with yours, as Cohen's kappa.</p>
          <ActionButton action={findAction('toggle-suggestion')} context={context} commands={commands} text="Show machine suggestion" />
        </>
      )}
      {shown && state.error !== null && <ErrorNotice error={state.error} context="Could not get the machine rule's labels" />}
      {shown && state.loading && <p className="loading">Asking the machine rule…</p>}
      {shown && state.suggestion && agreement && (
        <>
          <p className="side-note">{state.suggestion.rule}.</p>
          <KappaFigure agreement={agreement} />
          {agreement.n > 0 && <ConfusionTable agreement={agreement} />}
          {context.disagreements > 0 && <ActionButton action={findAction('select-disagreements')} context={context} commands={commands} text={`Select the ${context.disagreements} disagreements`} />}
        </>
      )}
    </section>
  );
}
