import { noteProblem, tagProblem } from '../../common/run-annotations';
import type { ArgsOf, Channel, Handlers } from '../../preload/contract';
import { ServiceError } from './errors';
import { checkCreateLabelSetPayload, checkSaveLabelsPayload } from './label-sets';
import { checkRequestShape } from './prepare-run';

/**
 * Every channel's arguments, checked where they arrive (Electron IPC, the browser mode's
 * WebSocket, the CLI and the tests' bridge all call the checked handlers): the static types of
 * preload/contract.ts say nothing about what a page or a socket really sends. One entry per
 * channel, so a channel without a check does not compile. A refusal is ServiceError BAD_REQUEST
 * (or the code its domain already used) naming the field: `id: expected a non-empty string, got 3`.
 */
type ArgCheck<C extends Channel> = (args: unknown) => ArgsOf<C>;

/** A value as a message shows it: JSON, cut at 40 characters. */
function shown(v: unknown): string {
  const s = v === undefined ? 'nothing' : typeof v === 'number' && !Number.isFinite(v) ? String(v) : JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function bad(path: string, expected: string, value: unknown): never {
  throw new ServiceError('BAD_REQUEST', `${path}: expected ${expected}, got ${shown(value)}`);
}

function object(args: unknown, shape: string): Record<string, unknown> {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) bad('args', `an object ${shape}`, args);
  return args as Record<string, unknown>;
}

const str = (v: unknown, path: string): string => (typeof v === 'string' && v !== '' ? v : bad(path, 'a non-empty string', v));
const int = (v: unknown, path: string): number => (Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : bad(path, 'a whole number >= 0', v));
const strings = (v: unknown, path: string): string[] => {
  if (!Array.isArray(v)) bad(path, 'an array of strings', v);
  (v as unknown[]).forEach((s, i) => str(s, `${path}[${i}]`));
  return v as string[];
};
const optional = <T>(v: unknown, path: string, check: (v: unknown, path: string) => T): T | undefined => (v === undefined ? undefined : check(v, path));

/** Channels that take nothing: `undefined` (or JSON's `null`) only. */
const none = (args: unknown): void => {
  if (args !== undefined && args !== null) bad('args', 'nothing', args);
};

const byId = (args: unknown): { id: string } => ({ id: str(object(args, '{id}').id, 'id') });

/** One generation of a label set. */
function labelGeneration(args: unknown): { labelSetId: string; generation: number } {
  const a = object(args, '{labelSetId, generation}');
  return { labelSetId: str(a.labelSetId, 'labelSetId'), generation: int(a.generation, 'generation') };
}

/** Tag names, each one common/run-annotations.ts accepts. */
function tagNames(v: unknown, path: string): string[] {
  if (!Array.isArray(v)) bad(path, 'an array of tag names', v);
  return (v as unknown[]).map((t, i) => {
    const problem = typeof t === 'string' ? tagProblem(t) : 'not a string';
    return problem ? bad(`${path}[${i}]`, `a tag name (${problem})`, t) : (t as string);
  });
}

function runTag(args: unknown): ArgsOf<'runs:tag'> {
  const a = object(args, '{id, add?, remove?}');
  const add = optional(a.add, 'add', tagNames);
  const remove = optional(a.remove, 'remove', tagNames);
  return { id: str(a.id, 'id'), ...(add && { add }), ...(remove && { remove }) };
}

function runNote(args: unknown): ArgsOf<'runs:note'> {
  const a = object(args, '{id, note}');
  const note = a.note;
  if (note !== null && typeof note !== 'string') bad('note', 'a string or null', note);
  const problem = note === null ? null : noteProblem(note as string);
  if (problem) bad('note', `a shorter note (${problem})`, `${(note as string).slice(0, 20)}...`);
  return { id: str(a.id, 'id'), note: note as string | null };
}

/** A run request: its shape is prepareRun's check (its codes: UNKNOWN_PRESET, INVALID_CONFIG). */
function runRequest(args: unknown): ArgsOf<'runs:start'> {
  checkRequestShape(args);
  return args;
}

function sweepRequest(args: unknown): ArgsOf<'sweeps:start'> {
  const a = object(args, '{preset?, config?, overrides?, grid, window?, name?}');
  checkRequestShape(a);
  if (!Array.isArray(a.grid) || a.grid.length === 0) bad('grid', 'a non-empty array of {path, values}', a.grid);
  (a.grid as unknown[]).forEach((axis, i) => {
    const o = typeof axis === 'object' && axis !== null && !Array.isArray(axis) ? (axis as Record<string, unknown>) : bad(`grid[${i}]`, 'an object {path, values}', axis);
    str(o.path, `grid[${i}].path`);
    if (!Array.isArray(o.values) || !o.values.every((x) => typeof x === 'number' && Number.isFinite(x))) bad(`grid[${i}].values`, 'an array of finite numbers', o.values);
  });
  if (a.window !== undefined && !(Array.isArray(a.window) && a.window.length === 2 && a.window.every((x) => Number.isSafeInteger(x)))) {
    bad('window', 'a pair [from, to] of whole numbers', a.window);
  }
  optional(a.name, 'name', str);
  return a as unknown as ArgsOf<'sweeps:start'>;
}

export const CHANNEL_ARGS: { readonly [C in Channel]: ArgCheck<C> } = {
  'runs:list': none,
  'runs:get': byId,
  'runs:start': runRequest,
  'runs:cancel': byId,
  'runs:delete': byId,
  'runs:export': (args) => {
    const a = object(args, '{id, format}');
    if (a.format !== 'json' && a.format !== 'csv') bad('format', 'json or csv', a.format);
    return { id: str(a.id, 'id'), format: a.format };
  },
  'runs:tag': runTag,
  'runs:note': runNote,
  'presets:list': none,
  'config:fields': none,
  'config:validate': runRequest,
  'labels:create': checkCreateLabelSetPayload,
  'labels:list': none,
  'labels:candidates': labelGeneration,
  'labels:save': checkSaveLabelsPayload,
  'labels:suggest': labelGeneration,
  'filters:heatmap': (args) => {
    const a = object(args, '{filterId, labelSetId, size?}');
    return { filterId: str(a.filterId, 'filterId'), labelSetId: str(a.labelSetId, 'labelSetId'), size: optional(a.size, 'size', int) };
  },
  'filters:train': (args) => {
    const a = object(args, '{labelSetId, name?, overrides?}');
    return { labelSetId: str(a.labelSetId, 'labelSetId'), name: optional(a.name, 'name', str), overrides: optional(a.overrides, 'overrides', strings) };
  },
  'filters:cancel': (args) => ({ filterId: str(object(args, '{filterId}').filterId, 'filterId') }),
  'filters:list': none,
  'filters:history': (args) => ({ filterId: str(object(args, '{filterId}').filterId, 'filterId') }),
  'filters:provenance': (args) => ({ filterIds: strings(object(args, '{filterIds}').filterIds, 'filterIds') }),
  'compare:series': (args) => ({ runIds: strings(object(args, '{runIds}').runIds, 'runIds') }),
  'sweeps:list': none,
  'sweeps:get': byId,
  'sweeps:start': sweepRequest,
  'sweeps:cancel': byId,
  'bundles:export': (args) => ({ runIds: optional(object(args, '{runIds?}').runIds, 'runIds', strings) }),
  'bundles:import': (args) => {
    const text = object(args, '{text}').text;
    return { text: typeof text === 'string' ? text : bad('text', "the bundle file's text", text) };
  },
  'system:backend': none,
};

/** Each handler behind its channel's check: what every transport calls. */
export function checkedHandlers<C extends Channel>(handlers: Pick<Handlers, C>): Pick<Handlers, C> {
  const checked = {} as Record<C, (args: unknown) => unknown>;
  for (const channel of Object.keys(handlers) as C[]) {
    const check = CHANNEL_ARGS[channel] as (args: unknown) => unknown;
    const handler = handlers[channel] as (args: unknown) => unknown;
    checked[channel] = (args) => handler(check(args));
  }
  return checked as unknown as Pick<Handlers, C>;
}
