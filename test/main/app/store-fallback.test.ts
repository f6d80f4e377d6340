import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { STORE_FALLBACK_CHOICES, stepForResponse, storeFallbackPrompt, storeFileFromPicker } from '../../../main/app/store-fallback';
import { openStore, StoreError } from '../../../main/store';

// The desktop app's answer to a store it cannot open (issue 8, item 2): a dialog that names the
// file and the cause and offers another store, a new one, or Quit, instead of crashing. The
// errors below are the real ones openStore throws for each kind of bad file.

const dir = mkdtempSync(join(tmpdir(), 'collapse-lab-fallback-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The StoreError openStore really throws for `file`. */
function openError(file: string): StoreError {
  try {
    openStore(file).close();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error(`expected ${file} to be refused`);
}

function notSqlite(): string {
  const file = join(dir, 'notes.txt');
  writeFileSync(file, 'not a store\n'.repeat(100));
  return file;
}

function tooNew(): string {
  const file = join(dir, 'future.sqlite');
  const db = new Database(file);
  db.pragma('user_version = 99');
  db.close();
  return file;
}

describe('storeFallbackPrompt', () => {
  it('names the problem, then gives the store\'s own line (file and cause) and the three ways on', () => {
    const file = notSqlite();
    const error = openError(file);
    const prompt = storeFallbackPrompt(error, file);
    expect(prompt.message).toBe('This file is not a Collapse Lab store');
    expect(prompt.detail).toBe(
      `${file}: not a Collapse Lab store (the file is not an SQLite database)\n\nNothing in notes.txt has been changed. You can open another store, create a new one (it starts empty), or quit.`,
    );
    expect(prompt.buttons).toEqual(['Open another store...', 'Create a new store...', 'Quit']);
    expect(prompt.buttons[prompt.defaultId]).toBe('Open another store...');
    // Escape / closing the box quits: nothing is opened or created that was not chosen.
    expect(prompt.buttons[prompt.cancelId]).toBe('Quit');
    expect(prompt.type).toBe('error');
  });

  it('has a headline for each way a store can be refused, and a general one for the rest', () => {
    const headline = (code: StoreError['code']) => storeFallbackPrompt(new StoreError(code, '/s/runs.sqlite', 'detail'), '/s/runs.sqlite').message;
    expect(headline('STORE_CORRUPT')).toBe('The store is damaged');
    expect(headline('STORE_NOT_SQLITE')).toBe('This file is not a Collapse Lab store');
    expect(headline('STORE_TOO_NEW')).toBe('This store was written by a newer Collapse Lab');
    expect(headline('STORE_READONLY')).toBe('The store cannot be written');
    expect(headline('STORE_FULL')).toBe('The disk holding the store is full');
    expect(headline('STORE_OPEN_FAILED')).toBe('Collapse Lab cannot open its store');
    const file = tooNew();
    expect(storeFallbackPrompt(openError(file), file).message).toBe('This store was written by a newer Collapse Lab');
  });

  it('never shows a stack trace, even for an error that is not a StoreError', () => {
    const unexpected = new Error('native module failed to load\n    at Module._load (node:internal/modules/cjs/loader:1104:12)');
    const prompt = storeFallbackPrompt(unexpected, '/s/runs.sqlite');
    expect(prompt.message).toBe('Collapse Lab cannot open its store');
    expect(prompt.detail.split('\n')[0]).toBe('/s/runs.sqlite: native module failed to load');
    expect(prompt.detail).not.toContain(' at ');
    expect(storeFallbackPrompt('a string', '/s/runs.sqlite').detail.split('\n')[0]).toBe('/s/runs.sqlite: a string');
  });
});

describe('stepForResponse', () => {
  const failed = '/home/ada/.config/Collapse Lab/collapse-lab.sqlite';

  it('"Open another store..." picks one existing file, starting in the failed store\'s folder', () => {
    const step = stepForResponse(STORE_FALLBACK_CHOICES.indexOf('open-another'), failed);
    expect(step).toEqual({
      kind: 'pick-existing',
      options: {
        title: 'Open a Collapse Lab store',
        buttonLabel: 'Open',
        defaultPath: '/home/ada/.config/Collapse Lab',
        filters: [
          { name: 'Collapse Lab store', extensions: ['sqlite', 'db'] },
          { name: 'All files', extensions: ['*'] },
        ],
        properties: ['openFile'],
      },
    });
  });

  it('"Create a new store..." suggests a new file beside the failed one, never the failed file itself', () => {
    const step = stepForResponse(STORE_FALLBACK_CHOICES.indexOf('create-new'), failed);
    expect(step.kind).toBe('pick-new');
    if (step.kind !== 'pick-new') return;
    expect(step.options.defaultPath).toBe('/home/ada/.config/Collapse Lab/collapse-lab-new.sqlite');
    expect(step.options.defaultPath).not.toBe(failed);
    expect(step.options.properties).toBeUndefined();
  });

  it('"Quit", and any answer that is not a button, quit', () => {
    for (const response of [STORE_FALLBACK_CHOICES.indexOf('quit'), -1, 3, 99, Number.NaN]) {
      expect(stepForResponse(response, failed), String(response)).toEqual({ kind: 'quit' });
    }
  });
});

describe('storeFileFromPicker', () => {
  const open = stepForResponse(0, '/s/bad.sqlite');
  const create = stepForResponse(1, '/s/bad.sqlite');
  if (open.kind === 'quit' || create.kind === 'quit') throw new Error('expected picker steps');

  it('returns the chosen file, or undefined when the picker was cancelled (the prompt is shown again)', () => {
    expect(storeFileFromPicker(open, { canceled: false, filePaths: ['/data/old.sqlite'] })).toBe('/data/old.sqlite');
    expect(storeFileFromPicker(open, { canceled: true, filePaths: [] })).toBeUndefined();
    expect(storeFileFromPicker(open, { canceled: false, filePaths: [] })).toBeUndefined();
    expect(storeFileFromPicker(create, { canceled: false, filePath: '/data/new.sqlite' })).toBe('/data/new.sqlite');
    expect(storeFileFromPicker(create, { canceled: true, filePath: '' })).toBeUndefined();
  });

  it('gives a new store typed without an extension the .sqlite one, and keeps any other', () => {
    expect(storeFileFromPicker(create, { canceled: false, filePath: '/data/thesis' })).toBe('/data/thesis.sqlite');
    expect(storeFileFromPicker(create, { canceled: false, filePath: '/data/thesis.db' })).toBe('/data/thesis.db');
  });

  it('leads, for a new store, to a file openStore creates and opens', () => {
    const chosen = storeFileFromPicker(create, { canceled: false, filePath: join(dir, 'fresh') });
    expect(chosen).toBe(join(dir, 'fresh.sqlite'));
    const store = openStore(chosen!);
    expect(store.listRuns()).toEqual([]);
    store.close();
  });
});
