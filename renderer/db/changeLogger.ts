import type { EntityTable } from 'dexie';
import { changedFields, type ChangeLogEntry } from '../../shared/domain/changeLog';
import { HybridLogicalClock } from '../../shared/sync/hlc';
import { prevFor } from '../../shared/sync/merge';
import type { InspectorDatabase } from './database';

/** Who is writing: stamped on every change-log entry. */
export interface WriteContext {
  author: string;
  deviceId: string;
  clock: HybridLogicalClock;
  now?: () => Date;
}

type Row = { id: string };

/**
 * Writes rows and, in the same IndexedDB transaction, appends one change-log
 * entry per changed field. If either part fails, neither is stored.
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

  /** A fresh timestamp for a change written outside `save` (settling a merge conflict). */
  nextHlc(): string {
    return this.ctx.clock.now();
  }

  /** Move the clock past a merged change, so later local edits sort after it. */
  observe(hlc: string): void {
    this.ctx.clock.receive(hlc);
  }

  nowIso(): string {
    return (this.ctx.now?.() ?? new Date()).toISOString();
  }

  /** Save rows (insert or update); returns how many rows actually changed. */
  async save<T extends Row>(table: EntityTable<T, 'id'>, rows: T[]): Promise<number> {
    if (rows.length === 0) return 0;
    return this.db.transaction('rw', table, this.db.changes, async () => {
      const before = await table.bulkGet(rows.map((r) => r.id) as never[]);
      const changed: T[] = [];
      const entries: ChangeLogEntry[] = [];
      const updatedAt = this.nowIso();
      for (const [i, row] of rows.entries()) {
        const old = before[i] as object | undefined;
        const fields = changedFields(old, row);
        if (fields.length === 0) continue;
        // An update replaces the values of the field this device has seen (its heads),
        // so a merge can tell a later edit from a concurrent one.
        const history = old ? await this.db.changes.where('[table+rowId]').equals([table.name, row.id]).toArray() : [];
        const hlc = this.ctx.clock.now();
        fields.forEach((field, n) => {
          const prev = old ? prevFor(history.filter((e) => e.field === field)) : undefined;
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

/** The change history of one row, oldest first. */
export async function historyOf(db: InspectorDatabase, table: string, rowId: string): Promise<ChangeLogEntry[]> {
  const rows = await db.changes.where('[table+rowId]').equals([table, rowId]).toArray();
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The newest HLC this database has issued or merged, so a restarted clock never goes back. */
export async function lastHlc(db: InspectorDatabase): Promise<string | undefined> {
  return (await db.changes.orderBy('hlc').last())?.hlc;
}
