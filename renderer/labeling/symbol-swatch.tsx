import type { PointStyle } from './scatter-style';

/** A point style drawn small (legend, help), so the page's words match the chart's marks. */
export function SymbolSwatch({ style, size = 14 }: { style: PointStyle; size?: number }) {
  const fill = style.hollow ? 'none' : style.color;
  const stroke = style.hollow ? style.color : 'none';
  const shape = style.symbol.replace(/^empty/, '').toLowerCase();
  let body;
  if (style.symbol.startsWith('path://')) body = <path d={style.symbol.slice(7)} fill={style.color} transform="translate(1 1) scale(1.2)" />;
  else if (shape === 'triangle') body = <polygon points="7,1.5 12.5,12 1.5,12" fill={fill} stroke={stroke} strokeWidth={1.6} />;
  else if (shape === 'diamond') body = <polygon points="7,1 13,7 7,13 1,7" fill={fill} stroke={stroke} strokeWidth={1.6} />;
  else body = <circle cx={7} cy={7} r={style.hollow ? 5 : 5.5} fill={fill} stroke={stroke} strokeWidth={1.6} />;
  return (
    <svg className="swatch" width={size} height={size} viewBox="0 0 14 14" aria-hidden="true">
      {body}
    </svg>
  );
}
