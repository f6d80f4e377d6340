import type { Label } from './label-values';

/** The pointer tools of the scatter plot. */
export type SelectTool = 'click' | 'box' | 'lasso';

/** What the actions can do; the labelling workspace implements it. */
export interface LabelCommands {
  mark(label: Label): void;
  undo(): void;
  step(delta: -1 | 1): void;
  selectAll(): void;
  clearSelection(): void;
  selectDisagreements(): void;
  setTool(tool: SelectTool): void;
  toggleTruth(): void;
  toggleSuggestion(): void;
  toggleHelp(): void;
}

/** What decides whether an action is available and whether a toggle is on. */
export interface ActionContext {
  /** Human label sets only: a machine set is read-only here. */
  canLabel: boolean;
  selected: number;
  candidates: number;
  canUndo: boolean;
  hasPrevious: boolean;
  hasNext: boolean;
  tool: SelectTool;
  truthShown: boolean;
  suggestionShown: boolean;
  /** Candidates the person and the shown machine suggestion label differently. */
  disagreements: number;
  helpOpen: boolean;
  /** What Undo would undo, in words ("3 candidates marked good in generation 1"). */
  lastChange: string | null;
}

export type ActionGroup = 'Mark' | 'Select' | 'Generations' | 'View';

export interface LabelAction {
  id: string;
  /** The button's and the help's name. */
  title: string;
  group: ActionGroup;
  /**
   * Keys as `KeyboardEvent.key` (letters lower case; Shift does not matter for letters), or
   * `mod+KEY` for Ctrl (Cmd on a Mac) with that key. The first one is shown.
   */
  keys: readonly string[];
  description: string;
  perform(commands: LabelCommands): void;
  enabled?(context: ActionContext): boolean;
  /** For toggles and tools: whether it is on now (aria-pressed). */
  pressed?(context: ActionContext): boolean;
  /** A tooltip saying what the action would do now, in place of the description. */
  detail?(context: ActionContext): string | null;
}

const canMark = (c: ActionContext): boolean => c.canLabel && c.selected > 0;

/**
 * Every labelling action, declared once (style.md: Excalidraw's action registry). The key
 * handler, the toolbar and the help overlay all read this list, so a key cannot exist without
 * its button and its line in the help.
 */
export const LABEL_ACTIONS = [
  {
    id: 'mark-good',
    title: 'Good',
    group: 'Mark',
    keys: ['g'],
    description: 'Mark the selection good; saved at once, and the selection cleared.',
    perform: (c) => c.mark(1),
    enabled: canMark,
  },
  {
    id: 'mark-bad',
    title: 'Bad',
    group: 'Mark',
    keys: ['b'],
    description: 'Mark the selection bad; saved at once, and the selection cleared.',
    perform: (c) => c.mark(0),
    enabled: canMark,
  },
  {
    id: 'mark-unlabelled',
    title: 'Unlabelled',
    group: 'Mark',
    keys: ['u'],
    description: 'Clear the selection\'s labels.',
    perform: (c) => c.mark(-1),
    enabled: canMark,
  },
  {
    id: 'undo',
    title: 'Undo',
    group: 'Mark',
    keys: ['z', 'mod+z'],
    description: 'Undo the last mark; the previous labels are saved back.',
    perform: (c) => c.undo(),
    enabled: (c) => c.canLabel && c.canUndo,
    detail: (c) => (c.lastChange ? `Undo: ${c.lastChange}.` : null),
  },
  {
    id: 'tool-click',
    title: 'Click',
    group: 'Select',
    keys: ['v'],
    description: 'Clicks only, no drawing (with every tool a click selects one candidate, Shift-click adds it).',
    perform: (c) => c.setTool('click'),
    pressed: (c) => c.tool === 'click',
  },
  {
    id: 'tool-box',
    title: 'Box',
    group: 'Select',
    keys: ['r'],
    description: 'Drag a rectangle around candidates.',
    perform: (c) => c.setTool('box'),
    pressed: (c) => c.tool === 'box',
  },
  {
    id: 'tool-lasso',
    title: 'Lasso',
    group: 'Select',
    keys: ['l'],
    description: 'Draw a free shape around candidates.',
    perform: (c) => c.setTool('lasso'),
    pressed: (c) => c.tool === 'lasso',
  },
  {
    id: 'select-all',
    title: 'All',
    group: 'Select',
    keys: ['a'],
    description: 'Select every candidate of the generation.',
    perform: (c) => c.selectAll(),
    enabled: (c) => c.candidates > 0,
  },
  {
    id: 'select-disagreements',
    title: 'Disagreements',
    group: 'Select',
    keys: ['d'],
    description: 'Select where you and the machine rule differ.',
    perform: (c) => c.selectDisagreements(),
    enabled: (c) => c.suggestionShown && c.disagreements > 0,
  },
  {
    id: 'clear-selection',
    title: 'Clear',
    group: 'Select',
    keys: ['Escape'],
    description: 'Clear the selection.',
    perform: (c) => c.clearSelection(),
    enabled: (c) => c.selected > 0,
  },
  {
    id: 'previous-generation',
    title: 'Previous',
    group: 'Generations',
    keys: ['ArrowLeft'],
    description: 'The previous label generation.',
    perform: (c) => c.step(-1),
    enabled: (c) => c.hasPrevious,
  },
  {
    id: 'next-generation',
    title: 'Next',
    group: 'Generations',
    keys: ['ArrowRight'],
    description: 'The next label generation.',
    perform: (c) => c.step(1),
    enabled: (c) => c.hasNext,
  },
  {
    id: 'toggle-suggestion',
    title: 'Machine suggestion',
    group: 'View',
    keys: ['s'],
    description: "Overlay the machine rule's labels; Cohen's kappa against yours.",
    perform: (c) => c.toggleSuggestion(),
    pressed: (c) => c.suggestionShown,
  },
  {
    id: 'toggle-truth',
    title: 'Show truth',
    group: 'View',
    keys: ['t'],
    description: 'Show the true θ* (hidden at first, so as not to bias you).',
    perform: (c) => c.toggleTruth(),
    pressed: (c) => c.truthShown,
  },
  {
    id: 'help',
    title: 'Shortcuts',
    group: 'View',
    keys: ['?'],
    description: 'This list of actions.',
    perform: (c) => c.toggleHelp(),
    pressed: (c) => c.helpOpen,
  },
] as const satisfies readonly LabelAction[];

export type ActionId = (typeof LABEL_ACTIONS)[number]['id'];

export const ACTION_GROUPS: readonly ActionGroup[] = ['Mark', 'Select', 'Generations', 'View'];

/** The fields of a key event the registry looks at. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** The action bound to a key press, if any. Plain keys never match with Ctrl, Cmd or Alt held. */
export function actionForKey(press: KeyPress, actions: readonly LabelAction[] = LABEL_ACTIONS): LabelAction | undefined {
  if (press.altKey) return undefined;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  const wanted = press.ctrlKey || press.metaKey ? `mod+${key}` : key;
  return actions.find((a) => a.keys.includes(wanted));
}

/** Whether an action can run now (no `enabled` means always). */
export function isEnabled(action: LabelAction, context: ActionContext): boolean {
  return action.enabled ? action.enabled(context) : true;
}

/** The key as the toolbar and the help write it ("G", "Ctrl+Z", "←", "Esc"). */
export function keyLabel(key: string): string {
  const names: Record<string, string> = { ArrowLeft: '←', ArrowRight: '→', Escape: 'Esc' };
  if (key.startsWith('mod+')) return `Ctrl+${keyLabel(key.slice(4))}`;
  return names[key] ?? (key.length === 1 ? key.toUpperCase() : key);
}

/** Whether a key press belongs to a form control (typing a name must not mark candidates). */
export function isTypingTarget(target: { tagName?: string; isContentEditable?: boolean; type?: string } | null): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  // Checkboxes and buttons do not take text: keys still work there.
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range'].includes((target.type ?? 'text').toLowerCase());
}

export function findAction(id: ActionId): LabelAction {
  return LABEL_ACTIONS.find((a) => a.id === id)!;
}
