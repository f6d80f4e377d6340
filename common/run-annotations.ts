/**
 * What a run's note and tags may be (issue 18, item 5), checked the same way by the store, the
 * services' argument checks, the CLI and the run page's editors. A tag is a short name without
 * whitespace or control characters, so that `tag RUN_ID a b c` and a chip list agree on where
 * one tag ends.
 */

/** Generous for a lab note, small enough that a list of 2,000 runs stays a list. */
export const MAX_NOTE_LENGTH = 20_000;

/** Why `note` cannot be a run's note, or null when it can. */
export function noteProblem(note: string): string | null {
  return note.length > MAX_NOTE_LENGTH ? `a note has at most ${MAX_NOTE_LENGTH} characters (got ${note.length})` : null;
}

export const MAX_TAG_LENGTH = 64;
export const MAX_TAGS = 32;

/** Why `name` cannot be a tag, or null when it can. */
export function tagProblem(name: string): string | null {
  if (name.length === 0) return 'a tag cannot be empty';
  if (name.length > MAX_TAG_LENGTH) return `a tag has at most ${MAX_TAG_LENGTH} characters`;
  // \p{C}: control, format and unassigned characters; \s: any whitespace.
  if (/[\s\p{C}]/u.test(name)) return 'a tag cannot contain whitespace or control characters';
  return null;
}

/** Why `tags` cannot be a run's tag list (a bad tag, a repeat, too many), or null. */
export function tagListProblem(tags: readonly string[]): string | null {
  if (tags.length > MAX_TAGS) return `a run has at most ${MAX_TAGS} tags`;
  for (const [i, tag] of tags.entries()) {
    const problem = tagProblem(tag);
    if (problem) return `${JSON.stringify(tag)}: ${problem}`;
    if (tags.indexOf(tag) !== i) return `${JSON.stringify(tag)} appears twice`;
  }
  return null;
}

/** `current` with `add` appended (those not already there) and `remove` taken off, in order. */
export function editTags(current: readonly string[], add: readonly string[], remove: readonly string[]): string[] {
  const kept = current.filter((t) => !remove.includes(t));
  for (const t of add) if (!kept.includes(t) && !remove.includes(t)) kept.push(t);
  return kept;
}
