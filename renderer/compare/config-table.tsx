import { useState } from 'react';
import { configForDiff, diffConfigs, formatConfigValue, provenanceRows, type DiffRow, type ProvenanceById } from './config-diff';
import type { RunStyle } from './plot-data';

interface Props {
  /** Baseline first. */
  runs: readonly (RunStyle & { config: unknown })[];
  /** Provenance of the stored filters the runs reuse (filter.id), by filter id. */
  provenance: ProvenanceById;
}

/**
 * Only the config fields that differ between the chosen runs; cells unlike the baseline stand
 * out. Runs that reuse a stored filter get its provenance (filter, label set, labeller, shape)
 * above the fields, in place of their unused `filter.labels.*`.
 */
export function ConfigTable({ runs, provenance }: Props) {
  const [all, setAll] = useState(false);
  if (runs.length === 0) return null;
  const diff = diffConfigs(
    runs.map((r) => configForDiff(r.config, provenance)),
    { all },
  );
  const origins = provenanceRows(
    runs.map((r) => r.config),
    provenance,
  );
  const cells = (row: DiffRow) =>
    row.values.map((v, i) => (
      <td key={runs[i].id} className={row.differs[i] ? 'cell-differs' : undefined} data-differs={row.differs[i] || undefined}>
        {formatConfigValue(v)}
      </td>
    ));
  return (
    <div className="config-diff" data-testid="config-diff">
      <div className="config-diff-scroll">
        <table className="simple-table config-table">
          <caption className="visually-hidden">Config fields {all ? '' : 'that differ '}between the chosen runs, the baseline first</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              {runs.map((r) => (
                <th scope="col" key={r.id} data-run-id={r.id} title={r.baseline ? `${r.label} (baseline)` : r.label}>
                  <span className="config-run-head">
                    <span className="run-swatch" aria-hidden="true" style={{ background: r.color }} />
                    <span className="config-run-name">{r.label}</span>
                    {r.baseline && <span className="baseline-tag">baseline</span>}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          {origins.length > 0 && (
            <tbody className="config-provenance" data-testid="config-provenance">
              <tr className="config-group-head">
                <th scope="colgroup" colSpan={runs.length + 1}>
                  Stored filter (<span className="mono">filter.id</span>): where it came from
                </th>
              </tr>
              {origins.map((row) => (
                <tr key={row.path} data-path={row.path}>
                  <th scope="row">{row.label}</th>
                  {cells(row)}
                </tr>
              ))}
            </tbody>
          )}
          <tbody>
            {diff.rows.map((row) => (
              <tr key={row.path} data-path={row.path}>
                <th scope="row" className="mono">
                  {row.path}
                </th>
                {cells(row)}
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
