/**
 * `npm run bench [-- --repeat N] [--only B1,B2] [--json]`: wall time and samples per second of
 * experiments.md section 8's workloads. Figures, not assertions: correctness lives in the tests.
 */
import { parseArgs } from 'node:util';
import { JS_BACKEND, runSimulation } from '../engine';
import { samplesDrawn, WORKLOADS } from './workloads';

const { values } = parseArgs({
  options: { repeat: { type: 'string', default: '1' }, only: { type: 'string' }, json: { type: 'boolean', default: false } },
});
const repeat = Math.max(1, Number(values.repeat));
const only = values.only ? new Set(values.only.split(',')) : undefined;

interface Figure {
  name: string;
  description: string;
  backend: string;
  runs: number;
  wallSeconds: number[];
  medianSeconds: number;
  samplesPerSecond: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const figures: Figure[] = [];
for (const w of WORKLOADS) {
  if (only && !only.has(w.name)) continue;
  const walls: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    await runSimulation(w.config);
    walls.push((performance.now() - start) / 1000);
  }
  const med = median(walls);
  const fig: Figure = {
    name: w.name,
    description: w.description,
    backend: `${JS_BACKEND} (1 thread)`,
    runs: repeat,
    wallSeconds: walls,
    medianSeconds: med,
    samplesPerSecond: samplesDrawn(w.config) / med,
  };
  figures.push(fig);
  if (!values.json) {
    const spread = repeat > 1 ? ` (min ${Math.min(...walls).toFixed(2)} s, max ${Math.max(...walls).toFixed(2)} s, ${repeat} runs)` : '';
    console.log(`${fig.name}  ${fig.medianSeconds.toFixed(2)} s${spread}  ${(fig.samplesPerSecond / 1e6).toFixed(2)} M samples/s  backend ${fig.backend}  | ${fig.description}`);
  }
}
if (values.json) console.log(JSON.stringify(figures, null, 2));
