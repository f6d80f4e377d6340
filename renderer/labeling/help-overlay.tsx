import { useEffect, useRef } from 'react';
import { ACTION_GROUPS, keyLabel, LABEL_ACTIONS } from './actions';

const POINTER_HELP: readonly { gesture: string; effect: string }[] = [
  { gesture: 'Click', effect: 'Selects just that candidate (a new selection)' },
  { gesture: 'Shift+click', effect: 'Adds a candidate to the selection, or takes it out' },
  { gesture: 'Drag', effect: 'Box or lasso: selects what the shape encloses' },
  { gesture: 'Shift+drag', effect: 'Adds to the selection' },
  { gesture: 'Alt+drag', effect: 'Takes out of the selection' },
];

/** Every action of the registry with its keys (the `?` key), and what the pointer does. */
export function HelpOverlay({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      closeRef.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog help-overlay"
      aria-labelledby="label-help-title"
      data-testid="label-help"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (e.target === ref.current) onClose();
      }}
    >
      <div className="help-head">
        <h2 id="label-help-title">Labelling shortcuts</h2>
        <button type="button" ref={closeRef} className="button-quiet" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="help-intro">Keys act while the labelling area has the focus (click the plot), never while you type in a field. Marks save at once.</p>
      <div className="help-columns">
        {ACTION_GROUPS.map((group) => (
          <section key={group}>
            <h3>{group}</h3>
            <dl className="help-list">
              {LABEL_ACTIONS.filter((a) => a.group === group).map((action) => (
                <div key={action.id} data-action={action.id}>
                  <dt>
                    {action.keys.map((k) => (
                      <kbd key={k}>{keyLabel(k)}</kbd>
                    ))}
                  </dt>
                  <dd>
                    <strong>{action.title}</strong> {action.description}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <section>
          <h3>Pointer</h3>
          <dl className="help-list">
            {POINTER_HELP.map((p) => (
              <div key={p.gesture}>
                <dt>{p.gesture}</dt>
                <dd>{p.effect}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </dialog>
  );
}
