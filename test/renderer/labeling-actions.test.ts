import { describe, expect, it, vi } from 'vitest';
import { ACTION_GROUPS, actionForKey, findAction, isEnabled, isTypingTarget, keyLabel, LABEL_ACTIONS, type ActionContext, type LabelCommands } from '../../renderer/labeling/actions';

const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key, ctrlKey: false, metaKey: false, altKey: false, ...mods });

function context(over: Partial<ActionContext> = {}): ActionContext {
  return {
    canLabel: true,
    selected: 3,
    candidates: 100,
    canUndo: true,
    hasPrevious: false,
    hasNext: true,
    tool: 'lasso',
    truthShown: false,
    suggestionShown: false,
    disagreements: 0,
    helpOpen: false,
    lastChange: null,
    ...over,
  };
}

function recorder(): LabelCommands & { calls: string[] } {
  const calls: string[] = [];
  const rec = (name: string) => (...args: unknown[]) => void calls.push([name, ...args].join(' '));
  return {
    calls,
    mark: rec('mark'),
    undo: rec('undo'),
    step: rec('step'),
    selectAll: rec('selectAll'),
    clearSelection: rec('clearSelection'),
    selectDisagreements: rec('selectDisagreements'),
    setTool: rec('setTool'),
    toggleTruth: rec('toggleTruth'),
    toggleSuggestion: rec('toggleSuggestion'),
    toggleHelp: rec('toggleHelp'),
  };
}

describe('the action registry', () => {
  it('binds the keys the issue names: G good, B bad, U unlabelled, Z undo, arrows, ?', () => {
    const c = recorder();
    for (const key of ['g', 'b', 'u', 'z', 'ArrowLeft', 'ArrowRight', '?']) actionForKey(press(key))!.perform(c);
    expect(c.calls).toEqual(['mark 1', 'mark 0', 'mark -1', 'undo', 'step -1', 'step 1', 'toggleHelp']);
  });

  it('gives every action a unique id, a key no other action has, a description and a known group', () => {
    const keys = LABEL_ACTIONS.flatMap((a) => a.keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(LABEL_ACTIONS.map((a) => a.id)).size).toBe(LABEL_ACTIONS.length);
    for (const a of LABEL_ACTIONS) {
      expect(a.description.length, a.id).toBeGreaterThan(10);
      expect(ACTION_GROUPS).toContain(a.group);
      expect(actionForKey(press(a.keys[0].replace(/^mod\+/, ''), { ctrlKey: a.keys[0].startsWith('mod+') }))?.id).toBe(a.id);
    }
  });

  it('ignores case and Shift for letters, but never takes keys held with Alt, or plain keys with Ctrl or Cmd', () => {
    expect(actionForKey(press('G'))?.id).toBe('mark-good');
    expect(actionForKey(press('g', { altKey: true }))).toBeUndefined();
    expect(actionForKey(press('g', { ctrlKey: true }))).toBeUndefined();
    expect(actionForKey(press('z', { metaKey: true }))?.id).toBe('undo');
    expect(actionForKey(press('x'))).toBeUndefined();
  });

  it('enables marks only with a selection on a human set, undo only with something to undo', () => {
    const mark = findAction('mark-good');
    expect(isEnabled(mark, context())).toBe(true);
    expect(isEnabled(mark, context({ selected: 0 }))).toBe(false);
    expect(isEnabled(mark, context({ canLabel: false }))).toBe(false);
    expect(isEnabled(findAction('undo'), context({ canUndo: false }))).toBe(false);
    expect(isEnabled(findAction('previous-generation'), context())).toBe(false);
    expect(isEnabled(findAction('next-generation'), context())).toBe(true);
    expect(isEnabled(findAction('select-disagreements'), context({ suggestionShown: true, disagreements: 2 }))).toBe(true);
  });

  it('reports toggles and tools as pressed, and says what undo would undo', () => {
    expect(findAction('tool-lasso').pressed!(context())).toBe(true);
    expect(findAction('tool-box').pressed!(context())).toBe(false);
    expect(findAction('toggle-truth').pressed!(context({ truthShown: true }))).toBe(true);
    expect(findAction('undo').detail!(context({ lastChange: '3 candidates marked good in generation 1' }))).toBe('Undo: 3 candidates marked good in generation 1.');
  });

  it('writes keys as people read them', () => {
    expect(['g', 'mod+z', 'ArrowLeft', 'Escape', '?'].map(keyLabel)).toEqual(['G', 'Ctrl+Z', '←', 'Esc', '?']);
  });

  it('leaves keys to text fields and selects, not to checkboxes or buttons', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTypingTarget({ tagName: 'input' })).toBe(true);
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'SELECT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });

  it('performs through the commands only (no hidden state in the registry)', () => {
    const c = recorder();
    const spy = vi.spyOn(c, 'setTool');
    findAction('tool-box').perform(c);
    expect(spy).toHaveBeenCalledWith('box');
  });
});
