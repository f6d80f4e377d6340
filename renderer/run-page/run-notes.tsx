import { useState } from 'react';
import { invoke } from '../bridge/client';
import { useAction } from '../lib/use-action';
import { ErrorNotice } from '../shell/error-notice';
import { MarkdownView } from './markdown-view';

interface Props {
  runId: string;
  note: string | null;
  /** Called with the note as stored once saved. */
  onSaved: () => void;
}

/** The run's note: shown as safe Markdown, edited as plain text and stored with `runs:note`. */
export function RunNotes({ runId, note, onSaved }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const { busy: saving, failure, dismiss, run } = useAction();

  const save = (): Promise<void> =>
    run('Could not save the note', async () => {
      if (draft === null) return;
      await invoke('runs:note', { id: runId, note: draft });
      setDraft(null);
      onSaved();
    });

  return (
    <section className="run-section" aria-labelledby="run-notes-title">
      <div className="run-section-head">
        <h2 id="run-notes-title">Notes</h2>
        {draft === null && (
          <button type="button" className="button-quiet" onClick={() => setDraft(note ?? '')}>
            {note ? 'Edit note' : 'Add a note'}
          </button>
        )}
      </div>
      {failure && <ErrorNotice error={failure.error} context={failure.context} onDismiss={dismiss} />}
      {draft !== null ? (
        <div className="run-note-editor">
          <label htmlFor="run-note-text" className="visually-hidden">
            Note (plain text or Markdown)
          </label>
          <textarea id="run-note-text" data-testid="run-note-text" value={draft} rows={6} onChange={(e) => setDraft(e.target.value)} placeholder="What this run shows, what to try next… Markdown: *emphasis*, **strong**, `code`, - lists, [links](https://…)" />
          <div className="run-note-buttons">
            <button type="button" className="button-primary" onClick={() => void save()} disabled={saving}>
              Save note
            </button>
            <button type="button" className="button-quiet" onClick={() => setDraft(null)} disabled={saving}>
              Cancel
            </button>
          </div>
        </div>
      ) : note ? (
        <div data-testid="run-note">
          <MarkdownView source={note} />
        </div>
      ) : (
        <p className="run-muted" data-testid="run-note-empty">
          No note yet.
        </p>
      )}
    </section>
  );
}
