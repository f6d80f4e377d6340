import { describeProgress } from '../lib/format';

interface Props {
  name: string;
  done: number;
  total: number;
}

/** Generations stored so far, as a progress bar with its value exposed to assistive tech. */
export function RunProgress({ name, done, total }: Props) {
  const text = describeProgress(done, total);
  return (
    <div className="run-progress">
      <progress
        value={done}
        max={Math.max(total, 1)}
        aria-label={`Progress of ${name}`}
        aria-valuenow={done}
        aria-valuemin={0}
        aria-valuetext={text}
        data-testid="run-progress"
      />
      <span className="run-progress-text">
        {done} / {total}
      </span>
    </div>
  );
}
