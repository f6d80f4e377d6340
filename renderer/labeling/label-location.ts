/**
 * Where the Label page is: the list of label sets (`#/label`), or one set at one generation
 * (`#/label/SET/GEN`). Kept in the URL fragment like the pages themselves (shell/routes.ts), so
 * a reload reopens the same set at the same generation.
 */
export interface LabelLocation {
  setId: string | null;
  generation: number | null;
}

export function parseLabelLocation(hash: string): LabelLocation {
  const parts = hash.replace(/^#\/?/, '').split('?')[0].split('/');
  if (parts[0] !== 'label' || !parts[1]) return { setId: null, generation: null };
  const generation = Number(parts[2]);
  return { setId: decodeURIComponent(parts[1]), generation: parts[2] && Number.isInteger(generation) && generation >= 0 ? generation : null };
}

export function labelHref(setId: string | null, generation?: number | null): string {
  if (setId === null) return '#/label';
  return `#/label/${encodeURIComponent(setId)}${generation === null || generation === undefined ? '' : `/${generation}`}`;
}
