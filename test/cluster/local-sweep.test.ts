import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../main/store';
import { cli, tempDir } from '../cli/cli-driver';
import { generationsOf, summaries, sweepFolder, TINY, type SweepDoc } from './cluster-helpers';

// `sweep --on local`: the job script's tasks as processes here (the same path --on slurm takes),
// each into its own shard, merged into the store; and shards that cannot be merged.
const tmp = tempDir();
afterAll(() => tmp.cleanup());

const GRID = ['--grid', 'data.realWeight=0.2,0.4,0.6'];

describe('sweep --on local', () => {
  const inProcessDb = join(tmp.dir, 'in-process.sqlite');
  const localDb = join(tmp.dir, 'local.sqlite');
  const workdir = join(tmp.dir, 'work');
  let inProcess: SweepDoc;
  let local: SweepDoc;

  it('gives the in-process sweep bit for bit: the same summaries and the same stored generations', async () => {
    const a = await cli(['sweep', ...TINY, ...GRID, '--json', '--db', inProcessDb]);
    expect(a.code, a.stderr).toBe(0);
    inProcess = JSON.parse(a.stdout) as SweepDoc;
    const b = await cli(['sweep', ...TINY, ...GRID, '--json', '--db', localDb, '--on', 'local', '--jobs', '2', '--workdir', workdir]);
    expect(b.code, b.stderr).toBe(0);
    // No terminal and no --progress: nothing on stderr, as for the in-process sweep.
    expect(b.stderr).toBe('');
    local = JSON.parse(b.stdout) as SweepDoc;
    expect(local.status).toBe('completed');
    expect(summaries(local)).toEqual(summaries(inProcess));
    expect(generationsOf(localDb, local)).toEqual(generationsOf(inProcessDb, inProcess));
    // The runs are the shards' own (ids kept), linked to the sweep at their points.
    const runs = await cli(['runs', '--sweep', local.sweepId, '--json', '--db', localDb]);
    expect((JSON.parse(runs.stdout) as { id: string }[]).map((r) => r.id).sort()).toEqual(local.points.map((p) => p.runId).sort());
  });

  it('refuses a corrupt shard and one from a newer schema with one line each, merges the rest, and --resume reruns the two', async () => {
    const folder = sweepFolder(workdir)!;
    // A store that has lost the sweep's runs (as one that never merged them would have): the
    // resume must merge the shards again.
    const del = await cli(['delete', ...local.points.map((p) => p.runId!), '--yes', '--db', localDb]);
    expect(del.code, del.stderr).toBe(0);
    const corrupt = join(folder, 'shards', 'task-0.attempt-0.sqlite');
    const bytes = readFileSync(corrupt);
    bytes.fill(0x5a, 0, 100); // the header: no longer an SQLite file
    writeFileSync(corrupt, bytes);
    const newer = join(folder, 'shards', 'task-1.attempt-0.sqlite');
    const db = new Database(newer);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();

    const r = await cli(['sweep', '--resume', local.sweepId, '--json', '--db', localDb, '--workdir', workdir]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^shard ${corrupt.replaceAll('.', '\\.')} refused: .+; nothing of it was merged$`));
    expect(lines[1]).toMatch(new RegExp(`^shard ${newer.replaceAll('.', '\\.')} refused: .*schema version ${LATEST_SCHEMA_VERSION + 1} is newer.*; nothing of it was merged$`));
    const resumed = JSON.parse(r.stdout) as SweepDoc;
    expect(resumed.status).toBe('completed');
    // Point 2 came from its old shard (same run id); points 0 and 1 were run again, as attempt 1.
    expect(resumed.points[2].runId).toBe(local.points[2].runId);
    expect(resumed.points[0].runId).not.toBe(local.points[0].runId);
    const manifest = JSON.parse(readFileSync(join(folder, 'sweep.json'), 'utf8')) as { submissions: { attempt: number; tasks: number[] }[] };
    expect(manifest.submissions.map((s) => s.tasks)).toEqual([[0, 1, 2], [0, 1]]);
    expect(summaries(resumed)).toEqual(summaries(inProcess));

    // A second resume merges nothing new (identical ids skipped) and submits nothing.
    const again = await cli(['sweep', '--resume', local.sweepId, '--json', '--db', localDb, '--workdir', workdir]);
    expect(again.code, again.stderr).toBe(0);
    expect(summaries(JSON.parse(again.stdout) as SweepDoc)).toEqual(summaries(inProcess));
    expect((JSON.parse(readFileSync(join(folder, 'sweep.json'), 'utf8')) as { submissions: unknown[] }).submissions).toHaveLength(2);
  });

  it('runs chunks of points in one task each (--chunk), one shard per task, with the same numbers', async () => {
    const db = join(tmp.dir, 'chunked.sqlite');
    const work = join(tmp.dir, 'work-chunked');
    const r = await cli(['sweep', ...TINY, ...GRID, '--json', '--db', db, '--on', 'local', '--chunk', '2', '--workdir', work]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as SweepDoc;
    const manifest = JSON.parse(readFileSync(join(sweepFolder(work)!, 'sweep.json'), 'utf8')) as { tasks: number[][] };
    expect(manifest.tasks).toEqual([[0, 1], [2]]);
    expect(summaries(doc)).toEqual(summaries(inProcess));
  });

  it('refuses what cannot start in one line, before anything is written', async () => {
    const bad = await cli(['sweep', ...TINY, ...GRID, '--on', 'moon', '--db', join(tmp.dir, 'x.sqlite')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('collapse-lab: sweep: --on expects slurm or local, got "moon"\n');
    const stray = await cli(['sweep', ...TINY, ...GRID, '--partition', 'short', '--db', join(tmp.dir, 'x.sqlite')]);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toBe('collapse-lab: sweep: --partition applies only with --on slurm|local (docs/cluster.md)\n');
    const none = await cli(['sweep', '--resume', 'zzzzzzzz', '--db', localDb, '--workdir', workdir]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^collapse-lab: no cluster sweep in .*zzzzzzzz \(give the --workdir the sweep was submitted with\)\n$/);
  });
});
