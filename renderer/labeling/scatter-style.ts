import type { Label } from './label-values';

/**
 * How each kind of point looks: the Okabe-Ito colour-blind-safe palette, and a distinct symbol
 * for each label so the plot reads without colour too (good circle, bad triangle, unlabelled
 * hollow circle). The legend and the chart both read these.
 */
export interface PointStyle {
  name: string;
  symbol: string;
  size: number;
  color: string;
  /** Outline only (ECharts' `empty...` symbols). */
  hollow: boolean;
}

export const LABEL_STYLES: Readonly<Record<Label, PointStyle>> = {
  1: { name: 'Good', symbol: 'circle', size: 8, color: '#0072B2', hollow: false },
  0: { name: 'Bad', symbol: 'triangle', size: 10, color: '#D55E00', hollow: false },
  [-1]: { name: 'Unlabelled', symbol: 'emptyCircle', size: 7, color: '#7b8494', hollow: true },
};

/** The machine rule's verdict, drawn around a point when its suggestion is shown. */
export const SUGGESTION_STYLES: Readonly<Record<0 | 1, PointStyle>> = {
  1: { name: 'Machine: good', symbol: 'emptyCircle', size: 16, color: '#56B4E9', hollow: true },
  0: { name: 'Machine: bad', symbol: 'emptyDiamond', size: 18, color: '#E69F00', hollow: true },
};

export const SELECTION_STYLE: PointStyle = { name: 'Selected', symbol: 'circle', size: 17, color: '#F0E442', hollow: false };

/** A plus sign, so the estimate is not mistaken for a candidate. */
export const ESTIMATE_STYLE: PointStyle = {
  name: 'Current estimate',
  symbol: 'path://M4.35,0 H5.65 V4.35 H10 V5.65 H5.65 V10 H4.35 V5.65 H0 V4.35 H4.35 Z',
  size: 22,
  // The page's text colour: the chart passes its theme's, the legend's SVG inherits it.
  color: 'currentColor',
  hollow: false,
};

/** A five-pointed star for the truth theta*. */
export const TRUTH_STYLE: PointStyle = {
  name: 'Truth θ*',
  symbol: 'path://M5,0 L6.18,3.38 L9.76,3.45 L6.9,5.62 L7.94,9.05 L5,7 L2.06,9.05 L3.1,5.62 L0.24,3.45 L3.82,3.38 Z',
  size: 22,
  color: '#CC79A7',
  hollow: false,
};
