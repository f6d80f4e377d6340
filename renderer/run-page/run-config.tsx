import type { PresetInfo, RunDetail } from '../../preload/contract';
import { diffConfigs, formatConfigValue } from '../compare/config-diff';
import type { ConfigView } from './run-location';

interface Props {
  run: RunDetail;
  presets: readonly PresetInfo[] | null;
  view: ConfigView;
  onView: (view: ConfigView) => void;
}

/** The run's config beside its preset's: by default only what differs, or every field. */
export function RunConfig({ run, presets, view, onView }: Props) {
  const preset = run.preset ? presets?.find((p) => p.name === run.preset) : undefined;
  const base = preset?.config ?? {};
  const { rows } = diffConfigs([base, run.config], { all: view === 'all' || !preset });
  const changed = preset ? rows.filter((r) => r.differs[1]).length : null;
  return (
    <section className="run-section" aria-labelledby="run-config-title">
      <div className="run-section-head">
        <h2 id="run-config-title">Config</h2>
        {preset && (
          <div className="compare-segmented" role="group" aria-label="Config fields shown">
            <button type="button" aria-pressed={view === 'diff'} onClick={() => onView('diff')}>
              Differs from preset
            </button>
            <button type="button" aria-pressed={view === 'all'} onClick={() => onView('all')}>
              All fields
            </button>
          </div>
        )}
      </div>
      <p className="run-muted" data-testid="run-config-summary">
        {!run.preset
          ? 'A custom config (no preset): every field.'
          : !preset
            ? `Preset ${run.preset} is not known to this version: every field.`
            : changed === 0
              ? `Exactly preset ${run.preset}.`
              : `${changed} field${changed === 1 ? '' : 's'} differ${changed === 1 ? 's' : ''} from preset ${run.preset}.`}
      </p>
      {rows.length > 0 && (
        <table className="run-config-table" data-testid="run-config">
          <thead>
            <tr>
              <th scope="col">field</th>
              <th scope="col">this run</th>
              {preset && <th scope="col">preset</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.path} data-path={row.path} className={row.differs[1] && preset ? 'run-config-differs' : undefined}>
                <td className="mono">{row.path}</td>
                <td className="mono">{formatConfigValue(row.values[1])}</td>
                {preset && <td className="mono">{formatConfigValue(row.values[0])}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
