/**
 * Whether the keys act now: they do only while the labelling area has the focus. One button in
 * both states (replacing it while it takes the focus would drop the focus on the floor).
 */
export function KeysHint({ active, onActivate }: { active: boolean; onActivate: () => void }) {
  return (
    <button
      type="button"
      className={`keys-hint${active ? ' keys-hint-on' : ''}`}
      data-testid="keys-hint"
      // The focus goes to the labelling area on press: the text changes under the pointer at once,
      // so a click event (down and up on the same node) might never come.
      onMouseDown={(e) => {
        e.preventDefault();
        onActivate();
      }}
      onClick={onActivate}
    >
      {active ? (
        <>
          Keys on · <kbd>?</kbd> lists them
        </>
      ) : (
        'Keys off: click the plot (or here) to use them'
      )}
    </button>
  );
}
