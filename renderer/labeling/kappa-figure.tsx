import { formatMetric } from '../lib/format';
import { kappaStrength, onlyClass, shownKappa, type Agreement } from './kappa';

function pct(value: number | null): string {
  return value === null ? '–' : `${Math.round(value * 100)}%`;
}

/** Cohen's kappa with n, the raw and the chance agreement; or why it is undefined. */
export function KappaFigure({ agreement: a }: { agreement: Agreement }) {
  if (a.undefinedBecause === 'no-overlap') {
    return (
      <p className="kappa" data-testid="kappa" data-n={0}>
        <span className="kappa-value">κ undefined</span> n = 0: label some candidates to compare.
      </p>
    );
  }
  if (a.undefinedBecause === 'one-class') {
    const cls = a.table.goodGood > 0 ? 'good' : 'bad';
    return (
      <p className="kappa" data-testid="kappa" data-n={a.n}>
        <span className="kappa-value">κ undefined</span> n = {a.n}: both call every shared candidate {cls} (agreement {pct(a.observed)}, and chance
        alone would give the same). Label some of the other class.
      </p>
    );
  }
  return (
    <div className="kappa" data-testid="kappa" data-n={a.n} data-kappa={a.kappa}>
      <p>
        <span className="kappa-value">κ = {formatMetric(shownKappa(a.kappa!))}</span> <span className="kappa-strength">{kappaStrength(a.kappa!)}</span>
      </p>
      <p className="side-note">
        n = {a.n} candidates labelled by both · {a.agreed} agree ({pct(a.observed)}) · chance {pct(a.expected)}
      </p>
      <OneClassNote agreement={a} />
    </div>
  );
}

/** Why a kappa sits at 0 although most labels agree: one side used a single class. */
function OneClassNote({ agreement }: { agreement: Agreement }) {
  const mine = onlyClass(agreement, 'a');
  const machine = onlyClass(agreement, 'b');
  if (mine === null && machine === null) return null;
  const who = mine !== null ? `your labels here are all ${mine === 1 ? 'good' : 'bad'}` : `the rule calls all of them ${machine === 1 ? 'good' : 'bad'}`;
  return <p className="side-note">κ is 0 by construction: {who}. Label candidates of both classes to measure agreement.</p>;
}
