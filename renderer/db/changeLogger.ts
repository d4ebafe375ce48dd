import type { EntityTable } from 'dexie';
import { changedFields, fieldEntries, ROW_FIELD, rowEntryValue, type ChangeLogEntry } from '../../shared/domain/changeLog';
import { HybridLogicalClock, startupLimit } from '../../shared/sync/hlc';
import { DELETE_FIELD, isDeletedValue, newestHlc, prevFor, rowHeadStamps } from '../../shared/sync/merge';
import { prevWithoutSettling } from '../../shared/trust/bundleTrust';
import type { InspectorDatabase } from './database';
import { storedRows } from './storedRows';
import { writerMayLead } from './writerRole';

/** Who is writing: stamped on every change-log entry. */
export interface WriteContext {
  author: string;
  deviceId: string;
  clock: HybridLogicalClock;
  now?: () => Date;
}

type Row = { id: string };

/**
 * Writes rows and, in the same IndexedDB transaction, appends the change-log
 * entries: one row entry with every logged field for a new row, one entry per
 * changed field for an update. If either part fails, neither is stored.
 */
export class ChangeLogger {
  constructor(
    private readonly db: InspectorDatabase,
    private readonly ctx: WriteContext,
  ) {}

  get author(): string {
    return this.ctx.author;
  }

  get deviceId(): string {
    return this.ctx.deviceId;
  }

  /** A fresh timestamp for a change written outside `save` (settling a merge conflict), after the row's newest one. */
  nextHlc(floor?: string): string {
    return this.ctx.clock.after(floor);
  }

  /** The same clock and device, writing under another name. */
  withAuthor(author: string): ChangeLogger {
    return new ChangeLogger(this.db, { ...this.ctx, author });
  }

  /** Move the clock past a merged change, so later local edits sort after it. */
  observe(hlc: string): void {
    this.ctx.clock.receive(hlc);
  }

  /** This laptop's wall clock in ms (what "ahead of our clock" is measured against). */
  wallMs(): number {
    return this.ctx.clock.wall();
  }

  nowIso(): string {
    return (this.ctx.now?.() ?? new Date()).toISOString();
  }

  /** Save rows (insert or update); returns how many rows actually changed. */
  async save<T extends Row>(table: EntityTable<T, 'id'>, rows: T[]): Promise<number> {
    if (rows.length === 0) return 0;
    return this.db.transaction('rw', table, this.db.changes, async () => {
      // New rows cost no read: only the ids already stored are read.
      const before = await storedRows(table as never, rows.map((r) => r.id));
      const changed: T[] = [];
      const entries: ChangeLogEntry[] = [];
      const updatedAt = this.nowIso();
      for (const [i, row] of rows.entries()) {
        const old = before[i] as object | undefined;
        if (!old) {
          // A new row: its fields in one entry (the log's size is the number of rows, not of fields).
          const hlc = this.ctx.clock.after();
          entries.push({ id: `${hlc}#000`, hlc, table: table.name, rowId: row.id, field: ROW_FIELD, value: rowEntryValue(row), author: this.ctx.author, deviceId: this.ctx.deviceId });
          changed.push({ ...row, updatedAt } as T);
          continue;
        }
        const fields = changedFields(old, row);
        if (fields.length === 0) continue;
        // An update replaces the values of the field this device has seen (its heads),
        // so a merge can tell a later edit from a concurrent one.
        const history = fieldEntries(await this.db.changes.where('[table+rowId]').equals([table.name, row.id]).toArray());
        // Greater than every stamp of the row, whatever the wall clock says: a write
        // always sorts after the values it replaces.
        const hlc = this.ctx.clock.after(newestHlc(history));
        // A delete names everything it saw of the row, so an edit it did not see shows as a conflict.
        const deleting = isDeletedValue((row as Record<string, unknown>)[DELETE_FIELD]) && !isDeletedValue((old as Record<string, unknown>)[DELETE_FIELD]);
        fields.forEach((field, n) => {
          const ofField = history.filter((e) => e.field === field);
          const seen = deleting && field === DELETE_FIELD ? rowHeadStamps(history) : prevFor(ofField);
          // An inspector's edit of a field in conflict leaves the conflict for the 组长.
          const prev = writerMayLead(this.db) ? seen : prevWithoutSettling(seen, ofField);
          entries.push({
            id: `${hlc}#${String(n).padStart(3, '0')}`,
            hlc,
            table: table.name,
            rowId: row.id,
            field,
            value: (row as Record<string, unknown>)[field] ?? null,
            author: this.ctx.author,
            deviceId: this.ctx.deviceId,
            ...(prev ? { prev } : {}),
          });
        });
        changed.push({ ...row, updatedAt } as T);
      }
      if (changed.length === 0) return 0;
      await table.bulkPut(changed);
      await this.db.changes.bulkAdd(entries);
      return changed.length;
    });
  }

  /** Apply a partial update to one existing row. */
  async patch<T extends Row>(table: EntityTable<T, 'id'>, id: string, patch: Partial<T>): Promise<T> {
    return this.db.transaction('rw', table, this.db.changes, async () => {
      const current = await table.get(id as never);
      if (!current) throw new Error('记录不存在或已被删除');
      const next = { ...current, ...patch, id } as T;
      await this.save(table, [next]);
      return next;
    });
  }
}

/** The change history of one row as field changes, oldest first (a row entry reads as one change per field, with its stamp). */
export async function historyOf(db: InspectorDatabase, table: string, rowId: string): Promise<ChangeLogEntry[]> {
  return fieldEntries(await storedHistoryOf(db, table, rowId));
}

/** The change entries of one row as stored (row entries whole), oldest first. */
export async function storedHistoryOf(db: InspectorDatabase, table: string, rowId: string): Promise<ChangeLogEntry[]> {
  const rows = await db.changes.where('[table+rowId]').equals([table, rowId]).toArray();
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The newest HLC this database has issued or merged and that is not from the future, so a restarted clock never goes back. */
export async function lastHlc(db: InspectorDatabase, wall: number = Date.now()): Promise<string | undefined> {
  // Stamps further ahead than the allowed drift come from a laptop with a wrong clock: never resume from them.
  return (await db.changes.where('hlc').below(startupLimit(wall)).last())?.hlc;
}
