import { PRESETS } from '../../engine';
import type { ReadableRunStore, RunRecord } from '../store';

/** docs/cli.md `presets --json` entry. */
export interface PresetEntry {
  name: string;
  title: string;
  source: string;
}

/** docs/cli.md `runs --json` entry, plus progress for human listings. */
export interface RunListEntry {
  id: string;
  name: string;
  preset: string | null;
  status: RunRecord['status'];
  createdAt: string;
  note: string | null;
  tags: string[];
}

export function listPresets(): PresetEntry[] {
  return PRESETS.map(({ name, title, source }) => ({ name, title, source }));
}

export function listRuns(store: ReadableRunStore): RunRecord[] {
  return store.listRuns();
}

export function toRunListEntry(r: RunRecord): RunListEntry {
  return { id: r.id, name: r.name, preset: r.preset, status: r.status, createdAt: r.createdAt, note: r.note, tags: r.tags };
}
