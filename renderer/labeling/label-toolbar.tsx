import { ActionButton } from './action-button';
import { LABEL_ACTIONS, type ActionContext, type ActionGroup, type LabelCommands } from './actions';

interface Props {
  groups: readonly ActionGroup[];
  context: ActionContext;
  commands: LabelCommands;
  label: string;
  className?: string;
}

/** The registry's actions of some groups as buttons, grouped and named as the help lists them. */
export function LabelToolbar({ groups, context, commands, label: toolbarLabel, className }: Props) {
  return (
    <div className={className ?? 'label-toolbar'} role="toolbar" aria-label={toolbarLabel}>
      {groups.map((group) => (
        <div key={group} className={`toolbar-group toolbar-group-${group.toLowerCase()}`} role="group" aria-label={group}>
          <span className="toolbar-group-label" aria-hidden="true">
            {group}
          </span>
          {LABEL_ACTIONS.filter((a) => a.group === group).map((action) => (
            <ActionButton key={action.id} action={action} context={context} commands={commands} />
          ))}
        </div>
      ))}
    </div>
  );
}
