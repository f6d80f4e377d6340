/**
 * `npm run bench [-- --repeat N] [--only B1,B2] [--json]`: wall time and samples per second of
 * experiments.md section 8's workloads. Figures, not assertions: correctness lives in the tests.
 */
import { parseArgs } from 'node:util';
import { JS_BACKEND, machineLabelGroups, runSimulation, trainFilter, trainingSettings, type FilterModel } from '../engine';
import { backendLabel, loadTf, type BackendName } from '../main/engine-host';
import { B3_CONFIG, B4_CONFIG, samplesDrawn, WORKLOADS } from './workloads';

const { values } = parseArgs({
  options: {
    repeat: { type: 'string', default: '1' },
    only: { type: 'string' },
    json: { type: 'boolean', default: false },
    backend: { type: 'string' },
  },
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

/** Times `work` `repeat` times and prints one line. */
async function measure(name: string, description: string, backend: string, samples: number, work: () => Promise<unknown>): Promise<void> {
  const walls: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    await work();
    walls.push((performance.now() - start) / 1000);
  }
  const med = median(walls);
  const fig: Figure = { name, description, backend, runs: repeat, wallSeconds: walls, medianSeconds: med, samplesPerSecond: samples / med };
  figures.push(fig);
  if (!values.json) {
    const spread = repeat > 1 ? ` (min ${Math.min(...walls).toFixed(2)} s, max ${Math.max(...walls).toFixed(2)} s, ${repeat} runs)` : '';
    console.log(`${fig.name}  ${fig.medianSeconds.toFixed(2)} s${spread}  ${(fig.samplesPerSecond / 1e6).toFixed(2)} M samples/s  backend ${fig.backend}  | ${fig.description}`);
  }
}

const wanted = (name: string): boolean => !only || only.has(name);

for (const w of WORKLOADS) {
  if (wanted(w.name)) await measure(w.name, w.description, `${JS_BACKEND} (1 thread)`, samplesDrawn(w.config), () => runSimulation(w.config));
}

if (wanted('B3') || wanted('B4')) {
  const { tf, report } = await loadTf({ prefer: values.backend as BackendName | undefined });
  const groups = machineLabelGroups(B4_CONFIG);
  const settings = trainingSettings(B4_CONFIG);
  let model: FilterModel | undefined;
  const train = async (): Promise<void> => {
    model = (await trainFilter(tf, groups, 'gaussian', settings)).model;
  };
  // B4's samples: candidates seen per epoch times epochs.
  const b4Samples = groups.reduce((n, g) => n + g.labels.length, 0) * settings.epochs;
  if (wanted('B4')) await measure('B4', 'train the neural filter: 20 machine-labelled generations x 1000 candidates, 200 epochs', backendLabel(report), b4Samples, train);
  else await train();
  if (wanted('B3')) {
    await measure('B3', 'd = 2, n = 1000, R = 100, T = 200, trained neural filter applied each generation', `${JS_BACKEND} inference (1 thread)`, samplesDrawn(B3_CONFIG), () =>
      runSimulation(B3_CONFIG, { filterModel: model }),
    );
  }
}
if (values.json) console.log(JSON.stringify(figures, null, 2));
