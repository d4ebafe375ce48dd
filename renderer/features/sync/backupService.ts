import type { Table } from 'dexie';
import { BACKUP_EXTENSION, backupFileName, packBackup, unpackBackup, type BackupBlob, type BackupManifest, type BackupSeries } from '../../../shared/backup/backupArchive';
import { LOGGED_TABLES, type InspectorDatabase } from '../../db/database';
import type { Session } from '../../db/session';
import { getPlatform, writeAll, type BackupSeries as DiskSeries } from '../../platform';

/** Every table a backup carries: the change-logged tables, the change log itself and settings. */
const BACKUP_TABLES = [...LOGGED_TABLES, 'changes', 'meta'] as const;

export const BACKUP_FILTERS = [{ name: '检查助手备份', extensions: [BACKUP_EXTENSION] }];
const META_LAST_BACKUP = 'backup.last';

export interface LastBackup {
  at: string;
  name: string;
  /** The newest change included, to skip automatic backups when nothing changed. */
  lastHlc: string | null;
}

export async function createBackup(session: Session, appVersion: string, options: { includePhotos?: boolean } = {}): Promise<{ bytes: Uint8Array; lastHlc: string | null }> {
  const includesPhotos = options.includePhotos ?? true;
  const { db } = session;
  const tables: Table[] = [...BACKUP_TABLES.map((t) => db.table(t)), db.photoBlobs];
  // Read everything in one transaction (a consistent snapshot); convert and zip afterwards,
  // since an IndexedDB transaction closes while other promises are awaited.
  const snapshot = await db.transaction('r', tables, async () => {
    const rows: Record<string, unknown[]> = {};
    for (const t of BACKUP_TABLES) rows[t] = await db.table(t).toArray();
    const blobRows = includesPhotos ? await db.photoBlobs.toArray() : [];
    const lastHlc = (await db.changes.orderBy('hlc').last())?.hlc ?? null;
    return { rows, blobRows, lastHlc };
  });
  const blobs: BackupBlob[] = [];
  for (const b of snapshot.blobRows) blobs.push({ id: b.id, photoId: b.photoId, type: b.blob.type, bytes: new Uint8Array(await b.blob.arrayBuffer()) });
  const bytes = await packBackup(
    { tables: snapshot.rows, blobs, includesPhotos },
    { createdAt: new Date().toISOString(), deviceId: session.device.deviceId, author: session.profile?.name ?? '', dbVersion: db.verno, appVersion },
  );
  return { bytes, lastHlc: snapshot.lastHlc };
}

/** Verifies a backup completely, then replaces all local data with it in one transaction. */
export async function restoreBackup(db: InspectorDatabase, bytes: Uint8Array): Promise<BackupManifest> {
  const { manifest, content } = await unpackBackup(bytes, db.verno);
  const known = new Set<string>(BACKUP_TABLES);
  const unknown = Object.keys(content.tables).filter((t) => !known.has(t));
  if (unknown.length) throw new Error(`备份含有本版本不认识的数据表：${unknown.join('、')}`);
  const tables: Table[] = [...BACKUP_TABLES.map((t) => db.table(t)), db.photoBlobs];
  await db.transaction('rw', tables, async () => {
    // This laptop's own record of its last backup is not part of the restored data.
    const lastBackupRow = await db.meta.get(META_LAST_BACKUP);
    for (const t of BACKUP_TABLES) await db.table(t).clear();
    for (const [name, rows] of Object.entries(content.tables)) await db.table(name).bulkAdd(rows);
    if (lastBackupRow) await db.meta.put(lastBackupRow);
    // A data-only backup keeps the photo bytes already on this machine.
    if (content.includesPhotos) {
      await db.photoBlobs.clear();
      await db.photoBlobs.bulkAdd(content.blobs.map((b) => ({ id: b.id, photoId: b.photoId, blob: new Blob([b.bytes as BlobPart], { type: b.type }) })));
    }
  });
  return manifest;
}

export async function lastBackup(db: InspectorDatabase): Promise<LastBackup | null> {
  return ((await db.meta.get(META_LAST_BACKUP))?.value as LastBackup | undefined) ?? null;
}

async function recordBackup(db: InspectorDatabase, name: string, lastHlc: string | null): Promise<void> {
  await db.meta.put({ key: META_LAST_BACKUP, value: { at: new Date().toISOString(), name, lastHlc } satisfies LastBackup });
}

/** Save a backup through the platform (native dialog or download). */
export async function saveBackupAs(session: Session): Promise<boolean> {
  const platform = getPlatform();
  const { bytes, lastHlc } = await createBackup(session, await platform.appVersion());
  const name = backupFileName('manual', new Date());
  const saved = await platform.saveFile(name, bytes, BACKUP_FILTERS);
  if (saved) await recordBackup(session.db, name, lastHlc);
  return saved;
}

/**
 * Desktop only: write a backup into the app's backup folder when something
 * changed since the last one. The main process names the file and applies the
 * keep rule; returns the file name, or null when skipped.
 */
export async function autoBackup(session: Session, series: Extract<BackupSeries, 'auto' | 'prerestore' | 'premerge'> = 'auto'): Promise<string | null> {
  const platform = getPlatform();
  const backups = platform.backups;
  if (!backups) return null;
  const newest = (await session.db.changes.orderBy('hlc').last())?.hlc ?? null;
  const last = await lastBackup(session.db);
  if (series === 'auto' && (newest === null || last?.lastHlc === newest)) return null;
  const now = new Date();
  // Every 10 minutes the data alone (small and quick); once a day, and before a
  // restore or merge, everything including photos.
  const full = series !== 'auto' || !(await backups.list()).some((b) => b.series === 'auto-full' && now.getTime() - Date.parse(b.modifiedAt) < DAY_MS);
  const { bytes, lastHlc } = await createBackup(session, await platform.appVersion(), { includePhotos: full });
  const disk: DiskSeries = series === 'prerestore' ? 'pre-restore' : series === 'premerge' ? 'pre-merge' : full ? 'auto-full' : 'auto-data';
  const { name } = await writeAll(await backups.create(disk), bytes);
  await recordBackup(session.db, name, lastHlc);
  return name;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const AUTO_BACKUP_INTERVAL_MS = 10 * 60 * 1000;
