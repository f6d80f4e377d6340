import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/run-cli';
import { REPO_ROOT, tempDir } from './cli-driver';

/**
 * `serve` in this process, on a stand-in UI folder: stopped (as by Ctrl-C) as soon as it has
 * printed its URL, then its whole output is returned.
 */
async function serveOnce(extra: readonly string[]): Promise<{ code: number; stdout: string; stderr: string; page: string }> {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>stand-in UI</title>');
  const env: NodeJS.ProcessEnv = { ...process.env, COLLAPSE_LAB_RENDERER_DIR: dir, COLLAPSE_LAB_TOKEN: 'tok-serve-cli-test' };
  delete env.COLLAPSE_LAB_DB;
  const controller = new AbortController();
  let stdout = '';
  let stderr = '';
  let page = '';
  let listening!: () => void;
  const printed = new Promise<void>((resolve) => (listening = resolve));
  const done = runCli(['serve', '--port', '0', '--db', join(dir, 'store.sqlite'), ...extra], {
    stdout: (t) => {
      stdout += t;
      if (stdout.includes('\n')) listening();
    },
    stderr: (t) => (stderr += t),
    stderrIsTTY: false,
    env,
    cwd: REPO_ROOT,
    signal: controller.signal,
  });
  await Promise.race([printed, done]);
  // The URL printed is the one that serves the UI.
  const line = stdout.split('\n')[0];
  const url = extra.includes('--json') ? (JSON.parse(line) as { url: string }).url : line;
  page = await (await fetch(url)).text();
  controller.abort();
  return { code: await done, stdout, stderr, page };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe('serve prints its URL once', () => {
  it('on stdout; the stderr banner tells the rest without repeating it', async () => {
    const { code, stdout, stderr, page } = await serveOnce([]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=tok-serve-cli-test$/);
    expect(page).toContain('stand-in UI');
    // Neither the URL nor its token appears a second time, anywhere.
    expect(stderr).not.toContain('http://');
    expect(stderr).not.toContain('tok-serve-cli-test');
    expect(`${stdout}${stderr}`.split(lines[0]).length - 1).toBe(1);
    const port = new URL(lines[0]).port;
    expect(stderr).toContain(`Collapse Lab browser mode on 127.0.0.1 port ${port}: open the URL printed above`);
    expect(stderr).toMatch(/\nstore .*store\.sqlite\n/);
    expect(stderr).toContain('Ctrl-C stops');
  });

  it('with --json: one JSON line on stdout (what test/e2e/serve.ts reads), nothing on stderr', async () => {
    const { code, stdout, stderr, page } = await serveOnce(['--json']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const info = JSON.parse(lines[0]) as { url: string; port: number; store: string };
    expect(info.url).toBe(`http://127.0.0.1:${info.port}/?token=tok-serve-cli-test`);
    expect(info.store).toMatch(/store\.sqlite$/);
    expect(page).toContain('stand-in UI');
    expect(stderr).toBe('');
  });
});
