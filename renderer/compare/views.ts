/**
 * The Compare page's views, one name each: the toolbar shows a button per name and the address
 * (compare-location.ts) accepts exactly these, so a view added here is offered and kept in the
 * URL; the record below makes a name without its button label a compile error.
 */
export const COMPARE_VIEWS = ['trajectories', 'sweep', 'paths'] as const;

export type CompareView = (typeof COMPARE_VIEWS)[number];

/** The toolbar button of each view. */
export const VIEW_LABELS: { readonly [V in CompareView]: string } = { trajectories: 'Trajectories', sweep: 'Sweep', paths: 'Parameter paths' };
