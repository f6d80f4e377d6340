import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/run-cli';
import type { CliIo } from '../../main/cli/io';
import { openStore } from '../../main/store';
import { cli, npmCli, REPO_ROOT, tempDir, type CliResult } from './cli-driver';

// Issue 13 ("what a new user tripped on"), items 4-7 and 9 through the command itself: delete,
// label-sets, the runs filters, unknown options and commands, per-command help, read-only
// commands on a store that is not there, and the run summary.

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const SMALL = ['--set', 'replicates=4', '--set', 'generations=2'];

function oneLine(r: CliResult, line: string | RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  if (typeof line === 'string') expect(lines[0]).toBe(`collapse-lab: ${line}`);
  else expect(lines[0]).toMatch(line);
}

async function runId(db: string, ...args: string[]): Promise<string> {
  const r = await cli(['run', ...args, ...SMALL, '--json', '--db', db]);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { runId: string }).runId;
}

async function listedIds(db: string, ...filters: string[]): Promise<string[]> {
  const r = await cli(['runs', ...filters, '--json', '--db', db]);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { id: string }[]).map((x) => x.id);
}

/** runCli with a terminal on stdin whose person answers `answer`; the question is recorded. */
async function onTerminal(args: string[], answer: string | null): Promise<CliResult & { asked: string[] }> {
  let stdout = '';
  let stderr = '';
  const asked: string[] = [];
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stderrIsTTY: false,
    env: {},
    cwd: REPO_ROOT,
    stdinIsTTY: true,
    ask: async (question) => {
      asked.push(question);
      return answer;
    },
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr, asked };
}

describe('delete RUN_ID...', () => {
  const db = join(tmp.dir, 'delete.sqlite');
  let ids: string[] = [];
  let sweepId = '';
  let sweepRuns: string[] = [];
  beforeAll(async () => {
    ids = [await runId(db, '--preset', 'xu-fixed-n'), await runId(db, '--preset', 'xu-fixed-n'), await runId(db, '--preset', 'oracle-ball')];
    const s = await cli(['sweep', '--preset', 'xu-fixed-n', ...SMALL, '--grid', 'seed=1,2', '--json', '--db', db]);
    expect(s.code, s.stderr).toBe(0);
    const sweep = JSON.parse(s.stdout) as { sweepId: string; points: { runId: string }[] };
    sweepId = sweep.sweepId;
    sweepRuns = sweep.points.map((p) => p.runId);
  });

  it('without --yes and without a terminal: one line saying to pass --yes, nothing deleted', async () => {
    oneLine(await cli(['delete', ids[0], '--db', db]), `delete: stdin is not a terminal, so nothing was asked and nothing deleted; pass --yes to delete run ${ids[0]}`);
    expect(await listedIds(db)).toContain(ids[0]);
  });

  it('an unknown id among known ones: one line naming it, nothing deleted', async () => {
    oneLine(await cli(['delete', ids[0], 'zzzzzzzz', '--yes', '--db', db]), `delete: no run 'zzzzzzzz' in ${db} (see \`runs\`); nothing was deleted`);
    expect(await listedIds(db)).toContain(ids[0]);
  });

  it('a running run: one line naming it, nothing deleted', async () => {
    // A run this (live) process owns stays running when the CLI opens the store.
    const store = openStore(db);
    const running = store.createRun({ name: 'live', preset: null, config: store.getRun(ids[0])!.config, seed: 1, engineVersion: '0.1.0', backend: 'js', generationsTotal: 3 });
    store.close();
    oneLine(
      await cli(['delete', ids[0], running.id, '--yes', '--db', db]),
      `delete: run '${running.id}' is still running (another process is writing it); stop it first; nothing was deleted`,
    );
    expect(await listedIds(db)).toEqual(expect.arrayContaining([ids[0], running.id]));
  });

  it('on a terminal: lists the runs and asks; anything but yes deletes nothing (exit 2)', async () => {
    const r = await onTerminal(['delete', ids[0], ids[1], '--db', db], 'n');
    expect(r.code).toBe(2);
    expect(r.asked).toEqual([`delete these 2 runs from ${db}? [y/N] `]);
    expect(r.stderr).toContain(`  run ${ids[0]} "xu-fixed-n" (completed, 3 generations)\n`);
    expect(r.stderr).toMatch(/nothing deleted\n$/);
    expect(await listedIds(db)).toEqual(expect.arrayContaining([ids[0], ids[1]]));
    const closed = await onTerminal(['delete', ids[0], '--db', db], null); // Ctrl-D / Ctrl-C
    expect(closed.code).toBe(2);
    expect(await listedIds(db)).toContain(ids[0]);
  });

  it('on a terminal, answered yes: deletes them with their generations', async () => {
    const r = await onTerminal(['delete', ids[0], ids[1], '--db', db], 'yes');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`deleted run ${ids[0]} "xu-fixed-n" (completed, 3 generations)\ndeleted run ${ids[1]} "xu-fixed-n" (completed, 3 generations)\n`);
    const left = await listedIds(db);
    expect(left).not.toContain(ids[0]);
    expect(left).not.toContain(ids[1]);
    expect(left).toContain(ids[2]);
    oneLine(await cli(['export', ids[0], '--db', db]), `export: no run '${ids[0]}' in ${db}`);
  });

  it("a sweep's run with --yes: the sweep stays, that point no longer counted", async () => {
    const r = await cli(['delete', sweepRuns[1], '--yes', '--json', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { store: string; deleted: { id: string; sweepId: string; sweepPoint: unknown; generations: number }[] };
    expect(out).toEqual({ store: db, deleted: [{ id: sweepRuns[1], name: 'xu-fixed-n [seed=2]', status: 'completed', generations: 3, sweepId, sweepPoint: { seed: 2 } }] });
    const sweeps = JSON.parse((await cli(['sweeps', '--json', '--db', db])).stdout) as { id: string; runs: number; points: number; status: string }[];
    expect(sweeps).toEqual([expect.objectContaining({ id: sweepId, runs: 1, points: 2, status: 'completed' })]);
    expect(await listedIds(db, '--sweep', sweepId)).toEqual([sweepRuns[0]]);
    const text = await cli(['delete', sweepRuns[0], '--yes', '--db', db]);
    expect(text.stdout).toBe(`deleted run ${sweepRuns[0]} "xu-fixed-n [seed=1]" (completed, 3 generations); sweep ${sweepId} now shows its point seed=1 as not run\n`);
  });

  it('no id: one line', async () => {
    oneLine(await cli(['delete', '--yes', '--db', db]), 'delete: give the RUN_ID of each run to delete (see `runs`)');
  });

  it('as a real process with stdin not a terminal, --yes is required', async () => {
    const r = await npmCli(['delete', ids[2], '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`collapse-lab: delete: stdin is not a terminal, so nothing was asked and nothing deleted; pass --yes to delete run ${ids[2]}`);
    expect(await listedIds(db)).toContain(ids[2]);
  });
});

describe('runs --preset --status --sweep --limit', () => {
  const db = join(tmp.dir, 'filters.sqlite');
  let fixed: string[] = [];
  let oracle = '';
  let failed = '';
  beforeAll(async () => {
    fixed = [await runId(db, '--preset', 'xu-fixed-n'), await runId(db, '--preset', 'xu-fixed-n')];
    oracle = await runId(db, '--preset', 'oracle-ball');
    // A filter.id the store does not hold fails before any row; a neural run with a filter
    // that cannot train is heavy. Mark one run failed directly instead.
    failed = await runId(db, '--preset', 'oracle-ball');
    const store = openStore(db);
    store.connection.prepare("UPDATE runs SET status = 'failed' WHERE id = ?").run(failed);
    store.close();
  });

  it('narrows the list, newest first, by each filter and by several together', async () => {
    expect(await listedIds(db, '--preset', 'xu-fixed-n')).toEqual([fixed[1], fixed[0]]);
    expect(await listedIds(db, '--status', 'failed')).toEqual([failed]);
    expect(await listedIds(db, '--preset', 'oracle-ball', '--status', 'completed')).toEqual([oracle]);
    expect(await listedIds(db, '--limit', '2')).toEqual([failed, oracle]);
    const text = await cli(['runs', '--status', 'interrupted', '--db', db]);
    expect(text.stdout).toBe(`no runs with status interrupted in ${db}\n`);
  });

  it('refuses a bad value in one line naming the option', async () => {
    oneLine(await cli(['runs', '--status', 'done', '--db', db]), 'status: expected one of running, completed, failed, interrupted, got "done"');
    oneLine(await cli(['runs', '--limit', 'ten', '--db', db]), 'limit: expected a positive integer, got "ten"');
    oneLine(await cli(['runs', '--limit', '0', '--db', db]), 'limit: expected a positive integer, got "0"');
    oneLine(await cli(['runs', '--sweep', 'zzzzzzzz', '--db', db]), `sweep: no sweep 'zzzzzzzz' in ${db} (see \`sweeps\`)`);
    oneLine(await cli(['runs', '--preset', 'xu-fixed', '--db', db]), /^collapse-lab: preset: unknown preset 'xu-fixed' \(did you mean xu-fixed-n\?\) \(known: /);
  });
});

describe('unknown options and commands: one line naming them, with the likeliest meaning, exit 2', () => {
  const db = join(tmp.dir, 'never-created-by-options.sqlite');
  const CASES: [string[], string][] = [
    [['runs', '--prest', 'x'], 'unknown option --prest for runs; did you mean --preset?'],
    [['rnu'], "unknown command 'rnu'; did you mean 'run'?"],
    [['lable-sets'], "unknown command 'lable-sets'; did you mean 'label-sets'?"],
    [['run', '--preset', 'xu-fixed-n', '--grid', 'seed=1,2'], 'unknown option --grid for run; --grid is an option of sweep only'],
    [['label', '--machine', '--labels', 'x'], 'unknown option --labels for label; did you mean --labeler? (--labels is an option of train-filter only)'],
    [['presets', '--zzz'], 'unknown option --zzz for presets (see `presets --help`)'],
    [['runs', '-x'], 'unknown option -x for runs (see `runs --help`)'],
    [['run', '--preset'], 'option --preset for run needs a value (--preset NAME)'],
    [['run', '--preset', '--json'], 'option --preset for run needs a value (--preset NAME)'],
    [['runs', '--json=yes'], 'option --json for runs takes no value, got --json=yes'],
    [['runs', '--limit', '1', '--limit', '2'], 'option --limit for runs given twice; give it once'],
    [['runs', 'extra'], 'runs: unexpected argument "extra"'],
  ];
  for (const [args, line] of CASES) {
    it(args.join(' '), async () => {
      oneLine(await cli([...args, '--db', db]), line);
      expect(existsSync(db)).toBe(false);
    });
  }
});

describe('COMMAND --help: that command alone, its options and an example', () => {
  it('runs --help lists its own options and none of the others', async () => {
    const r = await cli(['runs', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^runs: list stored runs, newest first\n\nUsage\n  npm run --silent cli -- runs \[--preset NAME\]/);
    for (const option of ['--preset NAME', '--status STATUS', '--sweep SWEEP_ID', '--limit N', '--json', '--db FILE', '-h, --help']) expect(r.stdout).toContain(`  ${option}`);
    expect(r.stdout).toContain('only runs in this status: running, completed, failed, interrupted');
    expect(r.stdout).not.toContain('--grid');
    expect(r.stdout).toMatch(/\nExample\n  npm run --silent cli -- runs --status failed --limit 5\n$/);
  });

  it('every command has its own help, with an example; help COMMAND is the same text', async () => {
    for (const command of ['run', 'sweep', 'export', 'import', 'runs', 'delete', 'sweeps', 'presets', 'label', 'label-sets', 'train-filter', 'filters', 'doctor', 'serve']) {
      const r = await cli([command, '-h']);
      expect(r.code, command).toBe(0);
      expect(r.stdout.startsWith(`${command}: `), command).toBe(true);
      expect(r.stdout, command).toContain(`\nExample\n  npm run --silent cli -- ${command}`);
      expect((await cli(['help', command])).stdout, command).toBe(r.stdout);
    }
    expect((await cli(['delete', '--help'])).stdout).toContain('the sweep shows that\npoint as not run');
  });

  it('--help alone is still the global help, which lists the new commands', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Collapse Lab: /);
    expect(r.stdout).toContain('  delete RUN_ID... [--yes]');
    expect(r.stdout).toContain('  label-sets                          list label sets');
    expect(r.stdout).toContain('[--preset NAME] [--status STATUS] [--sweep SWEEP_ID] [--limit N]');
  });
});

describe('read-only commands on a store that is not there', () => {
  const missing = join(tmp.dir, 'no', 'such', 'dir', 'x.sqlite');
  const CASES = [['runs'], ['sweeps'], ['filters'], ['label-sets'], ['export', 'abcdefgh'], ['export', '--bundle', join(tmp.dir, 'b.json')], ['delete', 'abcdefgh', '--yes']];
  for (const args of CASES) {
    it(`${args[0]}${args[1] === '--bundle' ? ' --bundle' : ''}: "no store at", exit 2, nothing created`, async () => {
      oneLine(await cli([...args, '--db', missing]), `no store at ${missing}`);
      expect(existsSync(join(tmp.dir, 'no'))).toBe(false);
      expect(existsSync(join(tmp.dir, 'b.json'))).toBe(false);
    });
  }

  it('commands that write still create it (and its folders)', async () => {
    const fresh = join(tmp.dir, 'new', 'folder', 'x.sqlite');
    await runId(fresh, '--preset', 'xu-fixed-n');
    expect(existsSync(fresh)).toBe(true);
  });

  it("the desktop app's default store, not created yet on a fresh machine: empty lists, nothing created", async () => {
    const home = join(tmp.dir, 'fresh-home');
    mkdirSync(home);
    const file = join(home, 'Collapse Lab', 'collapse-lab.sqlite');
    const run = async (args: string[]): Promise<CliResult> => {
      let stdout = '';
      let stderr = '';
      // Linux: the default store lives under $XDG_CONFIG_HOME (store/default-path.ts).
      const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTTY: false, env: { XDG_CONFIG_HOME: home }, cwd: REPO_ROOT });
      return { code, stdout, stderr };
    };
    if (process.platform !== 'linux') return; // the path above is Linux's
    expect(await run(['runs'])).toEqual({ code: 0, stdout: `no runs in ${file} yet: try \`npm run cli -- run --preset xu-fixed-n\`\n`, stderr: '' });
    expect(await run(['runs', '--json', '--status', 'failed'])).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
    expect(await run(['sweeps', '--json'])).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
    expect(await run(['label-sets'])).toEqual({ code: 0, stdout: `no label sets in ${file} yet: try \`npm run cli -- label --machine\`\n`, stderr: '' });
    expect((await run(['runs', '--status', 'done'])).code).toBe(2);
    expect(await run(['export', 'abcdefgh'])).toEqual({ code: 2, stdout: '', stderr: `collapse-lab: no store at ${file}\n` });
    expect(existsSync(join(home, 'Collapse Lab'))).toBe(false);
  });
});

describe('label-sets', () => {
  const db = join(tmp.dir, 'labels.sqlite');
  it('lists label sets newest first with labeller, source and size; --json for scripts', async () => {
    expect((await cli(['label-sets', '--db', db])).code).toBe(2); // no store yet
    const machine = await cli(['label', '--machine', '--set', 'filter.labels.generations=3', '--set', 'filter.labels.candidates=40', '--json', '--db', db]);
    expect(machine.code, machine.stderr).toBe(0);
    const human = await cli(['label', '--labeler', 'alice', '--set', 'filter.labels.generations=2', '--set', 'filter.labels.candidates=10', '--name', 'for alice', '--json', '--db', db]);
    expect(human.code, human.stderr).toBe(0);
    const [m, h] = [machine, human].map((r) => (JSON.parse(r.stdout) as { labelSetId: string }).labelSetId);

    const text = await cli(['label-sets', '--db', db]);
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id +labeller +source +generations x candidates +labelled +created \(UTC\) +name$/);
    expect(lines[1]).toMatch(new RegExp(`^${h} +alice \\(person\\) +gaussian d=2 +2 x 10 +0/20 \\(0 good\\) +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +for alice$`));
    expect(lines[2]).toMatch(new RegExp(`^${m} +machine rule \\(contamination 0\\.3\\) +gaussian d=2 +3 x 40 +120/120 \\(\\d+ good\\) +`));

    const json = JSON.parse((await cli(['label-sets', '--json', '--db', db])).stdout) as { id: string; kind: string; labeler: string; counts: { groups: number; candidates: number } }[];
    expect(json.map((s) => [s.id, s.kind, s.labeler, s.counts.groups, s.counts.candidates])).toEqual([
      [h, 'human', 'alice', 2, 20],
      [m, 'machine', 'machine rule (contamination 0.3)', 3, 120],
    ]);
  });
});

describe('the summary after `run`', () => {
  const db = join(tmp.dir, 'summary.sqlite');
  it('prints the MSE beside its theory, and "1 generation" for one', async () => {
    const r = await cli(['run', '--preset', 'xu-fixed-n', '--set', 'replicates=50', '--set', 'generations=0', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const [head, error, mse] = r.stdout.trimEnd().split('\n');
    expect(head).toMatch(new RegExp(`^run [0-9a-z]{8} completed: 1 generation stored in ${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    expect(error).toMatch(/^final error \(t = 0\): mean \S+, rms \S+, median \S+$/);
    // Random walk theory at t = 0 (experiments.md 1): d sigma^2 / n = 2 / 100.
    expect(mse).toMatch(/^MSE \S+, theory 0\.02000$/);
    // The MSE is rms^2; both printed to 4 digits, so they agree to about 1e-3 relative.
    const rms = Number(/rms (\S+),/.exec(error)![1]);
    expect(Number(/^MSE (\S+),/.exec(mse)![1]) / (rms * rms)).toBeCloseTo(1, 2);
  });

  it('for regression, the test error beside its theory too', async () => {
    const r = await cli(['run', '--preset', 'ridge-collapse', ...SMALL, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\nMSE \S+, theory \S+\ntest error \S+, theory \S+\n$/);
    expect(r.stdout).toContain(': 3 generations stored');
  });
});
