import { isEnabled, keyLabel, type ActionContext, type LabelAction, type LabelCommands } from './actions';

interface Props {
  action: LabelAction;
  context: ActionContext;
  commands: LabelCommands;
  /** Shown instead of the action's title (icons such as ◀). */
  text?: string;
  className?: string;
}

/** A registry action as a button: its title, its key, its description as the tooltip. */
export function ActionButton({ action, context, commands, text, className }: Props) {
  const pressed = action.pressed?.(context);
  const key = keyLabel(action.keys[0]);
  return (
    <button
      type="button"
      className={`action-button${pressed ? ' action-button-on' : ''}${className ? ` ${className}` : ''}`}
      data-action={action.id}
      aria-label={action.title}
      aria-keyshortcuts={action.keys.map((k) => (k.startsWith('mod+') ? `Control+${k.slice(4).toUpperCase()}` : k.length === 1 ? k.toUpperCase() : k)).join(' ')}
      aria-pressed={pressed === undefined ? undefined : pressed}
      title={`${action.detail?.(context) ?? action.description} (${key})`}
      disabled={!isEnabled(action, context)}
      onClick={() => action.perform(commands)}
    >
      <span>{text ?? action.title}</span>
      <kbd>{key}</kbd>
    </button>
  );
}
