/**
 * `npm run bench [-- --repeat N] [--only B1,B2] [--json]`: wall time and samples per second of
 * experiments.md section 8's workloads. Figures, not assertions: correctness lives in the tests.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
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
    'vs-numpy': { type: 'boolean', default: false },
    threads: { type: 'string' },
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
if (values['vs-numpy']) await versusNumpy();
if (values.json) console.log(JSON.stringify(figures, null, 2));

/**
 * Whole-process wall times of B1-B3 here and in a plain NumPy loop (bench/numpy_bench.py),
 * measured in the same run, median of `repeat`; the ratio is ours / NumPy (issue 7's targets).
 */
async function versusNumpy(): Promise<void> {
  const probe = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    console.log('--vs-numpy: skipped, python3 with numpy is not available here');
    return;
  }
  const threads = values.threads ?? String(availableParallelism());
  console.log(`\nversus NumPy ${probe.stdout.trim()} (whole processes, median of ${repeat}; ours on ${threads} threads)`);
  const timeProcess = (command: string, args: string[]): number => {
    const start = performance.now();
    const r = spawnSync(command, args, { encoding: 'utf8', cwd: process.cwd() });
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`);
    return (performance.now() - start) / 1000;
  };
  for (const name of ['B1', 'B2', 'B3']) {
    if (!wanted(name)) continue;
    const ours: number[] = [];
    const numpy: number[] = [];
    for (let i = 0; i < repeat; i++) {
      ours.push(timeProcess(process.execPath, ['--import', 'tsx', 'bench/one.ts', name, threads]));
      numpy.push(timeProcess('python3', ['bench/numpy_bench.py', name]));
    }
    const o = median(ours);
    const n = median(numpy);
    const spread = (xs: number[]): string => (xs.length > 1 ? ` [${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)}]` : '');
    console.log(`${name}  ours ${o.toFixed(2)} s${spread(ours)}  numpy ${n.toFixed(2)} s${spread(numpy)}  ratio ${(o / n).toFixed(2)}`);
  }
}
