/** Colours the charts take from the page's CSS variables, so they follow light and dark mode. */
export interface ChartTheme {
  text: string;
  muted: string;
  border: string;
  surface: string;
}

export const LIGHT_THEME: ChartTheme = { text: '#1d2330', muted: '#5d6675', border: '#dde1e8', surface: '#ffffff' };

/** Reads the theme from the document (styles.css :root); falls back to the light palette. */
export function readChartTheme(): ChartTheme {
  if (typeof document === 'undefined') return LIGHT_THEME;
  const css = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  return {
    text: read('--text', LIGHT_THEME.text),
    muted: read('--muted', LIGHT_THEME.muted),
    border: read('--border', LIGHT_THEME.border),
    surface: read('--surface', LIGHT_THEME.surface),
  };
}

/**
 * Twenty run colours, distinct in hue first (Tableau 10) and then in lightness: a comparison of
 * 20 runs gets 20 colours before any repeats.
 */
export const RUN_PALETTE: readonly string[] = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#79706e',
  '#2b5c8a', '#c2641a', '#a83b3d', '#3f8f89', '#2f7a32', '#b59a22', '#845a7a', '#d46e7b', '#6e513f', '#4b4543',
];

/** `#rrggbb` with an alpha, as ECharts' rgba(). */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  return `rgba(${parseInt(m[1], 16)}, ${parseInt(m[2], 16)}, ${parseInt(m[3], 16)}, ${alpha})`;
}

/** Text for the HTML tooltips: run names are user input. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The class that colours a tooltip marker in a palette slot's colour (styles.css; no inline styles under the CSP). */
export function slotClass(slot: number): string {
  return `tt-c${slot % RUN_PALETTE.length}`;
}
