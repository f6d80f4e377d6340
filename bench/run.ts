/**
 * `npm run bench [-- --repeat N] [--only B1,B2] [--json] [--backend NAME] [--vs-numpy] [--vs-torch] [--memory] [--threads N]
 * [--scaling] [--sweep [--sweep-sampling MODE]]`: wall time and samples per second of
 * docs/experiments.md section 8's workloads; `--scaling` and `--sweep` run only those (issue 21). Figures, not
 * assertions: correctness lives in the tests.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { JS_BACKEND, machineLabelGroups, runSimulation, trainFilter, trainingSettings, type FilterModel } from '../engine';
import { BACKEND_ORDER, backendLabel, calibrate, figureLine, loadTf, releaseBackends, saveCalibration, type BackendName, type Calibration } from '../main/engine-host';
import { NUMPY, TORCH, type Peer } from './peers';
import { B3_CONFIG, B4_CONFIG, samplesDrawn, WORKLOADS } from './workloads';
import { printScaling } from './scaling';
import { timeSweep } from './sweep';

const { values } = parseArgs({
  options: {
    repeat: { type: 'string', default: '1' },
    only: { type: 'string' },
    json: { type: 'boolean', default: false },
    backend: { type: 'string' },
    'vs-numpy': { type: 'boolean', default: false },
    'vs-torch': { type: 'boolean', default: false },
    memory: { type: 'boolean', default: false },
    threads: { type: 'string' },
    scaling: { type: 'boolean', default: false },
    sweep: { type: 'boolean', default: false },
    'sweep-sampling': { type: 'string', default: 'auto' },
  },
});
/** The 1-, 5- and 15-minute load averages: figures from a shared machine are read beside them. */
const loadAverage = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');
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
/** The filter B4 trained: B3 applies it, here and in its whole-process timing. */
let model: FilterModel | undefined;
/** FilterNet's calibration, made before B4 (issue 17). */
let calibration: Calibration | undefined;

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

if (values.scaling || values.sweep) {
  if (values.scaling) printScaling(['B1', 'B2'].filter(wanted), repeat, loadAverage);
  if (values.sweep) await timeSweep(values['sweep-sampling'], loadAverage);
  process.exit(0);
}

for (const w of WORKLOADS) {
  if (wanted(w.name)) await measure(w.name, w.description, `${JS_BACKEND} (1 thread)`, samplesDrawn(w.config), () => runSimulation(w.config));
}

if (wanted('B3') || wanted('B4')) {
  // B4 on every tfjs backend that loads here (issue 7), fastest first; `--backend NAME` picks one.
  const backends = values.backend ? [values.backend as BackendName] : BACKEND_ORDER;
  const groups = machineLabelGroups(B4_CONFIG);
  const settings = trainingSettings(B4_CONFIG);
  // B4's samples: candidates seen per epoch times epochs.
  const b4Samples = groups.reduce((n, g) => n + g.labels.length, 0) * settings.epochs;
  // The per-workload choice first (issue 17): a few timed steps per backend, stored for later
  // trainings on this machine, as `doctor --bench` does.
  if (wanted('B4')) calibration = await calibrateForBench();
  for (const name of backends) {
    const { trainer, report } = await loadTf({ prefer: name });
    if (report.backend !== name) {
      const why = report.chain.find((a) => a.name === name)?.reason ?? 'not loaded';
      if (!values.json) console.log(`B4  not run on ${name}: ${why}`);
      continue;
    }
    // A software adapter (Mesa's llvmpipe) takes minutes for B4's 200 epochs and measures a CPU
    // rasteriser, not a GPU: its calibration figure says enough unless it is asked for by name.
    if (report.adapter?.software && values.backend !== 'webgpu') {
      const figure = calibration?.figures.find((f) => f.backend === name)?.msPerStep;
      if (!values.json) console.log(`B4  not run on ${name}: software adapter ${report.device}${figure ? `, ${figure.toFixed(1)} ms a step in the calibration` : ''} (--backend webgpu runs it anyway)`);
      continue;
    }
    const train = async (): Promise<void> => {
      const trained = (await trainFilter(trainer, groups, 'gaussian', settings)).model;
      model ??= trained; // B3 applies the filter of the fastest backend
    };
    if (wanted('B4')) await measure('B4', 'train the neural filter: 20 machine-labelled generations x 1000 candidates, 200 epochs', backendLabel(report), b4Samples, train);
    else await train();
    if (!wanted('B4')) break; // B3 needs one trained filter, not one per backend
  }
  if (wanted('B3')) {
    if (!model) throw new Error('B3: no tfjs backend loaded to train its filter');
    const filter = model;
    await measure('B3', 'd = 2, n = 1000, R = 100, T = 200, trained neural filter applied each generation', `${JS_BACKEND} inference (1 thread)`, samplesDrawn(B3_CONFIG), () =>
      runSimulation(B3_CONFIG, { filterModel: filter }),
    );
  }
}
releaseBackends();
if (values['vs-numpy']) versusPeer(NUMPY, model);
if (values['vs-torch']) versusPeer(TORCH, model);
if (values.memory) peakMemory();
if (values.json) console.log(JSON.stringify(calibration ? { figures, calibration } : figures, null, 2));

/** FilterNet's calibration: figures printed, then stored (docs/training-backends.md). */
async function calibrateForBench(): Promise<Calibration> {
  const c = await calibrate('filternet-points');
  const file = saveCalibration(c);
  if (!values.json) {
    console.log(`calibration for ${c.workload} (median ms of one training step, 2 timed runs after a warm-up):`);
    for (const f of c.figures) console.log(`  ${figureLine(f)}`);
    console.log(`  order: ${c.order.join(' > ')}${file ? ` (stored in ${file})` : ''}`);
  }
  return c;
}

/** M1: peak RSS of a whole process running R = 1000, T = 100,000 on every core (issue 7). */
function peakMemory(): void {
  const threads = values.threads ?? String(availableParallelism());
  const r = spawnSync(process.execPath, ['build/dev-run.mjs', 'bench/one.ts', 'M1', threads], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`M1 failed: ${r.stderr}`);
  const [, wall, rssKb] = r.stdout.trim().split(' ');
  console.log(`M1  peak RSS ${(Number(rssKb) / 1024).toFixed(0)} MiB, ${Number(wall).toFixed(1)} s on ${threads} threads | R = 1000, T = 100,000, n = 100 (summaries only: memory does not grow with T)`);
}

/**
 * Whole-process wall times of the workloads here and in the peer's plain loop, measured in the
 * same run, median of `repeat` with min and max; the ratio is ours / theirs (issues 7 and 21).
 * Both sides get the same thread count (`--threads`, default every core).
 */
function versusPeer(peer: Peer, filter: FilterModel | undefined): void {
  const probe = spawnSync(peer.python, ['-c', peer.probe], { encoding: 'utf8' });
  if (probe.status !== 0) {
    console.log(`--vs-${peer.name.toLowerCase()}: skipped, ${peer.python} cannot import ${peer.name} here`);
    return;
  }
  const threads = values.threads ?? String(availableParallelism());
  console.log(`\nversus ${peer.name} ${probe.stdout.trim()} (whole processes, median of ${repeat}; ours on ${threads} threads)`);
  const env = { ...process.env, COLLAPSE_LAB_BENCH_THREADS: threads };
  const timeProcess = (command: string, args: string[]): number => {
    const start = performance.now();
    const r = spawnSync(command, args, { encoding: 'utf8', cwd: process.cwd(), env });
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`);
    return (performance.now() - start) / 1000;
  };
  // Ours starts the way `npm run cli` does, from the bundle build/dev-run.mjs keeps fresh (built
  // here first, untimed, as the peer's own start-up excludes compiling its library).
  const ourArgs = ['build/dev-run.mjs', 'bench/one.ts'];
  timeProcess(process.execPath, [...ourArgs, '--check']);
  const modelFile = join(mkdtempSync(join(tmpdir(), 'collapse-lab-bench-')), 'b3-filter.json');
  if (wanted('B3') && filter) writeFileSync(modelFile, JSON.stringify(filter));
  for (const name of peer.workloads) {
    if (!wanted(name)) continue;
    if (name === 'B3' && !filter) {
      console.log('B3  skipped: no filter was trained in this run (B4 did not run)');
      continue;
    }
    const ours: number[] = [];
    const theirs: number[] = [];
    const ourWorkload = name === 'B3' ? [name, modelFile, threads] : name === 'B4' ? [name] : [name, threads];
    for (let i = 0; i < repeat; i++) {
      ours.push(timeProcess(process.execPath, [...ourArgs, ...ourWorkload]));
      theirs.push(timeProcess(peer.python, [peer.script, name]));
    }
    const o = median(ours);
    const t = median(theirs);
    const spread = (xs: number[]): string => (xs.length > 1 ? ` [${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)}]` : '');
    console.log(`${name}  ours ${o.toFixed(2)} s${spread(ours)}  ${peer.name.toLowerCase()} ${t.toFixed(2)} s${spread(theirs)}  ratio ${(o / t).toFixed(2)}`);
  }
}
