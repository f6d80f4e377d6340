import { LIGHT_THEME, type ChartTheme } from './scatter-option';

/** The page's colours (styles.css variables), so the chart follows the light or dark scheme. */
export function readChartTheme(element: Element = document.documentElement): ChartTheme {
  const css = getComputedStyle(element);
  const read = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  return { text: read('--text', LIGHT_THEME.text), muted: read('--muted', LIGHT_THEME.muted), border: read('--border', LIGHT_THEME.border) };
}
