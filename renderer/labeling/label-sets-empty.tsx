/** What the Label page is for, when the store has no label set yet. */
export function LabelSetsEmpty() {
  return (
    <div className="empty label-empty" data-testid="label-sets-empty">
      <h3>No label sets yet</h3>
      <p>
        A label set holds the candidates of the first generations of a model's recursion, for you to mark good or bad. The filter then learns
        from your labels on the Train page. Create one below: a small one (a few generations of a few hundred candidates) takes minutes to
        label. From a terminal: <code>npm run cli -- label --labeler NAME --preset filter-constant-n</code>.
      </p>
    </div>
  );
}
