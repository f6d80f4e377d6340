/**
 * `tag` and `note` (issue 18, item 5) through the command: they write through the checked
 * runs:tag and runs:note handlers, `runs --json` lists what they wrote, and every refusal is
 * one line with exit 2 and nothing changed.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir, type CliResult } from './cli-driver';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const db = join(tmp.dir, 'annotate.sqlite');
let id = '';

function refused(r: CliResult, line: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr.trimEnd()).toMatch(line);
}

async function listed(): Promise<{ id: string; note: string | null; tags: string[] }> {
  const r = await cli(['runs', '--json', '--db', db]);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { id: string; note: string | null; tags: string[] }[]).find((x) => x.id === id)!;
}

beforeAll(async () => {
  const r = await cli(['run', '--preset', 'xu-fixed-n', '--set', 'replicates=4', '--set', 'generations=2', '--json', '--db', db]);
  expect(r.code, r.stderr).toBe(0);
  id = (JSON.parse(r.stdout) as { runId: string }).runId;
});

describe('tag', () => {
  it('adds tags at the end, skips those already there, takes them off with --remove', async () => {
    expect(await listed()).toMatchObject({ note: null, tags: [] });
    const added = await cli(['tag', id, 'baseline', 'fig-2', '--db', db]);
    expect(added.stdout).toBe(`run ${id}: baseline fig-2\n`);
    const again = await cli(['tag', id, 'fig-2', 'seed-7', '--json', '--db', db]);
    expect(JSON.parse(again.stdout)).toEqual({ id, tags: ['baseline', 'fig-2', 'seed-7'] });
    const removed = await cli(['tag', id, 'baseline', 'absent', '--remove', '--json', '--db', db]);
    expect(JSON.parse(removed.stdout)).toEqual({ id, tags: ['fig-2', 'seed-7'] });
    expect((await listed()).tags).toEqual(['fig-2', 'seed-7']);
  });

  it('refuses a tag with a space, an unknown run and a missing name, changing nothing', async () => {
    refused(await cli(['tag', id, 'ok', 'two words', '--db', db]), /^collapse-lab: tag: add\[1\]: expected a tag name \(a tag cannot contain whitespace/);
    refused(await cli(['tag', 'nothere', 'x', '--db', db]), /^collapse-lab: tag: no run 'nothere' \(see `runs`\)$/);
    refused(await cli(['tag', id, '--db', db]), /^collapse-lab: tag: give a RUN_ID and at least one tag NAME to add$/);
    refused(await cli(['tag', id, 'x', '--db', join(tmp.dir, 'absent.sqlite')]), /absent\.sqlite/);
    expect((await listed()).tags).toEqual(['fig-2', 'seed-7']);
  });
});

describe('note', () => {
  it('sets the note as given (Markdown, HTML and all, stored as text) and clears it', async () => {
    const text = 'Diverges after *t = 40*.\n\n<script>alert(1)</script> ünïcode';
    const set = await cli(['note', id, text, '--json', '--db', db]);
    expect(JSON.parse(set.stdout)).toEqual({ id, note: text });
    expect((await listed()).note).toBe(text);
    const cleared = await cli(['note', id, '--clear', '--db', db]);
    expect(cleared.stdout).toBe(`run ${id}: no note\n`);
    expect((await listed()).note).toBeNull();
    // An empty TEXT is no note too.
    await cli(['note', id, 'again', '--db', db]);
    expect(JSON.parse((await cli(['note', id, '', '--json', '--db', db])).stdout)).toEqual({ id, note: null });
  });

  it('refuses TEXT with --clear, two TEXTs, no TEXT, and a note over the limit', async () => {
    refused(await cli(['note', id, 'x', '--clear', '--db', db]), /^collapse-lab: note: --clear takes no TEXT$/);
    refused(await cli(['note', id, 'a', 'b', '--db', db]), /^collapse-lab: note: give the TEXT as one argument \(quote it\)$/);
    refused(await cli(['note', id, '--db', db]), /^collapse-lab: note: give the TEXT \(or --clear to remove the note\)$/);
    refused(await cli(['note', id, 'x'.repeat(20_001), '--db', db]), /^collapse-lab: note: note: expected a shorter note \(a note has at most 20000 characters \(got 20001\)\)/);
    expect((await listed()).note).toBeNull();
  });
});
