/**
 * What the desktop app does when its store cannot be opened at start-up (issue 8): instead of
 * an error box and an exit, it says what is wrong with which file and offers to open another
 * store, create a new one, or quit. Pure (no Electron import), so every decision is tested;
 * main/index.ts only shows the dialogs described here and retries openStore with the answer.
 */
import { basename, dirname, extname, join } from 'node:path';
import { isStoreError, type StoreErrorCode } from '../store';

/** The answers, in button order. */
export const STORE_FALLBACK_CHOICES = ['open-another', 'create-new', 'quit'] as const;
export type StoreFallbackChoice = (typeof STORE_FALLBACK_CHOICES)[number];

/** The fields of Electron's MessageBoxOptions that this dialog sets. */
export interface StoreFallbackPrompt {
  readonly type: 'error';
  readonly title: string;
  /** The headline: what is wrong, in a researcher's words. */
  readonly message: string;
  /** The store's own one-line error (file and cause), then what each button does. */
  readonly detail: string;
  readonly buttons: readonly string[];
  /** "Open another store..." is the likely wish and Enter's answer. */
  readonly defaultId: number;
  /** Escape and closing the box mean Quit: nothing is opened that the user did not choose. */
  readonly cancelId: number;
  readonly noLink: true;
}

const BUTTONS: Readonly<Record<StoreFallbackChoice, string>> = {
  'open-another': 'Open another store...',
  'create-new': 'Create a new store...',
  quit: 'Quit',
};

const HEADLINES: Readonly<Partial<Record<StoreErrorCode, string>>> = {
  STORE_CORRUPT: 'The store is damaged',
  STORE_NOT_SQLITE: 'This file is not a Collapse Lab store',
  STORE_TOO_NEW: 'This store was written by a newer Collapse Lab',
  STORE_READONLY: 'The store cannot be written',
  STORE_FULL: 'The disk holding the store is full',
};

/** The dialog for a store that failed to open with `error` (a StoreError, or anything else). */
export function storeFallbackPrompt(error: unknown, file: string): StoreFallbackPrompt {
  const headline = (isStoreError(error) ? HEADLINES[error.code] : undefined) ?? 'Collapse Lab cannot open its store';
  return {
    type: 'error',
    title: 'Collapse Lab',
    message: headline,
    detail: [
      oneLine(error, file),
      '',
      `Nothing in ${basename(file)} has been changed. You can open another store, create a new one (it starts empty), or quit.`,
    ].join('\n'),
    buttons: STORE_FALLBACK_CHOICES.map((choice) => BUTTONS[choice]),
    defaultId: STORE_FALLBACK_CHOICES.indexOf('open-another'),
    cancelId: STORE_FALLBACK_CHOICES.indexOf('quit'),
    noLink: true,
  };
}

/**
 * The store's message as is (StoreErrors are one line naming the file); anything else gets the
 * file in front and only its first line, so a stack trace never reaches the dialog.
 */
function oneLine(error: unknown, file: string): string {
  if (isStoreError(error)) return error.message;
  const text = error instanceof Error ? error.message : String(error);
  return `${file}: ${text.split('\n')[0]?.trim() || 'unknown error'}`;
}

/** The fields of Electron's OpenDialogOptions / SaveDialogOptions that the pickers set. */
export interface StorePickerOptions {
  readonly title: string;
  readonly buttonLabel: string;
  readonly defaultPath: string;
  readonly filters: ReadonlyArray<{ name: string; extensions: string[] }>;
  /** OpenDialog only: one existing file. */
  readonly properties?: ReadonlyArray<'openFile'>;
}

/** What an answer to the prompt leads to. */
export type StoreFallbackStep =
  | { readonly kind: 'quit' }
  | { readonly kind: 'pick-existing'; readonly options: StorePickerOptions }
  | { readonly kind: 'pick-new'; readonly options: StorePickerOptions };

export const STORE_EXTENSION = '.sqlite';
const STORE_FILTERS = [
  { name: 'Collapse Lab store', extensions: ['sqlite', 'db'] },
  { name: 'All files', extensions: ['*'] },
];

/**
 * The step for the button at `response` (showMessageBox's answer). An index that is not a
 * button (a closed box reports cancelId, but be safe) quits rather than guesses.
 */
export function stepForResponse(response: number, failedFile: string): StoreFallbackStep {
  const choice = STORE_FALLBACK_CHOICES[response];
  const folder = dirname(failedFile);
  switch (choice) {
    case 'open-another':
      return {
        kind: 'pick-existing',
        options: { title: 'Open a Collapse Lab store', buttonLabel: 'Open', defaultPath: folder, filters: STORE_FILTERS, properties: ['openFile'] },
      };
    case 'create-new':
      return {
        kind: 'pick-new',
        options: { title: 'Create a new Collapse Lab store', buttonLabel: 'Create', defaultPath: join(folder, `collapse-lab-new${STORE_EXTENSION}`), filters: STORE_FILTERS },
      };
    default:
      return { kind: 'quit' };
  }
}

/** What a file picker answered: showOpenDialog's `filePaths` or showSaveDialog's `filePath`. */
export interface PickerResult {
  readonly canceled: boolean;
  readonly filePaths?: readonly string[];
  readonly filePath?: string;
}

/**
 * The store file to try next, or undefined when the picker was cancelled (the app then shows
 * the prompt again for the store that failed). A new store typed without an extension gets
 * `.sqlite`. Choosing an existing file as the "new" store opens it as it is: openStore never
 * empties a file, so no data is lost by answering yes to the save dialog's overwrite question.
 */
export function storeFileFromPicker(step: Exclude<StoreFallbackStep, { kind: 'quit' }>, result: PickerResult): string | undefined {
  if (result.canceled) return undefined;
  if (step.kind === 'pick-existing') {
    const first = result.filePaths?.[0];
    return first ? first : undefined;
  }
  const path = result.filePath;
  if (!path) return undefined;
  return extname(path) === '' ? `${path}${STORE_EXTENSION}` : path;
}
