import type { LabelSetInfo } from '../../preload/contract';
import type { SaveState } from './save-queue';
import { SaveStatus } from './save-status';
import { describeSource } from './set-source';

interface Props {
  set: LabelSetInfo;
  save: SaveState;
  onRetrySave: () => void;
  onBack: () => void;
}

/** The open label set: its name, who labels it, where its candidates come from, and the save state. */
export function WorkspaceHeader({ set, save, onRetrySave, onBack }: Props) {
  return (
    <div className="workspace-header">
      <div>
        <button type="button" className="button-quiet back-link" onClick={onBack}>
          ← All label sets
        </button>
        <h2 className="workspace-title" data-testid="label-set-title">
          {set.name}
        </h2>
        <p className="workspace-meta">
          <span className={`kind-badge kind-${set.kind}`}>{set.kind === 'human' ? 'human labels' : 'machine labels'}</span>
          <span>
            labeller <strong data-testid="labeler">{set.labeler}</strong>
          </span>
          <span>{describeSource(set)}</span>
          <span className="mono">{set.id}</span>
        </p>
      </div>
      <SaveStatus state={save} onRetry={onRetrySave} />
    </div>
  );
}
