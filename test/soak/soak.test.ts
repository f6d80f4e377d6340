import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../cli/cli-driver';
import { checkStore, runSoak, type SoakReport } from './soak-runner';

// issue 8, item 7, kept honest in CI: the soak that `npm run soak` runs 200 times, here with 8
// runs (one block of five has a completed, cancelled and killed run each; run 7 is refused).

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('the soak, short', () => {
  let report: SoakReport;

  it('runs 8 mixed CLI runs on one store and loses none', async () => {
    report = await runSoak({ runs: 8, seed: 1, parallel: 2, db: join(tmp.dir, 'soak.sqlite') });
    expect(report.problems).toEqual([]);
    const c = report.counts;
    expect(c.attempted).toBe(8);
    expect(c.completed + c.interrupted + c.failed + c.rejected).toBe(8);
    expect(c.cancelled).toBeGreaterThanOrEqual(1);
    expect(c.killed).toBeGreaterThanOrEqual(1);
    expect(c.rejected).toBe(1);
    expect(c.completed + c.failed).toBeGreaterThanOrEqual(1);
    expect({ lost: c.lost, inconsistent: c.inconsistent, unexpected: c.unexpected, hung: c.hung, crashed: c.crashed }).toEqual({ lost: 0, inconsistent: 0, unexpected: 0, hung: 0, crashed: 0 });
    expect({ integrity: report.integrity, fk: report.foreignKeyViolations, active: report.leftActive }).toEqual({ integrity: 'ok', fk: 0, active: 0 });
    expect(report.ok).toBe(true);
  });

  it('would notice a lost run, a wrong status and a gap in the generations', () => {
    const copy = join(tmp.dir, 'tampered.sqlite');
    copyFileSync(report.file, copy);
    if (existsSync(`${report.file}-wal`)) copyFileSync(`${report.file}-wal`, `${copy}-wal`);
    const runOf = (happened: string) => report.observed.find((o) => o.happened === happened)!;
    const killed = runOf('killed');
    const stored = report.observed.filter((o) => o.happened === 'completed' || o.happened === 'failed' || o.happened === 'cancelled');
    expect(stored.length).toBeGreaterThanOrEqual(2);

    const db = new Database(copy);
    const idOf = (name: string): string => db.prepare<[string], { id: string }>('SELECT id FROM runs WHERE name = ?').get(name)!.id;
    db.prepare("UPDATE runs SET status = 'failed' WHERE id = ?").run(idOf(killed.plan.name));
    db.prepare('DELETE FROM runs WHERE id = ?').run(idOf(stored[0].plan.name));
    // A gap: the last generation row of a run that stored at least one, with its count left as it was.
    const gapped = db
      .prepare<[string], { id: string; name: string }>('SELECT id, name FROM runs WHERE generations_done > 0 AND id != ? ORDER BY name LIMIT 1')
      .get(idOf(killed.plan.name))!;
    db.prepare('DELETE FROM generations WHERE run_id = ? AND t = (SELECT max(t) FROM generations WHERE run_id = ?)').run(gapped.id, gapped.id);
    db.close();

    const found = checkStore(copy, report.observed);
    expect(found.lost).toHaveLength(2);
    expect(found.lost).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${stored[0].plan.name} .*: 0 run rows in the store, expected 1( \\(.*\\))?$`)),
        expect.stringMatching(new RegExp(`^${killed.plan.name} .*: stored as failed, expected interrupted$`)),
      ]),
    );
    expect(found.inconsistent.some((line) => line.startsWith(`${gapped.name} `))).toBe(true);
  });
});
