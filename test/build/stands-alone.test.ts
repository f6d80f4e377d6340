/**
 * The repository stands alone: a fresh clone with nothing beside it installs, starts and passes
 * its tests. So no file may read, import or link anything outside the repository: no path into
 * a sibling folder, no relative import or file path that climbs above the root, no Markdown link
 * to a file that is not in the repository.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
/** Built from parts so that this file does not match its own check. */
const SIBLING = ['..', 'shared'].join('/');

/** Every file git would commit: tracked ones and new ones that are not ignored. */
function repositoryFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' });
  return out.split('\0').filter((f) => f && existsSync(join(ROOT, f)));
}

const TEXT = new Set(['.ts', '.tsx', '.mjs', '.cjs', '.js', '.json', '.md', '.html', '.css', '.yml', '.yaml', '.py', '']);
const CODE = new Set(['.ts', '.tsx', '.mjs', '.cjs', '.js', '.py']);

const files = repositoryFiles().filter((f) => TEXT.has(extname(f)) && f !== 'package-lock.json');
const read = (f: string): string => readFileSync(join(ROOT, f), 'utf8');
const inside = (abs: string): boolean => abs === ROOT || abs.startsWith(ROOT + sep);
const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length;

describe('the repository stands alone', () => {
  it('lists its files (the check below has something to check)', () => {
    expect(files.length).toBeGreaterThan(300);
    expect(files).toContain('README.md');
  });

  it(`no file names the reference folder beside the repository (${SIBLING})`, () => {
    const hits = files.flatMap((f) => {
      const text = read(f);
      const at = text.indexOf(SIBLING);
      return at < 0 ? [] : [`${f}:${lineOf(text, at)}`];
    });
    expect(hits).toEqual([]);
  });

  it('no relative path in code climbs out of the repository', () => {
    const hits: string[] = [];
    for (const f of files.filter((name) => CODE.has(extname(name)))) {
      const text = read(f);
      // Every string literal that starts with ../ is a path relative to the file (imports,
      // new URL(..., import.meta.url), resolve(import.meta.dirname, ...)).
      for (const m of text.matchAll(/(['"`])(\.\.\/[^'"`\s]*)\1/g)) {
        if (!inside(resolve(ROOT, dirname(f), m[2]!))) hits.push(`${f}:${lineOf(text, m.index)} ${m[2]}`);
      }
    }
    expect(hits).toEqual([]);
  });

  it('every relative Markdown link points at a file in the repository', () => {
    const hits: string[] = [];
    for (const f of files.filter((name) => extname(name) === '.md')) {
      const text = read(f);
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!.split('#')[0]!;
        if (!target || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // an anchor, or https:, mailto:
        const abs = resolve(ROOT, dirname(f), decodeURI(target));
        if (!inside(abs) || !existsSync(abs)) hits.push(`${f}:${lineOf(text, m.index)} ${m[1]} -> ${relative(ROOT, abs)}`);
      }
    }
    expect(hits).toEqual([]);
  });

  it('carries its own documentation, which the README links', () => {
    for (const page of ['docs/README.md', 'docs/experiments.md', 'docs/cli.md', 'docs/architecture.md', 'docs/training-backends.md', 'docs/desktop.md']) {
      expect(existsSync(join(ROOT, page)), page).toBe(true);
      expect(read('README.md')).toContain(`](${page})`);
    }
  });
});
