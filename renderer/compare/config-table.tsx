import { useState } from 'react';
import { diffConfigs, formatConfigValue } from './config-diff';
import type { RunStyle } from './plot-data';

interface Props {
  /** Baseline first. */
  runs: readonly (RunStyle & { config: unknown })[];
}

/** Only the config fields that differ between the chosen runs; cells unlike the baseline stand out. */
export function ConfigTable({ runs }: Props) {
  const [all, setAll] = useState(false);
  if (runs.length === 0) return null;
  const diff = diffConfigs(
    runs.map((r) => r.config),
    { all },
  );
  return (
    <div className="config-diff" data-testid="config-diff">
      <div className="config-diff-scroll">
        <table className="simple-table config-table">
          <caption className="visually-hidden">Config fields {all ? '' : 'that differ '}between the chosen runs, the baseline first</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              {runs.map((r) => (
                <th scope="col" key={r.id} data-run-id={r.id}>
                  <span className="run-swatch" aria-hidden="true" style={{ background: r.color }} />
                  {r.label}
                  {r.baseline && <span className="baseline-tag">baseline</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {diff.rows.map((row) => (
              <tr key={row.path} data-path={row.path}>
                <th scope="row" className="mono">
                  {row.path}
                </th>
                {row.values.map((v, i) => (
                  <td key={runs[i].id} className={row.differs[i] ? 'cell-differs' : undefined} data-differs={row.differs[i] || undefined}>
                    {formatConfigValue(v)}
                  </td>
                ))}
              </tr>
            ))}
            {diff.rows.length === 0 && (
              <tr>
                <td colSpan={runs.length + 1} className="empty-line">
                  {runs.length === 1 ? 'One run chosen: choose another to see what differs.' : 'The chosen runs have the same config (their names aside).'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <p className="config-diff-note">
        {all
          ? `All ${diff.rows.length} fields.`
          : `${diff.rows.length === 1 ? '1 field differs' : `${diff.rows.length} fields differ`}; ${diff.sameCount} equal in every run ${diff.sameCount === 1 ? 'is' : 'are'} hidden.`}{' '}
        <button type="button" className="button-quiet" onClick={() => setAll((a) => !a)} aria-pressed={all}>
          {all ? 'Show only differences' : 'Show all fields'}
        </button>
      </p>
    </div>
  );
}
