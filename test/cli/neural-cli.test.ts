/**
 * The neural filter's commands, in-process through the same runCli that `npm run cli` calls
 * (docs/experiments.md section 4; docs/cli.md "Commands", "The export document"): doctor, label,
 * train-filter, filters and a run that reuses a stored filter by `filter.id`, plus the inputs
 * that must be refused with exit status 2, one line naming the field, and nothing written.
 *
 * Reduced settings: training runs 5 epochs (2 for the d = 3 filter) and the run 5 replicates x 5
 * generations. These checks are about what the commands print and store, not about how good the
 * filter is (test/neural/acceptance.test.ts checks that with the defaults).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/run-cli';
import { openStore } from '../../main/store';
import { cli, REPO_ROOT, tempDir } from './cli-driver';

const tmp = tempDir();
const db = join(tmp.dir, 'neural.sqlite');
afterAll(() => tmp.cleanup());

/** The process environment without the store and backend overrides, so defaults apply. */
function cleanEnv(): Record<string, string | undefined> {
  const env = { ...process.env };
  delete env.COLLAPSE_LAB_DB;
  delete env.COLLAPSE_LAB_TF_BACKEND;
  return env;
}

function installed(pkg: string): boolean {
  try {
    createRequire(import.meta.url).resolve(pkg);
    return true;
  } catch {
    return false;
  }
}

/** Exit 2, exactly one stderr line, naming `field` (a regex over the whole line). */
function expectRefused(r: { code: number; stdout: string; stderr: string }, line: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(line);
}

interface LabelOut {
  labelSetId: string;
  name: string;
  kind: string;
  labeler: string;
  counts: { groups: number; candidates: number; labelled: number; good: number };
}

let machineSet: LabelOut;
let humanSet: LabelOut;
let filterId: string;
let filter3d: string;

describe('doctor', () => {
  it('doctor --json lists the backend chain, each skipped step with its reason', async () => {
    let stdout = '';
    const code = await runCli(['doctor', '--json', '--db', db], { stdout: (t) => (stdout += t), stderr: () => undefined, stderrIsTTY: false, env: cleanEnv(), cwd: REPO_ROOT });
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { backend: string; tfBackend: string; device: string; chain: { name: string; ok: boolean; reason: string }[]; node: string; store: string };
    expect(out.store).toBe(db);
    expect(out.node).toBe(process.version);
    const names = out.chain.map((a) => a.name);
    // FilterNet's chain (the workload's prior order: no calibration is read in tests).
    expect(names).toEqual(['tfjs-node-gpu', 'tfjs-node', 'fused', 'webgpu', 'wasm', 'cpu'].slice(0, names.length));
    // Exactly the last step is used; every faster one is skipped with a reason.
    expect(out.chain.at(-1)).toMatchObject({ name: out.backend, ok: true });
    for (const a of out.chain.slice(0, -1)) {
      expect(a.ok).toBe(false);
      expect(a.reason.length).toBeGreaterThan(10);
    }
    // Every step tried on its own, each with a reason; the webgpu one with its adapter when Dawn found one.
    const steps = (JSON.parse(stdout) as { steps: { name: string; loads: boolean; reason: string; adapter?: { software: boolean; device: string } }[] }).steps;
    expect(steps.map((s) => s.name)).toEqual(['tfjs-node-gpu', 'webgpu', 'tfjs-node', 'fused', 'wasm', 'cpu']);
    for (const s of steps) expect(s.reason.length).toBeGreaterThan(10);
    const gpu = steps.find((s) => s.name === 'webgpu')!;
    if (gpu.loads) expect(gpu.adapter).toBeDefined();
    if (gpu.adapter?.software) expect(gpu.reason).toMatch(/software: the chain passes it over unless COLLAPSE_LAB_TF_BACKEND=webgpu$/);
    if (!gpu.loads) expect(gpu.reason).toMatch(/^(no WebGPU adapter|Dawn's Node binding)/);
    if (!installed('@tensorflow/tfjs-node-gpu') && !installed('@tensorflow/tfjs-node')) {
      // This machine (and CI's): the optional native packages did not install.
      expect(out.chain).toEqual([
        { name: 'tfjs-node-gpu', ok: false, reason: expect.stringMatching(/^not installed \(@tensorflow\/tfjs-node-gpu is an optional dependency/) },
        { name: 'tfjs-node', ok: false, reason: expect.stringMatching(/^not installed \(@tensorflow\/tfjs-node is an optional dependency/) },
        { name: 'fused', ok: true, reason: 'hand-fused float64 loops on the CPU, no tfjs ops' },
      ]);
      expect(out).toMatchObject({ backend: 'fused', tfBackend: 'none', device: 'CPU (fused JS kernels, float64)' });
    }
  });
});

describe('label, train-filter, filters and a run with filter.id', () => {
  beforeAll(async () => {
    const m = await cli(['label', '--machine', '--json', '--db', db]);
    expect(m.code, m.stderr).toBe(0);
    machineSet = JSON.parse(m.stdout) as LabelOut;
    const h = await cli(['label', '--labeler', 'Ada', '--json', '--db', db]);
    expect(h.code, h.stderr).toBe(0);
    humanSet = JSON.parse(h.stdout) as LabelOut;
  });

  it('label --machine --json creates a set of 20 generations x 1000 candidates, 70% good', () => {
    expect(machineSet).toMatchObject({
      kind: 'machine',
      labeler: 'machine rule (contamination 0.3)',
      counts: { groups: 20, candidates: 20_000, labelled: 20_000, good: 14_000 },
    });
    expect(machineSet.labelSetId).toMatch(/^[0-9a-z]+$/);
  });

  it('label --labeler Ada creates the same candidates unlabelled, for a person to label', () => {
    expect(humanSet).toMatchObject({ kind: 'human', labeler: 'Ada', counts: { groups: 20, candidates: 20_000, labelled: 0, good: 0 } });
    expect(humanSet.labelSetId).not.toBe(machineSet.labelSetId);
  });

  it('train-filter prints one line per epoch, live and in order, and stores the filter', async () => {
    // Each stdout write is stamped with how many event-loop turns have run so far: if the epoch
    // lines are written while training goes on (not buffered to the end), the host's loop runs
    // between them and the stamps grow.
    let turns = 0;
    let ticking = true;
    const tick = (): void => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const writes: { text: string; turns: number }[] = [];
    const stderr: string[] = [];
    const code = await runCli(['train-filter', '--labels', machineSet.labelSetId, '--set', 'filter.training.epochs=5', '--db', db], {
      stdout: (text) => writes.push({ text, turns }),
      stderr: (text) => stderr.push(text),
      stderrIsTTY: false,
      env: cleanEnv(),
      cwd: REPO_ROOT,
    });
    ticking = false;
    expect(code, stderr.join('')).toBe(0);
    const epochWrites = writes.filter((w) => w.text.startsWith('epoch'));
    expect(epochWrites.map((w) => Number(/^epoch\s+(\d+)\/5 /.exec(w.text)?.[1]))).toEqual([1, 2, 3, 4, 5]);
    for (const w of epochWrites) {
      expect(w.text).toMatch(/^epoch\s+\d\/5 {2}L_cls \d\.\d{4} {2}L_contr \S+ {2}L_ess \d\.\d{4} {2}accuracy \d\.\d{3} {2}contraction ok \d+%\n$/);
    }
    for (let i = 1; i < epochWrites.length; i++) expect(epochWrites[i].turns).toBeGreaterThan(epochWrites[i - 1].turns);
    // The header comes first, the summary last.
    expect(writes[0].text).toMatch(/^training on fused|^training on tfjs-node/);
    const last = writes.at(-1)!.text;
    const id = /^filter (\S+) ready: best epoch \d, held-out accuracy \d\.\d{3}, contraction satisfied on \d+% of held-out generations\n/.exec(last);
    expect(id, last).not.toBeNull();
    filterId = id![1];
    expect(last).toContain(`run --preset filter-constant-n --set filter.id=${filterId}`);

    const store = openStore(db);
    try {
      const stored = store.getFilter(filterId)!;
      expect(stored).toMatchObject({ status: 'ready', labelSetId: machineSet.labelSetId });
      expect(stored.model).toMatchObject({ family: 'gaussian', dim: 2, weights: { inputs: 2, hidden: 128 } });
      expect(store.getTrainingEpochs(filterId).map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5]);
    } finally {
      store.close();
    }
  });

  it('filters --json lists it', async () => {
    const r = await cli(['filters', '--json', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; status: string; labelSetId: string; backend: string; metrics: { epochsRun: number; bestEpoch: number } }[];
    const f = list.find((x) => x.id === filterId);
    expect(f).toMatchObject({ status: 'ready', labelSetId: machineSet.labelSetId, metrics: { epochsRun: 5 } });
    expect(f!.backend).toMatch(/^(fused|wasm|tfjs-node|tfjs-node-gpu|cpu) \(/);
  });

  it('run --preset filter-constant-n --set filter.id=ID completes; its export has the 5 training epochs and per-generation contraction', async () => {
    const r = await cli(['run', '--preset', 'filter-constant-n', '--set', `filter.id=${filterId}`, '--set', 'replicates=5', '--set', 'generations=5', '--json', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { runId: string; status: string; generations: number };
    expect(out).toMatchObject({ status: 'completed', generations: 6 });

    const e = await cli(['export', out.runId, '--db', db]);
    expect(e.code, e.stderr).toBe(0);
    const doc = JSON.parse(e.stdout) as {
      run: { engine: { backend: string }; config: { filter: { id: string } } };
      generations: { t: number; kept: { mean: number }; theory: { errorMeanSq: number | null }; contraction?: { median: number | null; geometricMean: number } }[];
      training: Record<string, number>[];
    };
    expect(doc.run.config.filter.id).toBe(filterId);
    expect(doc.run.engine.backend).toContain(`filter ${filterId} trained on`);
    expect(doc.training.map((x) => x.epoch)).toEqual([1, 2, 3, 4, 5]);
    for (const x of doc.training) {
      expect(Object.keys(x).sort()).toEqual(['accuracy', 'clsLoss', 'contrLoss', 'contractionSatisfied', 'epoch', 'essLoss']);
      for (const v of Object.values(x)) expect(Number.isFinite(v)).toBe(true);
    }
    expect(doc.generations.map((g) => g.t)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const g of doc.generations) {
      expect(g.contraction).toBeDefined();
      expect(Number.isFinite(g.contraction!.geometricMean)).toBe(true);
      expect(g.contraction!.geometricMean).toBeGreaterThan(0);
      expect(g.theory.errorMeanSq).toBeNull(); // no closed form for a trained filter
    }
    // At t = 0 there is no previous error: the ratio is 1 by definition; later the filter keeps a share.
    expect(doc.generations[0].contraction).toEqual({ median: 1, geometricMean: 1 });
    expect(doc.generations[0].kept.mean).toBe(1);
    for (const g of doc.generations.slice(1)) {
      expect(g.kept.mean).toBeGreaterThan(0);
      expect(g.kept.mean).toBeLessThan(1);
    }
  });
});

describe('refused inputs: exit 2, the field named, nothing written', () => {
  /** Runs and filters in the store, to check a refused command wrote nothing. */
  async function storeCounts(): Promise<{ runs: number; filters: number }> {
    const runs = JSON.parse((await cli(['runs', '--json', '--db', db])).stdout) as unknown[];
    const filters = JSON.parse((await cli(['filters', '--json', '--db', db])).stdout) as unknown[];
    return { runs: runs.length, filters: filters.length };
  }

  beforeAll(async () => {
    // A filter trained for d = 3, which a d = 2 run must refuse.
    const l = await cli(['label', '--machine', '--set', 'model.dim=3', '--set', 'filter.labels.generations=5', '--set', 'filter.labels.candidates=200', '--json', '--db', db]);
    expect(l.code, l.stderr).toBe(0);
    const set = JSON.parse(l.stdout) as LabelOut;
    expect(set.counts).toEqual({ groups: 5, candidates: 1000, labelled: 1000, good: 700 });
    const t = await cli(['train-filter', '--labels', set.labelSetId, '--set', 'filter.training.epochs=2', '--json', '--db', db]);
    expect(t.code, t.stderr).toBe(0);
    const trained = JSON.parse(t.stdout) as { filterId: string; status: string; epochs: number };
    expect(trained).toMatchObject({ status: 'ready', epochs: 2 });
    filter3d = trained.filterId;
  });

  const cases: { what: string; args: () => string[]; line: () => RegExp }[] = [
    {
      what: 'an unknown filter.id',
      args: () => ['run', '--preset', 'filter-constant-n', '--set', 'filter.id=nosuchfilter', '--set', 'replicates=2', '--set', 'generations=2'],
      line: () => /^collapse-lab: filter\.id: no filter 'nosuchfilter' in .*neural\.sqlite \(see `filters`\)$/,
    },
    {
      what: 'a filter.id trained for another dimension',
      args: () => ['run', '--preset', 'filter-constant-n', '--set', `filter.id=${filter3d}`, '--set', 'replicates=2', '--set', 'generations=2'],
      line: () => new RegExp(`^collapse-lab: filter\\.id: filter '${filter3d}' was trained for gaussian d = 3; the run is gaussian d = 2$`),
    },
    {
      what: 'filter.id on a non-neural preset',
      args: () => ['run', '--preset', 'xu-fixed-n', '--set', 'filter.id=x'],
      line: () => /^collapse-lab: filter\.id: applies only when filter\.kind is 'neural', got 'none'$/,
    },
    {
      what: 'train-filter without --labels',
      args: () => ['train-filter'],
      line: () => /^collapse-lab: train-filter: give --labels LABEL_SET_ID \(see `label-sets`\)$/,
    },
    {
      what: 'train-filter with an unknown label set',
      args: () => ['train-filter', '--labels', 'nosuchset'],
      line: () => /^collapse-lab: labels: no label set 'nosuchset' in .*neural\.sqlite \(see `label-sets`\)$/,
    },
    {
      what: 'train-filter on a set nobody has labelled yet',
      args: () => ['train-filter', '--labels', humanSet.labelSetId],
      line: () => new RegExp(`^collapse-lab: labels: label set '${humanSet.labelSetId}' has no candidate labelled good yet$`),
    },
    {
      what: 'train-filter --set filter.training.epochs=0',
      args: () => ['train-filter', '--labels', machineSet.labelSetId, '--set', 'filter.training.epochs=0'],
      line: () => /^collapse-lab: filter\.training\.epochs: expected a positive integer up to 100000, got 0$/,
    },
  ];

  for (const c of cases) {
    it(`refuses ${c.what}`, async () => {
      const before = await storeCounts();
      expectRefused(await cli([...c.args(), '--json', '--db', db]), c.line());
      expect(await storeCounts()).toEqual(before);
    });
  }
});
