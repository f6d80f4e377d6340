import type Database from 'better-sqlite3';
import { StoreError } from './errors';
import { toJsonColumn } from './json-column';
import {
  toCandidates,
  toLabelGroupParams,
  toLabelSetRecord,
  type LabelGroupParams,
  type LabelGroupRow,
  type LabelSetRow,
} from './label-row-mapping';
import {
  UNLABELLED,
  type LabelEntry,
  type LabelGroup,
  type LabelSetKind,
  type LabelSetRecord,
  type NewLabelSetInput,
} from './label-types';
import { SQL } from './queries';
import { insertWithFreshId } from './run-id';

/** What the label queries share with the RunStore that owns them. */
export interface LabelStoreContext {
  file: string;
  newId: () => string;
  now: () => Date;
}

interface LabelParams {
  labelSetId: string;
  generation: number;
  idx: number;
}

/**
 * The label-set half of the RunStore (RunStore delegates to it): statements prepared once,
 * every write one IMMEDIATE transaction.
 */
export class LabelStore {
  private readonly ctx: LabelStoreContext;

  private readonly insertSetStmt: Database.Statement<
    [{ id: string; name: string; kind: LabelSetKind; labeler: string; source: string; now: string }]
  >;
  private readonly insertGroupStmt: Database.Statement<[LabelGroupParams]>;
  private readonly getSetStmt: Database.Statement<[string], LabelSetRow>;
  private readonly listSetsStmt: Database.Statement<[], LabelSetRow>;
  private readonly setExistsStmt: Database.Statement<[string], 1>;
  private readonly getGroupStmt: Database.Statement<[string, number], LabelGroupRow>;
  private readonly getGroupLabelsStmt: Database.Statement<[string, number], { idx: number; label: 0 | 1 }>;
  private readonly getGenerationsStmt: Database.Statement<[string], { generation: number }>;
  private readonly getGroupSizesStmt: Database.Statement<[string], { generation: number; count: number }>;
  private readonly upsertLabelStmt: Database.Statement<
    [LabelParams & { label: 0 | 1; labeledBy: string; now: string }]
  >;
  private readonly deleteLabelStmt: Database.Statement<[LabelParams]>;
  private readonly touchSetStmt: Database.Statement<[{ id: string; now: string }]>;
  private readonly deleteSetStmt: Database.Statement<[string]>;

  private readonly createTx: Database.Transaction<(input: Readonly<NewLabelSetInput>) => string>;
  private readonly saveTx: Database.Transaction<
    (id: string, entries: readonly LabelEntry[], labeledBy: string) => number
  >;
  private readonly readGroupTx: Database.Transaction<(id: string, generation: number) => LabelGroup | undefined>;

  constructor(db: Database.Database, ctx: LabelStoreContext) {
    this.ctx = ctx;
    this.insertSetStmt = db.prepare(SQL.insertLabelSet);
    this.insertGroupStmt = db.prepare(SQL.insertLabelGroup);
    this.getSetStmt = db.prepare(SQL.getLabelSet);
    this.listSetsStmt = db.prepare(SQL.listLabelSets);
    this.setExistsStmt = db.prepare<[string], 1>(SQL.labelSetExists).pluck();
    this.getGroupStmt = db.prepare(SQL.getLabelGroup);
    this.getGroupLabelsStmt = db.prepare(SQL.getGroupLabels);
    this.getGenerationsStmt = db.prepare(SQL.getLabelGenerations);
    this.getGroupSizesStmt = db.prepare(SQL.getLabelGroupSizes);
    this.upsertLabelStmt = db.prepare(SQL.upsertLabel);
    this.deleteLabelStmt = db.prepare(SQL.deleteLabel);
    this.touchSetStmt = db.prepare(SQL.touchLabelSet);
    this.deleteSetStmt = db.prepare(SQL.deleteLabelSet);

    this.createTx = db.transaction((input: Readonly<NewLabelSetInput>) => {
      // A group refused part-way (NaN, ragged rows) rolls the whole set back with the transaction.
      const now = this.timestamp();
      const set = {
        name: input.name,
        kind: input.kind,
        labeler: input.labeler,
        source: toJsonColumn(input.source, 'label set source'),
      };
      const generations = new Set<number>();
      for (const group of input.groups) {
        if (generations.has(group.generation)) {
          throw new RangeError(`label set: generation ${group.generation} appears twice`);
        }
        generations.add(group.generation);
      }
      // Only the set's own row goes into the retried insert, so a collision there is the id's.
      const id = insertWithFreshId(this.ctx.newId, (candidate) => this.insertSetStmt.run({ id: candidate, ...set, now }));
      for (const group of input.groups) this.insertGroupStmt.run(toLabelGroupParams(id, group));
      return id;
    });

    this.saveTx = db.transaction((id: string, entries: readonly LabelEntry[], labeledBy: string) => {
      // Sizes are read inside the write transaction, so no other writer can change them
      // between the check and the writes.
      const sizes = this.requireGroupSizes(id);
      entries.forEach((entry, index) => this.checkEntry(id, sizes, entry, index));
      const now = this.timestamp();
      for (const { generation, idx, label } of entries) {
        const key = { labelSetId: id, generation, idx };
        if (label === null) this.deleteLabelStmt.run(key);
        else this.upsertLabelStmt.run({ ...key, label, labeledBy, now });
      }
      this.touchSetStmt.run({ id, now });
      return entries.length;
    });

    // Candidates and labels from one snapshot, so a group never pairs with half a save.
    this.readGroupTx = db.transaction((id: string, generation: number) => {
      const row = this.getGroupStmt.get(id, generation);
      if (!row) return undefined;
      const candidates = toCandidates(row);
      if (!candidates) {
        throw new StoreError(
          'STORE_CORRUPT',
          this.ctx.file,
          `label set ${id}, generation ${generation}: candidates hold ${row.candidates.byteLength} bytes, expected ${row.count} x ${row.dim} float64s`,
        );
      }
      const labels = new Int8Array(row.count).fill(UNLABELLED);
      for (const { idx, label } of this.getGroupLabelsStmt.iterate(id, generation)) labels[idx] = label;
      return {
        generation: row.generation,
        estimate: JSON.parse(row.estimate) as number[],
        dim: row.dim,
        candidates,
        labels,
      };
    });
  }

  createLabelSet(input: Readonly<NewLabelSetInput>): LabelSetRecord {
    const id = this.createTx.immediate(input);
    const set = this.getLabelSet(id);
    if (!set) throw new Error(`label set ${id} vanished right after it was inserted`);
    return set;
  }

  getLabelSet(id: string): LabelSetRecord | undefined {
    const row = this.getSetStmt.get(id);
    return row ? toLabelSetRecord(row) : undefined;
  }

  listLabelSets(): LabelSetRecord[] {
    return this.listSetsStmt.all().map(toLabelSetRecord);
  }

  getLabelGroup(id: string, generation: number): LabelGroup | undefined {
    return this.readGroupTx.deferred(id, generation);
  }

  getLabelGenerations(id: string): number[] {
    return this.getGenerationsStmt.all(id).map((row) => row.generation);
  }

  saveLabels(id: string, entries: readonly LabelEntry[], labeledBy: string): { saved: number } {
    if (labeledBy.trim() === '') {
      throw new StoreError('BAD_LABEL', this.ctx.file, `label set ${id}: labels need the name of who labelled them`);
    }
    if (entries.length === 0) return { saved: 0 };
    return { saved: this.saveTx.immediate(id, entries, labeledBy) };
  }

  deleteLabelSet(id: string): boolean {
    return this.deleteSetStmt.run(id).changes > 0;
  }

  /** Throws LABEL_SET_NOT_FOUND, naming `id`, for an unknown label set. */
  requireLabelSet(id: string): void {
    if (this.setExistsStmt.get(id) === undefined) {
      throw new StoreError('LABEL_SET_NOT_FOUND', this.ctx.file, `no label set with id ${id}`);
    }
  }

  private requireGroupSizes(id: string): Map<number, number> {
    this.requireLabelSet(id);
    return new Map(this.getGroupSizesStmt.all(id).map((g) => [g.generation, g.count]));
  }

  private checkEntry(id: string, sizes: Map<number, number>, entry: LabelEntry, index: number): void {
    const { generation, idx, label } = entry;
    const fail = (reason: string): never => {
      throw new StoreError(
        'BAD_LABEL',
        this.ctx.file,
        `label set ${id}, entry ${index} (generation ${generation}, idx ${idx}): ${reason}; nothing was saved`,
      );
    };
    const count = sizes.get(generation);
    if (count === undefined) fail('the label set has no such generation');
    else if (!Number.isInteger(idx) || idx < 0 || idx >= count) {
      fail(`idx must be an integer in 0..${count - 1} (the group has ${count} candidates)`);
    }
    if (label !== 0 && label !== 1 && label !== null) fail(`label must be 0, 1 or null, not ${String(label)}`);
  }

  private timestamp(): string {
    return this.ctx.now().toISOString();
  }
}
