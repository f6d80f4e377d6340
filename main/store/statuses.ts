/** The states stored rows can be in: the CHECK constraints of the migrations, as types and lists. */

/** A run's, and a sweep's, states (migrations 0001 and 0003). */
export const RUN_STATUSES = ['running', 'completed', 'failed', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** A filter's states (migration 0002). */
export const FILTER_STATUSES = ['training', 'ready', 'failed', 'interrupted'] as const;
export type FilterStatus = (typeof FILTER_STATUSES)[number];

export const LABEL_SET_KINDS = ['machine', 'human'] as const;
export type LabelSetKind = (typeof LABEL_SET_KINDS)[number];
