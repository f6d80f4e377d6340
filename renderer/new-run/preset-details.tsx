import type { PresetInfo } from '../../preload/contract';
import { describeFilter, describeModel } from './preset-text';

/** What the chosen preset reproduces and what theory predicts for it. */
export function PresetDetails({ preset }: { preset: PresetInfo }) {
  const c = preset.config;
  return (
    <aside className="preset-details" aria-label={`About ${preset.title}`} data-testid="preset-details">
      <h2>{preset.title}</h2>
      <p className="preset-source">{preset.source}</p>
      <p>{preset.theory}</p>
      <dl className="facts">
        <div>
          <dt>Model</dt>
          <dd>{describeModel(c)}</dd>
        </div>
        <div>
          <dt>Samples</dt>
          <dd>
            {c.sampleSize.schedule}, n0 = {c.sampleSize.n0}
          </dd>
        </div>
        <div>
          <dt>Data</dt>
          <dd>{c.data.mode}</dd>
        </div>
        <div>
          <dt>Filter</dt>
          <dd>{describeFilter(c)}</dd>
        </div>
      </dl>
    </aside>
  );
}
