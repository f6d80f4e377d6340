import type { GenerationSummary } from '../../engine';
import type { RunOutcome } from '../services';

const num = (v: number): string => v.toPrecision(4);

/**
 * What `run` prints when it ends (not --json): where the run went and its last stored
 * generation, the MSE (rms^2: the mean of ||theta_t - theta*||^2 over the replicates) beside
 * the closed-form prediction where experiments.md has one, since the point of most presets is
 * how close the two are; for regression the excess test risk and its theory too.
 */
export function runSummary(outcome: Pick<RunOutcome, 'runId' | 'status' | 'generations'>, file: string, last: GenerationSummary | undefined): string {
  const n = outcome.generations;
  const lines = [`run ${outcome.runId} ${outcome.status}: ${n} ${n === 1 ? 'generation' : 'generations'} stored in ${file}`];
  if (!last) return `${lines.join('\n')}\nno generation stored\n`;
  const e = last.error;
  lines.push(`final error (t = ${last.t}): mean ${num(e.mean)}, rms ${num(e.rms)}, median ${num(e.median)}`);
  const theory = last.theory.errorMeanSq;
  lines.push(`MSE ${num(e.rms * e.rms)}${theory === null ? ' (no closed-form theory for this config)' : `, theory ${num(theory)}`}`);
  if (last.testError) {
    const tt = last.theory.testError;
    lines.push(`test error ${num(last.testError.mean)}${tt === null ? ' (no closed-form theory for this config)' : `, theory ${num(tt)}`}`);
  }
  return `${lines.join('\n')}\n`;
}
