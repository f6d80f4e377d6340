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

/** The class that colours a tooltip marker in a palette slot's colour (styles/compare.css; no inline styles under the CSP). */
export function slotClass(slot: number): string {
  return `tt-c${slot % RUN_PALETTE.length}`;
}
