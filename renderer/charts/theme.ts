/**
 * The one chart theme: every chart (Compare, Label, Train) takes its colours from here, so a
 * chart follows the page's light or dark scheme the same way on every page.
 */

/** Colours the charts take from the page's CSS variables (styles/base.css :root). */
export interface ChartTheme {
  text: string;
  muted: string;
  border: string;
  surface: string;
}

/** The light palette: what the CSS variables hold in light mode, and the fallback without a document (tests). */
export const LIGHT_THEME: ChartTheme = { text: '#1d2330', muted: '#5d6675', border: '#dde1e8', surface: '#ffffff' };

/**
 * Axis and grid grey of the Train page's charts, whose options are built once and not rebuilt
 * when the scheme changes: a mid grey that reads on both the light and the dark surface.
 */
export const NEUTRAL_AXIS = '#8a93a3';

/** Reads the theme from the page (or from `element`'s computed style); the light palette without a document. */
export function readChartTheme(element?: Element): ChartTheme {
  if (typeof document === 'undefined') return LIGHT_THEME;
  const css = getComputedStyle(element ?? document.documentElement);
  const read = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  return {
    text: read('--text', LIGHT_THEME.text),
    muted: read('--muted', LIGHT_THEME.muted),
    border: read('--border', LIGHT_THEME.border),
    surface: read('--surface', LIGHT_THEME.surface),
  };
}
