/**
 * What the soak does to each of its runs, drawn from its own seed so that a failing soak can be
 * replayed exactly (`--seed S`): a preset, overrides that keep it cheap, and an action.
 */

/** complete: left to finish; cancel: SIGINT mid-run; kill: SIGKILL mid-run; reject: an invalid override. */
export type SoakAction = 'complete' | 'cancel' | 'kill' | 'reject';

export interface PlannedRun {
  index: number;
  /** The run's config name: how the soak finds its row again, whatever happened to the process. */
  name: string;
  preset: string;
  action: SoakAction;
  /** `run` arguments after `--preset NAME`, without `--db`. */
  args: string[];
  /** Milliseconds between the run's first progress output and the signal (cancel and kill). */
  signalDelayMs: number;
}

/** mulberry32: a small, well-mixed 32-bit generator; the soak needs reproducible choices, not crypto. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const int = (r: Random, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

interface PresetPlan {
  preset: string;
  /** Overrides for a run that should finish in well under a second of compute. */
  overrides: (r: Random) => string[];
  /** Whether the run can end on its own with `failed` (then it is never SIGKILLed: see below). */
  mayFail?: boolean;
  /** Neural filter presets load tfjs and train first: slow, so drawn rarely. */
  neural?: boolean;
  /** The override that makes a run long enough to be signalled mid-way (default ENDLESS). */
  long?: string;
}

const gens = (r: Random, hi: number): string => `generations=${int(r, 0, hi)}`;
const reps = (r: Random, hi: number): string => `replicates=${int(r, 1, hi)}`;

const PRESET_PLANS: readonly PresetPlan[] = [
  { preset: 'xu-fixed-n', overrides: (r) => [reps(r, 40), gens(r, 80), `sampleSize.n0=${int(r, 10, 300)}`, `model.dim=${int(r, 1, 4)}`] },
  // n_t = 100 (t + 1)^1.5 passes the per-generation sample limit before t = 2500.
  { preset: 'xu-superlinear', overrides: (r) => [reps(r, 20), gens(r, 25)], long: 'generations=2000' },
  // The MLE spread shrinks every generation; with a small n a long run fails when it collapses.
  { preset: 'variance-collapse', overrides: (r) => [reps(r, 40), gens(r, 400), `sampleSize.n0=${int(r, 5, 30)}`], mayFail: true },
  { preset: 'accumulate', overrides: (r) => [reps(r, 20), gens(r, 40)] },
  { preset: 'fresh-golden', overrides: (r) => [reps(r, 30), gens(r, 60), `data.realWeight=${r().toFixed(3)}`] },
  { preset: 'oracle-ball', overrides: (r) => [reps(r, 20), gens(r, 40), `sampleSize.n0=${int(r, 50, 500)}`, `filter.keepFraction=${(0.1 + 0.9 * r()).toFixed(3)}`] },
  { preset: 'fresh-k0.1', overrides: (r) => [reps(r, 20), gens(r, 40), `sampleSize.n0=${int(r, 100, 1000)}`] },
  { preset: 'verifier-regression', overrides: (r) => [reps(r, 8), gens(r, 8), `sampleSize.n0=${int(r, 100, 600)}`] },
  { preset: 'accumulate-regression', overrides: (r) => [reps(r, 10), gens(r, 15)] },
  { preset: 'ridge-collapse', overrides: (r) => [reps(r, 4), gens(r, 5), 'model.dim=20', `sampleSize.n0=${int(r, 40, 120)}`] },
  {
    preset: 'filter-constant-n',
    overrides: (r) => [reps(r, 8), gens(r, 10), 'filter.training.epochs=3', 'filter.labels.generations=3', 'filter.labels.candidates=100'],
    neural: true,
  },
];

/** Enough generations that a cancelled or killed run is certainly still going when signalled. */
const ENDLESS = 'generations=1000000';

/**
 * Run i's action: each block of five runs holds three left to complete, one cancelled and one
 * killed, in a shuffled order, so even a short soak exercises all three; every twentieth run
 * (from the eighth) is instead started with an invalid override and must write nothing.
 */
function actions(r: Random, count: number): SoakAction[] {
  const out: SoakAction[] = [];
  while (out.length < count) {
    const block: SoakAction[] = ['complete', 'complete', 'complete', 'cancel', 'kill'];
    for (let i = block.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [block[i], block[j]] = [block[j], block[i]];
    }
    out.push(...block);
  }
  return out.slice(0, count).map((a, i) => (i % 20 === 7 ? 'reject' : a));
}

export function planSoak(runs: number, seed: number, tag: string): PlannedRun[] {
  const r = mulberry32(seed);
  return actions(r, runs).map((action, index) => {
    // A SIGKILL that lands between a run's own final write and its exit would be misread, so
    // runs that may end on their own (failed) are only ever left alone or cancelled.
    const candidates = PRESET_PLANS.filter((p) => !(action === 'kill' && p.mayFail));
    // Neural presets about one run in twenty: each loads tfjs and trains a filter first.
    let plan = pick(r, candidates);
    while (plan.neural && r() > 0.5) plan = pick(r, candidates);
    const name = `soak-${tag}-${String(index).padStart(4, '0')}`;
    const overrides = plan.overrides(r);
    if (action === 'cancel' || action === 'kill') overrides.push(plan.long ?? ENDLESS);
    if (action === 'reject') overrides.push(pick(r, ['replicates=0', 'model.dim=-1', 'sampleSize.n0=1.5', 'filter.keepFraction=2']));
    overrides.push(`seed=${int(r, 0, 1_000_000)}`, `name=${name}`);
    // Worker threads cost a second or two of start-up each: one run in six asks for two.
    const threads = pick(r, [[], [], [], ['--threads', '1'], ['--threads', '1'], ['--threads', '2']]);
    return {
      index,
      name,
      preset: plan.preset,
      action,
      args: [...overrides.flatMap((o) => ['--set', o]), ...threads],
      signalDelayMs: int(r, 0, 400),
    };
  });
}
