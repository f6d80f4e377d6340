/**
 * One escaping for every HTML tooltip (renderer/charts/escape-html.ts): all five of & < > " '
 * escaped, on the Compare and the Train page alike, and no second copy anywhere in renderer/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FilterHeatmap } from '../../preload/contract';
import { escapeHtml } from '../../renderer/charts/escape-html';
import { LIGHT_THEME } from '../../renderer/charts/theme';
import { metricDef } from '../../renderer/compare/metrics';
import type { SweepGroup } from '../../renderer/compare/sweep';
import { sweepOption } from '../../renderer/compare/sweep-option';
import { heatmapOption } from '../../renderer/training/heatmap-option';
import { style } from './compare-fixtures';

const HOSTILE = `<img src=x onerror="alert('1')"> & co`;
const ESCAPED = '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; co';

const RENDERER = join(import.meta.dirname, '../../renderer');
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

describe('escapeHtml', () => {
  it('escapes & < > " and \' and nothing else', () => {
    expect(escapeHtml(HOSTILE)).toBe(ESCAPED);
    expect(escapeHtml('plain text, 0.5 ± 0.1 · PC1')).toBe('plain text, 0.5 ± 0.1 · PC1');
    expect(escapeHtml('')).toBe('');
  });

  it('escapes & first: an entity in the input stays text, it is not decoded', () => {
    expect(escapeHtml('&lt;b&gt;')).toBe('&amp;lt;b&amp;gt;');
  });

  it('is the one escaping in renderer/: no other file defines its own', () => {
    const defining = sources(RENDERER)
      .filter((f) => /function\s+escape\w*\s*\(|const\s+escape\w*\s*=/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(RENDERER, f));
    expect(defining).toEqual(['charts/escape-html.ts']);
  });
});

describe('the tooltips escape user text with it', () => {
  it('Compare: a run name and the swept path in the sweep view', () => {
    const sweep: SweepGroup = { path: HOSTILE, title: 't', source: 'detected', window: null, members: [] };
    const styles = [{ ...style('a', 0), label: HOSTILE }];
    const option = sweepOption(sweep, [{ runId: 'a', x: 1, seriesKey: '', value: 2, theory: null, se: null, window: [0, 4] }], styles, metricDef('mse'), { xLog: false, yLog: false, windowLabel: 'w' }, LIGHT_THEME);
    const point = (option.series as { id: string; tooltip?: { formatter: () => string } }[]).find((s) => s.id === 'pt:a')!;
    const html = point.tooltip!.formatter();
    expect(html).toContain(`<b>${ESCAPED}</b>`);
    expect(html).toContain(`${ESCAPED} = `);
    expect(html).not.toContain('<img');
  });

  it("Train: the heat map's axis names, on the weights and on the labelled points", () => {
    const h: FilterHeatmap = { x: [0, 1], y: [0, 1], weights: [0.1, 0.2, 0.3, 0.4], axisNames: [HOSTILE, "it's y"], explained: null, points: { x: [0.5], y: [0.5], labels: [1] } };
    const formatter = (heatmapOption(h) as unknown as { tooltip: { formatter: (p: { seriesIndex: number; value: number[] }) => string } }).tooltip.formatter;
    for (const html of [formatter({ seriesIndex: 0, value: [0, 1, 0.3] }), formatter({ seriesIndex: 1, value: [0.5, 0.5] })]) {
      expect(html).toContain(ESCAPED);
      expect(html).toContain('it&#39;s y');
      expect(html).not.toContain('<img');
    }
  });
});
