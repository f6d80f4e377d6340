import type { DownloadProgress } from './electron-binary';

const MB = 1024 * 1024;

/** "Downloading Electron 45.4.1 for linux-x64: 42% of 112 MB" (or "38 MB" when the size is unknown). */
export function progressLine(what: string, p: DownloadProgress): string {
  const done = (p.transferred / MB).toFixed(0);
  if (!p.total) return `Downloading ${what}: ${done} MB`;
  const percent = Math.min(100, Math.floor((100 * p.transferred) / p.total));
  return `Downloading ${what}: ${percent}% of ${(p.total / MB).toFixed(0)} MB`;
}
