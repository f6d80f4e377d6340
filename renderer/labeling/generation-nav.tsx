import { ActionButton } from './action-button';
import { findAction, type ActionContext, type LabelCommands } from './actions';

interface Props {
  generation: number;
  generations: readonly number[];
  loading: boolean;
  context: ActionContext;
  commands: LabelCommands;
  onChoose: (generation: number) => void;
}

/** Previous / next (the arrow keys) and a direct choice among the set's label generations. */
export function GenerationNav({ generation, generations, loading, context, commands, onChoose }: Props) {
  const position = generations.indexOf(generation);
  return (
    <div className="generation-nav" role="group" aria-label="Label generations">
      <ActionButton action={findAction('previous-generation')} context={context} commands={commands} text="◀ Previous" />
      <label className="generation-choice">
        <span>Generation</span>
        <select value={generation} onChange={(e) => onChoose(Number(e.target.value))} data-testid="generation-select">
          {(generations.length > 0 ? generations : [generation]).map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
        <span className="generation-of" data-testid="generation-position">
          {position >= 0 ? `${position + 1} of ${generations.length}` : ''}
        </span>
      </label>
      <ActionButton action={findAction('next-generation')} context={context} commands={commands} text="Next ▶" />
      {loading && (
        <span className="loading generation-loading" role="status">
          Loading candidates…
        </span>
      )}
    </div>
  );
}
