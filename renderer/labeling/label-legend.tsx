import type { LabelCounts } from './label-values';
import { ESTIMATE_STYLE, LABEL_STYLES, SELECTION_STYLE, SUGGESTION_STYLES, TRUTH_STYLE, type PointStyle } from './scatter-style';
import { SymbolSwatch } from './symbol-swatch';

interface Props {
  counts: LabelCounts;
  selected: number;
  suggestionShown: boolean;
  truthShown: boolean;
}

/** What each mark on the plot means, with how many of each there are in this generation. */
export function LabelLegend({ counts, selected, suggestionShown, truthShown }: Props) {
  const rows: { style: PointStyle; count?: number; testId?: string }[] = [
    { style: LABEL_STYLES[1], count: counts.good, testId: 'count-good' },
    { style: LABEL_STYLES[0], count: counts.bad, testId: 'count-bad' },
    { style: LABEL_STYLES[-1], count: counts.unlabelled, testId: 'count-unlabelled' },
    { style: SELECTION_STYLE, count: selected, testId: 'count-selected' },
    { style: ESTIMATE_STYLE },
    ...(truthShown ? [{ style: TRUTH_STYLE }] : []),
    ...(suggestionShown ? [{ style: SUGGESTION_STYLES[1] }, { style: SUGGESTION_STYLES[0] }] : []),
  ];
  return (
    <ul className="label-legend" aria-label="Legend">
      {rows.map(({ style, count, testId }) => (
        <li key={style.name}>
          <SymbolSwatch style={style} />
          <span className="legend-name">{style.name}</span>
          {count !== undefined && (
            <span className="legend-count" data-testid={testId}>
              {count}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
