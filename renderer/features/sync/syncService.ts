import type { Table } from 'dexie';
import { z } from 'zod';
import { packBackup, syncBundleFileName, SYNC_EXTENSION, unpackBackup, type BackupBlob } from '../../../shared/backup/backupArchive';
import type { ChangeLogEntry } from '../../../shared/domain/changeLog';
import { parseHlc } from '../../../shared/sync/hlc';
import { fieldKey, fieldState, groupByField, materializeRow } from '../../../shared/sync/merge';
import { sha256Hex } from '../../../shared/util/sha256';
import { LOGGED_TABLES, type ConflictRow, type InspectorDatabase } from '../../db/database';
import type { Session } from '../../db/session';

/**
 * Merging laptops: a sync bundle carries this laptop's whole change log and
 * photos; importing one adds the changes not seen yet, rebuilds the rows they
 * touch from the log, and records fields changed concurrently as conflicts.
 */
export const SYNC_FILTERS = [{ name: '检查助手同步数据包', extensions: [SYNC_EXTENSION] }];

const entrySchema = z.object({
  id: z.string().min(1).max(200),
  hlc: z.string().regex(/^\d{13}-\d{5}-.+$/),
  table: z.enum(LOGGED_TABLES),
  rowId: z.string().min(1).max(200),
  field: z.string().min(1).max(100),
  value: z.unknown(),
  author: z.string().max(100),
  deviceId: z.string().min(1).max(100),
  prev: z.array(z.string()).optional(),
});

export async function exportSyncBundle(session: Session, appVersion: string): Promise<{ fileName: string; bytes: Uint8Array; changes: number }> {
  const { db } = session;
  const snapshot = await db.transaction('r', db.changes, db.photoBlobs, async () => ({
    changes: await db.changes.toArray(),
    blobs: await db.photoBlobs.toArray(),
  }));
  const blobs: BackupBlob[] = [];
  for (const b of snapshot.blobs) blobs.push({ id: b.id, photoId: b.photoId, type: b.blob.type, bytes: new Uint8Array(await b.blob.arrayBuffer()) });
  const at = new Date();
  const bytes = await packBackup(
    { tables: { changes: snapshot.changes }, blobs, includesPhotos: true },
    { createdAt: at.toISOString(), deviceId: session.device.deviceId, author: session.profile?.name ?? '', dbVersion: db.verno, appVersion },
    'sync',
  );
  return { fileName: syncBundleFileName(session.profile?.name ?? '', at), bytes, changes: snapshot.changes.length };
}

export interface BundlePreview {
  fromAuthor: string;
  fromDevice: string;
  createdAt: string;
  total: number;
  newChanges: number;
  sameDevice: boolean;
}

interface ParsedBundle {
  preview: BundlePreview;
  entries: ChangeLogEntry[];
  blobs: BackupBlob[];
  sha256: string;
}

async function parseBundle(db: InspectorDatabase, deviceId: string, bytes: Uint8Array): Promise<ParsedBundle> {
  const { manifest, content } = await unpackBackup(bytes, db.verno, 'sync');
  const parsed = z.array(entrySchema).safeParse(content.tables.changes ?? []);
  if (!parsed.success) throw new Error('同步数据包内容无效：修改记录格式不正确');
  const entries = parsed.data as ChangeLogEntry[];
  const known = await db.changes.bulkGet(entries.map((e) => e.id));
  const newChanges = known.filter((k) => !k).length;
  return {
    preview: {
      fromAuthor: manifest.author,
      fromDevice: manifest.deviceId,
      createdAt: manifest.createdAt,
      total: entries.length,
      newChanges,
      sameDevice: manifest.deviceId === deviceId,
    },
    entries,
    blobs: content.blobs,
    sha256: await sha256Hex(bytes),
  };
}

export async function previewSyncBundle(session: Session, bytes: Uint8Array): Promise<BundlePreview> {
  return (await parseBundle(session.db, session.device.deviceId, bytes)).preview;
}

export interface MergeSummary {
  newChanges: number;
  rowsUpdated: number;
  conflicts: number;
  photosAdded: number;
}

/** Merge a bundle; all or nothing. Importing the same bundle again changes nothing. */
export async function importSyncBundle(session: Session, fileName: string, bytes: Uint8Array): Promise<MergeSummary> {
  const { db } = session;
  const bundle = await parseBundle(db, session.device.deviceId, bytes);
  const tables: Table[] = [...LOGGED_TABLES.map((t) => db.table(t)), db.changes, db.conflicts, db.importedBundles, db.photoBlobs];
  const summary = await db.transaction('rw', tables, async () => {
    const known = await db.changes.bulkGet(bundle.entries.map((e) => e.id));
    const fresh = bundle.entries.filter((_, i) => !known[i]);
    if (fresh.length) await db.changes.bulkAdd(fresh);
    const rows = new Map<string, { table: string; rowId: string }>();
    for (const e of fresh) rows.set(`${e.table}\u0001${e.rowId}`, { table: e.table, rowId: e.rowId });
    let conflicts = 0;
    for (const { table, rowId } of rows.values()) {
      const history = await db.changes.where('[table+rowId]').equals([table, rowId]).toArray();
      const row = materializeRow(rowId, history);
      const newest = history.reduce((m, e) => (e.hlc > m ? e.hlc : m), '');
      row.updatedAt = new Date(parseHlc(newest).ms).toISOString();
      await db.table(table).put(row);
      for (const [key, list] of groupByField(history)) {
        const state = fieldState(list)!;
        if (state.conflict) {
          conflicts++;
          await db.conflicts.put({
            id: key,
            table,
            rowId,
            field: list[0].field,
            heads: state.conflict.map((h) => h.hlc),
            detectedAt: new Date().toISOString(),
          } satisfies ConflictRow);
        } else {
          await db.conflicts.delete(key);
        }
      }
    }
    const haveBlobs = await db.photoBlobs.bulkGet(bundle.blobs.map((b) => b.id));
    const newBlobs = bundle.blobs.filter((_, i) => !haveBlobs[i]);
    await db.photoBlobs.bulkAdd(newBlobs.map((b) => ({ id: b.id, photoId: b.photoId, blob: new Blob([b.bytes as BlobPart], { type: b.type }) })));
    if (fresh.length || newBlobs.length) {
      await db.importedBundles.put({
        id: bundle.sha256,
        fileName,
        sha256: bundle.sha256,
        fromDevice: bundle.preview.fromDevice,
        fromAuthor: bundle.preview.fromAuthor,
        createdAt: bundle.preview.createdAt,
        importedAt: new Date().toISOString(),
        newChanges: fresh.length,
      });
    }
    return { newChanges: fresh.length, rowsUpdated: rows.size, conflicts, photosAdded: newBlobs.length };
  });
  const newest = bundle.entries.reduce((m, e) => (e.hlc > m ? e.hlc : m), '');
  if (newest) session.logger.observe(newest);
  return summary;
}

export interface ConflictView {
  id: string;
  table: string;
  rowId: string;
  field: string;
  candidates: ChangeLogEntry[];
  current: unknown;
  /** What the row is, in words: a unit's name, a round's title, a finding's description. */
  rowLabel: string;
}

/** Open conflicts, re-checked against the log (a later edit may already have settled one). */
export async function listConflicts(db: InspectorDatabase): Promise<ConflictView[]> {
  const out: ConflictView[] = [];
  for (const c of await db.conflicts.toArray()) {
    const history = (await db.changes.where('[table+rowId]').equals([c.table, c.rowId]).toArray()).filter((e) => e.field === c.field);
    const state = fieldState(history);
    if (!state?.conflict) continue;
    const row = (await db.table(c.table).get(c.rowId)) as Record<string, unknown> | undefined;
    const label = [row?.name, row?.title, row?.targetName, row?.description, row?.ruleId].find((v) => typeof v === 'string' && v) as string | undefined;
    out.push({ id: c.id, table: c.table, rowId: c.rowId, field: c.field, candidates: state.conflict, current: state.winner.value, rowLabel: label ?? c.rowId.slice(0, 8) });
  }
  return out;
}

/** Settle a conflict with the chosen value: a new change that replaces every concurrent value. */
export async function resolveConflict(session: Session, conflict: ConflictView, value: unknown): Promise<void> {
  const { db, logger } = session;
  const table = db.table(conflict.table);
  await db.transaction('rw', table, db.changes, db.conflicts, async () => {
    const row = await table.get(conflict.rowId);
    if (!row) throw new Error('记录不存在');
    const hlc = logger.nextHlc();
    await db.changes.add({
      id: `${hlc}#000`,
      hlc,
      table: conflict.table,
      rowId: conflict.rowId,
      field: conflict.field,
      value: value ?? null,
      author: logger.author,
      deviceId: logger.deviceId,
      prev: conflict.candidates.map((c) => c.hlc),
    });
    await table.put({ ...row, [conflict.field]: value, updatedAt: new Date().toISOString() });
    await db.conflicts.delete(fieldKey(conflict));
  });
}
