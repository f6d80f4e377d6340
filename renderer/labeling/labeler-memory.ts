const KEY = 'collapse-lab.labeler';

/** The last labeller's name typed on this machine (a convenience; the set stores its own). */
export function rememberedLabeler(): string {
  try {
    return window.localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberLabeler(name: string): void {
  try {
    window.localStorage.setItem(KEY, name);
  } catch {
    // Storage can be off (private windows); the name is only a default.
  }
}
