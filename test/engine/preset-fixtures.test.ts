import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../../engine/presets';
import { cli, REPO_ROOT, tempDir } from '../cli/cli-driver';

// Behaviour pinned across refactors (issue 14): every preset's export document at a small size,
// recorded once as a fixture, must come back bit for bit (JSON writes a double's shortest
// round-trip form, so equal text is equal bits). Identity and timestamps are left out: they
// differ on every run by design. Run with UPDATE_PRESET_FIXTURES=1 to re-record, only when a
// change of numbers is intended and said in its commit.

const FIXTURES = join(REPO_ROOT, 'test/fixtures/preset-exports');
const SMALL = ['--set', 'replicates=6', '--set', 'generations=4'];
const update = process.env.UPDATE_PRESET_FIXTURES === '1';
const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** The export without what identifies this particular run (id, creation time, version string). */
function comparable(exported: string): unknown {
  const doc = JSON.parse(exported) as { run: Record<string, unknown> & { engine?: Record<string, unknown> } };
  delete doc.run.id;
  delete doc.run.createdAt;
  delete doc.run.startedAt;
  delete doc.run.finishedAt;
  delete doc.run.durationMs;
  if (doc.run.engine) delete doc.run.engine.version;
  return doc;
}

describe('every preset exports the numbers it exported before', () => {
  for (const preset of PRESETS) {
    it(preset.name, async () => {
      const db = join(tmp.dir, `${preset.name}.db`);
      const run = await cli(['run', '--preset', preset.name, ...SMALL, '--threads', '1', '--json', '--db', db]);
      expect(run.code, run.stderr).toBe(0);
      const { runId } = JSON.parse(run.stdout) as { runId: string };
      const exported = await cli(['export', runId, '--db', db]);
      expect(exported.code, exported.stderr).toBe(0);
      const text = `${JSON.stringify(comparable(exported.stdout), null, 2)}\n`;
      const file = join(FIXTURES, `${preset.name}.json`);
      if (update) {
        mkdirSync(FIXTURES, { recursive: true });
        writeFileSync(file, text);
      }
      expect(existsSync(file), `no fixture for ${preset.name}: record it with UPDATE_PRESET_FIXTURES=1`).toBe(true);
      expect(text).toBe(readFileSync(file, 'utf8'));
    }, 300_000); // a hang guard: mnist-kernel-ridge alone takes ~30 s here, several times that on a shared machine
  }
});
