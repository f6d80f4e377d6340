/**
 * Debian's Chromium (Playwright's own browser download cannot work on the build machines, see
 * docs/architecture.md), and the flags that keep it quiet and offline in a container.
 */
export const CHROMIUM = process.env.COLLAPSE_LAB_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
