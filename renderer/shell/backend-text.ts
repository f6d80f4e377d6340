import type { SystemReport } from '../../preload/contract';

/** The badge's tooltip: every backend tried, in order, and why each faster one was skipped. */
export function backendTooltip(report: Pick<SystemReport, 'backend' | 'chain' | 'threads' | 'engineVersion'>): string {
  const skipped = report.chain.filter((a) => !a.ok).map((a) => `${a.name} skipped: ${a.reason}`);
  const chosen = report.chain.find((a) => a.ok && a.name === report.backend) ?? report.chain.find((a) => a.ok);
  const lines = [
    ...skipped,
    chosen ? `${chosen.name} in use: ${chosen.reason}` : `${report.backend} in use`,
    `${report.threads} worker thread${report.threads === 1 ? '' : 's'} for runs · engine ${report.engineVersion}`,
  ];
  return lines.join('\n');
}
