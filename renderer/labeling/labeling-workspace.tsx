import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { LabelSetInfo } from '../../preload/contract';
import { ErrorNotice } from '../shell/error-notice';
import { actionForKey, isEnabled, isTypingTarget, type ActionContext, type LabelCommands, type SelectTool } from './actions';
import { CandidateScatter } from './candidate-scatter';
import { GenerationNav } from './generation-nav';
import { HelpOverlay } from './help-overlay';
import { cohensKappa } from './kappa';
import { KeysHint } from './keys-hint';
import { LabelToolbar } from './label-toolbar';
import { countLabels } from './label-values';
import { markNotice, type MarkNotice } from './mark-notice';
import { clickSelection, combineSelection, EMPTY_SELECTION, selectWhere, type Selection } from './selection';
import { spreadStacks } from './spread';
import { useGeneration } from './use-generation';
import { useLabelSession } from './use-label-session';
import { useSaveQueue } from './use-save-queue';
import { useSuggestion } from './use-suggestion';
import { WorkspaceHeader } from './workspace-header';
import { WorkspaceSide } from './workspace-side';

interface Props {
  set: LabelSetInfo;
  /** The generation to open at (from the URL); the first one when null. */
  initialGeneration: number | null;
  onBack: () => void;
  onGeneration: (generation: number) => void;
}

/** Labelling one set: the scatter of a generation, the actions (keys and buttons), progress, agreement. */
export function LabelingWorkspace({ set, initialGeneration, onBack, onGeneration }: Props) {
  const rootRef = useRef<HTMLDivElement>(null);
  const [generation, setGeneration] = useState(initialGeneration ?? 1);
  const [tool, setTool] = useState<SelectTool>('lasso');
  const [truthShown, setTruthShown] = useState(false);
  const [suggestionShown, setSuggestionShown] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [focused, setFocused] = useState(false);
  const [message, setMessage] = useState<Pick<MarkNotice, 'text' | 'warn'>>({ text: '', warn: false });
  // The selection belongs to the generation it was made in.
  const [picked, setPicked] = useState<{ generation: number; selection: Selection }>({ generation, selection: EMPTY_SELECTION });

  const loaded = useGeneration(set.id, generation);
  const group = loaded.group;
  const [queue, saveState] = useSaveQueue(set.id, set.labeler);
  const session = useLabelSession(group, queue);
  const suggestion = useSuggestion(set.id, group?.generation ?? generation, suggestionShown);

  const labels = session.labels ?? [];
  const shown = useMemo(() => {
    if (!group) return null;
    const spread = spreadStacks(group.view.x, group.view.y, group.view.range);
    return { view: { ...group.view, x: spread.x, y: spread.y }, stacked: spread.stacked };
  }, [group]);
  const counts = countLabels(labels);
  const selection = group && picked.generation === group.generation ? picked.selection : EMPTY_SELECTION;
  const generations = group?.generations ?? Array.from({ length: set.counts.groups }, (_, i) => i + 1);
  const position = generations.indexOf(generation);
  const canLabel = set.kind === 'human' && group !== null;
  const machine = suggestion.suggestion && group && suggestion.suggestion.generation === group.generation ? suggestion.suggestion.labels : null;
  const agreement = useMemo(() => (machine ? cohensKappa(labels, machine) : null), [labels, machine]);
  const disagreements = agreement ? agreement.table.goodBad + agreement.table.badGood : 0;

  const focusRoot = useCallback(() => {
    if (document.activeElement !== rootRef.current) rootRef.current?.focus({ preventScroll: true });
  }, []);

  useEffect(() => {
    focusRoot();
  }, [focusRoot]);

  // The address names the generation (label-location.ts): one typed or pasted into this tab,
  // or reached by Back and Forward, is shown (a reload reads it at mount).
  useEffect(() => {
    if (initialGeneration !== null) setGeneration(initialGeneration);
  }, [initialGeneration]);

  const select = (next: (current: Selection) => Selection): void => {
    if (!group) return;
    setPicked((p) => ({ generation: group.generation, selection: next(p.generation === group.generation ? p.selection : EMPTY_SELECTION) }));
  };

  const goTo = (next: number): void => {
    if (next === generation) return;
    setGeneration(next);
    onGeneration(next);
  };

  const commands: LabelCommands = {
    mark(label) {
      if (!canLabel || selection.size === 0) return;
      const change = session.mark(selection, label);
      setMessage(markNotice(change, selection.size, label));
      // A mark is done with its selection: the next click or lasso starts afresh, so an old
      // selection cannot ride along into the next mark and overwrite what it labelled.
      select(() => EMPTY_SELECTION);
    },
    undo() {
      const what = session.lastChange;
      const touched = session.undo();
      if (touched === null) return;
      setMessage({ text: `Undid: ${what}.`, warn: false });
      goTo(touched);
    },
    step(delta) {
      const next = generations[position + delta];
      if (next !== undefined) goTo(next);
    },
    selectAll: () => select(() => selectWhere(labels.length, () => true)),
    clearSelection: () => select(() => EMPTY_SELECTION),
    selectDisagreements: () => {
      if (!machine) return;
      select(() => selectWhere(labels.length, (i) => labels[i] !== -1 && (machine[i] === 0 || machine[i] === 1) && labels[i] !== machine[i]));
    },
    setTool,
    toggleTruth: () => setTruthShown((v) => !v),
    toggleSuggestion: () => setSuggestionShown((v) => !v),
    toggleHelp: () => setHelpOpen((v) => !v),
  };

  const context: ActionContext = {
    canLabel,
    selected: selection.size,
    candidates: labels.length,
    canUndo: set.kind === 'human' && session.canUndo,
    hasPrevious: position > 0,
    hasNext: position >= 0 && position < generations.length - 1,
    tool,
    truthShown,
    suggestionShown,
    disagreements,
    helpOpen,
    lastChange: session.lastChange,
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.defaultPrevented || isTypingTarget(event.target as HTMLElement)) return;
    const action = actionForKey(event);
    if (!action) return;
    // With the help open only its own key acts; Escape is the dialog's.
    if (helpOpen && action.id !== 'help') return;
    if (!isEnabled(action, context)) return;
    event.preventDefault();
    action.perform(commands);
  };

  return (
    <div
      ref={rootRef}
      className="labeling-workspace"
      data-testid="labeling-workspace"
      tabIndex={-1}
      aria-label={`Labelling ${set.name}`}
      onKeyDown={onKeyDown}
      onFocus={() => setFocused(true)}
      onBlur={(e) => {
        if (!rootRef.current?.contains(e.relatedTarget as Node | null)) setFocused(false);
      }}
    >
      <WorkspaceHeader set={set} save={saveState} onRetrySave={() => queue.retry()} onBack={onBack} />
      {set.kind === 'machine' && (
        <p className="notice notice-info">
          The machine rule labelled this set, so it is read-only here. Create a human label set to label candidates yourself and compare with
          the rule.
        </p>
      )}
      <div className="workspace-bar">
        <GenerationNav
          generation={generation}
          generations={generations}
          loading={loaded.loading}
          context={context}
          commands={commands}
          onChoose={(g) => {
            goTo(g);
            // Back to the keys: the select would otherwise keep them.
            focusRoot();
          }}
        />
        <div className="workspace-bar-end">
          <LabelToolbar groups={['View']} context={context} commands={commands} label="View" className="view-toolbar" />
          <KeysHint active={focused} onActivate={focusRoot} />
        </div>
      </div>
      <LabelToolbar groups={['Select', 'Mark']} context={context} commands={commands} label="Select and mark" />
      <div className="workspace-body">
        <div className="workspace-chart">
          {loaded.error !== null && (
            <div className="load-error">
              <ErrorNotice error={loaded.error} context={`Could not load generation ${generation}`} />
              <button type="button" onClick={loaded.retry}>
                Try again
              </button>
            </div>
          )}
          {group && shown ? (
            <CandidateScatter
              labelSetId={set.id}
              generation={group.generation}
              view={shown.view}
              candidates={group.candidates}
              dim={group.dim}
              labels={labels}
              selection={selection}
              suggestion={machine}
              showTruth={truthShown}
              tool={tool}
              onPick={(i, mode) => select((s) => clickSelection(s, i, mode))}
              onBrushed={(hits, mode) => select((s) => combineSelection(s, hits, mode))}
              onActivate={focusRoot}
            />
          ) : (
            loaded.error === null && <p className="loading chart-placeholder">Loading generation {generation}…</p>
          )}
          <p className={`operation-message${message.warn ? ' operation-message-warn' : ''}`} role="status" data-testid="operation-message" data-warn={message.warn || undefined}>
            {message.text}
            {message.warn && context.canUndo && (
              <>
                {' '}
                <button
                  type="button"
                  className="button-quiet"
                  data-testid="notice-undo"
                  onClick={() => {
                    commands.undo();
                    focusRoot();
                  }}
                >
                  Undo
                </button>
              </>
            )}
          </p>
          {shown !== null && shown.stacked > 0 && (
            <p className="chart-note" data-testid="stack-note">
              {shown.stacked} of {labels.length} candidates share their position with others (discrete data): each stack is fanned out around its
              value, so its size shows how many it holds.
            </p>
          )}
        </div>
        <WorkspaceSide
          set={set}
          generation={group?.generation ?? generation}
          counts={counts}
          selected={selection.size}
          truthShown={truthShown}
          suggestionShown={suggestionShown}
          suggestion={suggestion}
          agreement={agreement}
          context={context}
          commands={commands}
        />
      </div>
      <HelpOverlay open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
