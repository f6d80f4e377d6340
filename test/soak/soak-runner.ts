import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../main/store';
import { spawnCli, type CliExit } from '../robustness/cli-process';
import { checkIntegrity, openReadOnly } from '../robustness/store-dump';
import { planSoak, type PlannedRun } from './soak-plan';

export interface SoakOptions {
  runs: number;
  /** Seed of the soak's own choices (presets, overrides, actions, delays). */
  seed: number;
  /** The store; default a new file under the OS temp folder (kept, so it can be inspected). */
  db?: string;
  /** CLI processes at a time. */
  parallel: number;
  /** A run still going after this long is SIGKILLed and counted as hung. */
  perRunTimeoutMs?: number;
  log?: (line: string) => void;
}

/** What the soak saw happen to one run's process. */
export type Happened = 'completed' | 'failed' | 'cancelled' | 'killed' | 'rejected' | 'hung' | 'crashed';

export interface SoakCounts {
  attempted: number;
  completed: number;
  /** cancelled + killed (+ hung, which the soak kills). */
  interrupted: number;
  cancelled: number;
  killed: number;
  failed: number;
  /** Refused before starting (exit 2), by design: an invalid override. */
  rejected: number;
  /** Missing from the store, more than one row, a row that should not exist, or a status that does not match what happened. */
  lost: number;
  /** Stored generations that are not exactly t = 0 .. done - 1, or a completed run short of its total. */
  inconsistent: number;
  /** Ended in a way its action cannot explain (see ALLOWED), e.g. a valid config refused. */
  unexpected: number;
  hung: number;
  crashed: number;
}

export interface SoakReport {
  file: string;
  seed: number;
  parallel: number;
  counts: SoakCounts;
  integrity: string;
  foreignKeyViolations: number;
  /** Runs still 'running' or filters still 'training' after the final open (all writers are gone). */
  leftActive: number;
  wallSeconds: number;
  /** One line per lost, inconsistent or unexpected run (hung and crashed ones are unexpected). */
  problems: string[];
  /** Every run as it happened, in the order they ended. */
  observed: Observed[];
  ok: boolean;
}

/** One run as the soak saw it; what the store is checked against. */
export interface Observed {
  plan: PlannedRun;
  happened: Happened;
  exit: CliExit;
  /** The run id the CLI printed (--json), when it got that far. */
  runId: string | null;
  stderr: string;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function classify(exit: CliExit, hung: boolean): Happened {
  if (hung) return 'hung';
  if (exit.signal === 'SIGKILL') return 'killed';
  switch (exit.code) {
    case 0:
      return 'completed';
    case 1:
      return 'failed';
    case 2:
      return 'rejected';
    case 130:
      return 'cancelled';
    default:
      return 'crashed';
  }
}

/** Runs one planned run in its own CLI process, signalling it mid-run when the plan says so. */
async function execute(plan: PlannedRun, file: string, timeoutMs: number): Promise<Observed> {
  const child = spawnCli(['run', '--preset', plan.preset, ...plan.args, '--progress', '--json', '--db', file]);
  if (plan.action === 'cancel' || plan.action === 'kill') {
    // The progress bar is labelled with the run's name and drawn only once the run row exists
    // (and the SIGINT handler is installed): from then on the run is certainly mid-way.
    child
      .waitForOutput(({ stderr }) => stderr.includes(plan.name), timeoutMs)
      .then(async () => {
        await sleep(plan.signalDelayMs);
        child.child.kill(plan.action === 'cancel' ? 'SIGINT' : 'SIGKILL');
      })
      .catch(() => undefined); // it ended first: the exit status says how
  }
  let hung = false;
  const timer = setTimeout(() => {
    hung = true;
    child.child.kill('SIGKILL');
  }, timeoutMs);
  const exit = await child.exited;
  clearTimeout(timer);
  let runId: string | null = null;
  let printed: string | null = null;
  try {
    const doc = JSON.parse(child.stdout()) as { runId?: string; status?: string };
    runId = doc.runId ?? null;
    printed = doc.status ?? null;
  } catch {
    // No JSON: killed, rejected or crashed before printing.
  }
  let happened = classify(exit, hung);
  // A cancel that lands after the run ended on its own (variance-collapse fails fast) can reach
  // the process while Node is tearing down, when its SIGINT handler is gone: it dies by the
  // signal after printing its outcome. The printed outcome is what happened.
  if (happened === 'crashed' && exit.signal === 'SIGINT' && plan.action === 'cancel' && printed !== null) {
    happened = printed === 'completed' ? 'completed' : printed === 'failed' ? 'failed' : printed === 'interrupted' ? 'cancelled' : 'crashed';
  }
  return { plan, happened, exit, runId, stderr: child.stderr() };
}

/**
 * What each action may lead to. A cancelled run may end on its own first (variance-collapse
 * fails when its spread collapses); a killed one never can (the plan gives kills only presets
 * that cannot fail, and far more generations than it can reach). Anything else, such as a
 * refusal (exit 2) of a valid config, is a defect even when the store agrees with it.
 */
const ALLOWED: Record<PlannedRun['action'], readonly Happened[]> = {
  complete: ['completed', 'failed'],
  cancel: ['cancelled', 'failed'],
  kill: ['killed'],
  reject: ['rejected'],
};

const EXPECTED_STATUS: Record<Happened, string | null> = {
  completed: 'completed',
  failed: 'failed',
  cancelled: 'interrupted',
  killed: 'interrupted',
  hung: 'interrupted',
  rejected: null,
  crashed: 'no outcome: the CLI must exit 0, 1, 2 or 130',
};

interface RunRow {
  id: string;
  status: string;
  done: bigint;
  total: bigint;
  rows: bigint;
  min_t: bigint | null;
  max_t: bigint | null;
}

/** Compares the store with what happened; returns lost and inconsistent runs as problem lines. */
export function checkStore(file: string, observed: readonly Observed[]): { lost: string[]; inconsistent: string[]; leftActive: number } {
  const db = openReadOnly(file);
  try {
    const byName = db.prepare<[string], RunRow>(
      `SELECT r.id, r.status, r.generations_done AS done, r.generations_total AS total,
         (SELECT count(*) FROM generations g WHERE g.run_id = r.id) AS rows,
         (SELECT min(t) FROM generations g WHERE g.run_id = r.id) AS min_t,
         (SELECT max(t) FROM generations g WHERE g.run_id = r.id) AS max_t
       FROM runs r WHERE r.name = ?`,
    );
    const lost: string[] = [];
    const inconsistent: string[] = [];
    for (const o of observed) {
      const rows = byName.all(o.plan.name);
      const expected = EXPECTED_STATUS[o.happened];
      const what = `${o.plan.name} (${o.plan.preset}, ${o.plan.action}, ${o.happened})`;
      if (expected === null) {
        if (rows.length > 0) lost.push(`${what}: refused, yet ${rows.length} run row(s) were written`);
        continue;
      }
      if (rows.length !== 1) {
        const said = o.stderr.trim().split(/[\r\n]+/).at(-1);
        lost.push(`${what}: ${rows.length} run rows in the store, expected 1${rows.length === 0 && said ? ` (its last line on stderr: ${said.slice(-300)})` : ''}`);
        continue;
      }
      const [row] = rows;
      if (row.status !== expected) lost.push(`${what}: stored as ${row.status}, expected ${expected}`);
      else if (o.runId !== null && o.runId !== row.id) lost.push(`${what}: the CLI printed run ${o.runId}, the store holds ${row.id}`);
      const done = Number(row.done);
      const prefix = Number(row.rows) === done && (done === 0 ? row.min_t === null : Number(row.min_t) === 0 && Number(row.max_t) === done - 1);
      if (!prefix) inconsistent.push(`${what}: generations_done ${done} but ${row.rows} rows, t from ${row.min_t} to ${row.max_t}`);
      if (row.status === 'completed' && row.done !== row.total) inconsistent.push(`${what}: completed with ${done} of ${row.total} generations`);
    }
    const active = db.prepare<[], { n: bigint }>(
      `SELECT (SELECT count(*) FROM runs WHERE status = 'running') + (SELECT count(*) FROM filters WHERE status = 'training') AS n`,
    );
    return { lost, inconsistent, leftActive: Number(active.get()!.n) };
  } finally {
    db.close();
  }
}

function tally(observed: readonly Observed[], runs: number): Omit<SoakCounts, 'lost' | 'inconsistent' | 'unexpected'> {
  const n = (h: Happened): number => observed.filter((o) => o.happened === h).length;
  return {
    attempted: runs,
    completed: n('completed'),
    interrupted: n('cancelled') + n('killed') + n('hung'),
    cancelled: n('cancelled'),
    killed: n('killed'),
    failed: n('failed'),
    rejected: n('rejected'),
    hung: n('hung'),
    crashed: n('crashed'),
  };
}

/**
 * issue 8, item 7: `runs` CLI runs against one store, `parallel` at a time, some left to finish,
 * some cancelled with SIGINT, some killed with SIGKILL, a few refused; then the store is opened
 * once more (which marks the killed runs interrupted) and checked against what happened.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const timeoutMs = options.perRunTimeoutMs ?? 120_000;
  const file = options.db ?? join(mkdtempSync(join(tmpdir(), 'collapse-lab-soak-')), 'soak.sqlite');
  // A tag in every run's name keeps two soaks on one store apart.
  const tag = `${options.seed}-${Date.now().toString(36)}`;
  const plans = planSoak(options.runs, options.seed, tag);
  const started = Date.now();
  const observed: Observed[] = [];

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < plans.length) {
      const plan = plans[next++];
      observed.push(await execute(plan, file, timeoutMs));
      if (observed.length % 10 === 0 || observed.length === plans.length) {
        const c = tally(observed, observed.length);
        log(`[${String(observed.length).padStart(4)}/${plans.length}] ${((Date.now() - started) / 1000).toFixed(1)} s: completed ${c.completed}, interrupted ${c.interrupted}, failed ${c.failed}, rejected ${c.rejected}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.parallel) }, worker));

  // The next open after the kills: recovery marks the killed runs (and trainings) interrupted.
  openStore(file).close();
  const { lost, inconsistent, leftActive } = checkStore(file, observed);
  const { integrity, foreignKeyViolations } = checkIntegrity(file);
  const unexpected = observed
    .filter((o) => !ALLOWED[o.plan.action].includes(o.happened))
    .map((o) => `${o.plan.name} (${o.plan.preset}, ${o.plan.action}) ${o.happened}: exit ${JSON.stringify(o.exit)}, stderr ${o.stderr.trim().slice(-300)}`);
  const counts: SoakCounts = { ...tally(observed, plans.length), lost: lost.length, inconsistent: inconsistent.length, unexpected: unexpected.length };
  const problems = [...lost, ...inconsistent, ...unexpected];
  return {
    file,
    seed: options.seed,
    parallel: options.parallel,
    counts,
    integrity,
    foreignKeyViolations,
    leftActive,
    wallSeconds: (Date.now() - started) / 1000,
    problems,
    observed,
    ok: problems.length === 0 && integrity === 'ok' && foreignKeyViolations === 0 && leftActive === 0 && observed.length === plans.length,
  };
}

/** The report as the lines `npm run soak` prints. */
export function formatReport(r: SoakReport): string[] {
  const c = r.counts;
  return [
    `soak: ${c.attempted} runs, ${r.parallel} at a time, seed ${r.seed}, store ${r.file}`,
    `wall time ${r.wallSeconds.toFixed(1)} s`,
    `attempted ${c.attempted}  completed ${c.completed}  interrupted ${c.interrupted} (cancelled ${c.cancelled}, killed ${c.killed}${c.hung ? `, hung ${c.hung}` : ''})  failed ${c.failed}  rejected ${c.rejected}${c.crashed ? `  crashed ${c.crashed}` : ''}`,
    `lost ${c.lost}  inconsistent ${c.inconsistent}  unexpected ${c.unexpected}  left running ${r.leftActive}  integrity_check ${r.integrity}  foreign key violations ${r.foreignKeyViolations}`,
    ...r.problems.map((p) => `problem: ${p}`),
    r.ok ? 'soak: ok' : 'soak: FAILED',
  ];
}
