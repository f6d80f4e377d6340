import { formatDateTime, formatDuration } from '../lib/format';
import { runHref } from '../shell/routes';
import { RunActions } from './run-actions';
import type { RunView } from './run-list';
import { RunProgress } from './run-progress';
import { RunResult } from './run-result';
import { StatusBadge } from './status-badge';

interface Props {
  run: RunView;
  finalRms: number | null | undefined;
  busy: boolean;
  onCancel: (run: RunView) => void;
  onDelete: (run: RunView) => void;
  onExport: (run: RunView, format: 'json' | 'csv') => void;
}

export function RunRow({ run, finalRms, busy, ...actions }: Props) {
  const took = run.finishedAt ? formatDuration(Date.parse(run.finishedAt) - Date.parse(run.createdAt)) : null;
  return (
    <tr data-testid="run-row" data-run-id={run.id} data-status={run.status} className={`run-row run-row-${run.status}`}>
      <td>
        <a className="run-name" href={runHref(run.id)} data-testid="run-link">
          {run.name}
        </a>
        {run.tags.length > 0 && (
          <ul className="tag-list tag-list-inline" aria-label={`Tags of ${run.name}`}>
            {run.tags.map((tag) => (
              <li key={tag} className="tag-chip">
                {tag}
              </li>
            ))}
          </ul>
        )}
        <div className="run-meta">
          {run.preset ? <span>preset {run.preset}</span> : <span>custom config</span>}
          <span className="mono">{run.id}</span>
        </div>
      </td>
      <td>
        <StatusBadge status={run.status} />
      </td>
      <td>
        <RunProgress name={run.name} done={run.generationsDone} total={run.generationsTotal} />
      </td>
      <td>
        <time dateTime={run.createdAt} title={run.createdAt}>
          {formatDateTime(run.createdAt)}
        </time>
        {took && <div className="run-meta">took {took}</div>}
      </td>
      <td>
        <RunResult run={run} finalRms={finalRms} />
      </td>
      <td>
        <RunActions run={run} busy={busy} {...actions} />
      </td>
    </tr>
  );
}
