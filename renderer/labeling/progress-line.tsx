import { percent } from '../lib/format';

interface Props {
  label: string;
  done: number;
  total: number;
  testId: string;
}

/** "label: done / total (p%)" with a bar, its value exposed to assistive tech. */
export function ProgressLine({ label, done, total, testId }: Props) {
  const text = `${done} / ${total} labelled (${percent(done, total)}%)`;
  return (
    <div className="progress-line">
      <div className="progress-line-head">
        <span>{label}</span>
        <span className="progress-line-value" data-testid={testId}>
          {done} / {total}
        </span>
      </div>
      <progress value={done} max={Math.max(total, 1)} aria-label={`${label}: labelled`} aria-valuetext={text} />
    </div>
  );
}
