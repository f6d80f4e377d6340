/**
 * `npm run soak -- [--runs N] [--db FILE] [--seed S] [--parallel P]`: many mixed CLI runs
 * against one store (some cancelled, some killed), then integrity and counts. Exits 1 when any
 * run was lost, the store is damaged or anything else did not add up.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { formatReport, runSoak } from './soak-runner';

function positiveInt(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < (name === 'seed' ? 0 : 1)) {
    process.stderr.write(`soak: --${name} expects a ${name === 'seed' ? 'non-negative' : 'positive'} integer, got "${text}"\n`);
    process.exit(2);
  }
  return n;
}

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    db: { type: 'string' },
    seed: { type: 'string' },
    parallel: { type: 'string' },
  },
});

const report = await runSoak({
  runs: positiveInt('runs', values.runs, 200),
  seed: positiveInt('seed', values.seed, 1),
  parallel: positiveInt('parallel', values.parallel, 2),
  db: values.db === undefined ? undefined : resolve(values.db),
  log: (line) => process.stdout.write(`${line}\n`),
});
process.stdout.write(`${formatReport(report).join('\n')}\n`);
process.exitCode = report.ok ? 0 : 1;
