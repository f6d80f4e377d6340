import { invoke } from '../bridge/client';
import { useRequest } from '../lib/use-request';
import { ErrorNotice } from '../shell/error-notice';
import { NewRunEditor } from './new-run-editor';

/** Pick a preset, adjust its most useful fields (validated as the CLI validates), start. */
export function NewRunPage({ onStarted }: { onStarted: (runId: string) => void }) {
  const presets = useRequest(() => invoke('presets:list', undefined));
  const fields = useRequest(() => invoke('config:fields', undefined));

  return (
    <section className="page" aria-labelledby="new-run-title">
      <div className="page-head">
        <h1 id="new-run-title">New run</h1>
      </div>
      {presets.error !== null && <ErrorNotice error={presets.error} context="Could not load the presets" />}
      {fields.error !== null && <ErrorNotice error={fields.error} context="Could not load the config fields" />}
      {presets.data && fields.data ? (
        <NewRunEditor presets={presets.data} fields={fields.data} onStarted={onStarted} />
      ) : (
        presets.error === null && fields.error === null && <p className="loading">Loading presets…</p>
      )}
    </section>
  );
}
