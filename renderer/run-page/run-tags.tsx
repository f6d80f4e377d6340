import { useState } from 'react';
import { tagProblem } from '../../common/run-annotations';
import { invoke } from '../bridge/client';
import { useAction } from '../lib/use-action';
import { ErrorNotice } from '../shell/error-notice';

interface Props {
  runId: string;
  tags: readonly string[];
  onSaved: () => void;
}

/** The run's tags as chips: add one (or several, space-separated), take one off; stored with `runs:tag`. */
export function RunTags({ runId, tags, onSaved }: Props) {
  const [text, setText] = useState('');
  const { busy, failure, dismiss, run } = useAction();
  const names = text.split(/\s+/).filter((t) => t !== '');
  const problem = names.map(tagProblem).find((p) => p !== null) ?? null;

  const edit = (change: { add?: string[]; remove?: string[] }): Promise<void> =>
    run('Could not change the tags', async () => {
      await invoke('runs:tag', { id: runId, ...change });
      if (change.add) setText('');
      onSaved();
    });

  return (
    <section className="run-section" aria-labelledby="run-tags-title">
      <h2 id="run-tags-title">Tags</h2>
      {failure && <ErrorNotice error={failure.error} context={failure.context} onDismiss={dismiss} />}
      <ul className="tag-list" data-testid="run-tags">
        {tags.map((tag) => (
          <li key={tag} className="tag-chip">
            <span>{tag}</span>
            <button type="button" className="tag-remove" aria-label={`Remove tag ${tag}`} disabled={busy} onClick={() => void edit({ remove: [tag] })}>
              ×
            </button>
          </li>
        ))}
        {tags.length === 0 && <li className="run-muted">No tags.</li>}
      </ul>
      <form
        className="tag-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (names.length > 0 && problem === null) void edit({ add: names });
        }}
      >
        <label htmlFor="run-tag-input" className="visually-hidden">
          New tags, separated by spaces
        </label>
        <input id="run-tag-input" data-testid="run-tag-input" value={text} onChange={(e) => setText(e.target.value)} placeholder="add tags, space-separated" aria-invalid={problem !== null} />
        <button type="submit" disabled={busy || names.length === 0 || problem !== null}>
          Add
        </button>
        {problem && <span className="run-field-problem">{problem}</span>}
      </form>
    </section>
  );
}
