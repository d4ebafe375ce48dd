import Dexie, { type EntityTable } from 'dexie';
import type { ChangeLogEntry } from '../../shared/domain/changeLog';
import type { Target } from '../../shared/domain/targets';

/**
 * The app's IndexedDB database. Every schema change is a new version with an
 * upgrade function, tested by opening a database written by the previous version.
 *
 * History:
 *  v1 — first release: targets had one `publicPhone` string.
 *  v2 — targets carry `disclosurePhones: string[]` and an indexable `deleted` flag
 *       (IndexedDB cannot index null, so soft delete is mirrored as 0/1).
 */
export const DB_NAME = 'zwgk-inspector';

export interface MetaRow {
  key: string;
  value: unknown;
}

/** A stored target: the domain row plus the indexable soft-delete flag. */
export interface TargetRow extends Target {
  deleted: 0 | 1;
}

export class InspectorDatabase extends Dexie {
  meta!: EntityTable<MetaRow, 'key'>;
  targets!: EntityTable<TargetRow, 'id'>;
  changes!: EntityTable<ChangeLogEntry, 'id'>;

  constructor(name: string = DB_NAME) {
    super(name);
    this.version(1).stores({
      meta: 'key',
      targets: 'id, name, kind, region, updatedAt',
      changes: 'id, hlc, [table+rowId]',
    });
    this.version(2)
      .stores({
        targets: 'id, name, kind, region, updatedAt, deleted, [deleted+kind]',
      })
      .upgrade(async (tx) => {
        await tx
          .table('targets')
          .toCollection()
          .modify((row: Record<string, unknown>) => {
            const phone = typeof row.publicPhone === 'string' ? row.publicPhone : '';
            row.disclosurePhones = phone
              .split(/[,，;；、\s]+/)
              .map((s) => s.trim())
              .filter(Boolean);
            delete row.publicPhone;
            row.deletedAt = (row.deletedAt as string | null | undefined) ?? null;
            row.deleted = row.deletedAt ? 1 : 0;
          });
      });
  }
}

/** Tables whose rows are change-logged (synced and audited). */
export type LoggedTableName = 'targets';
