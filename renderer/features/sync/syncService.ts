import { z } from 'zod';
import { packBackup, syncBundleFileName, SYNC_EXTENSION, unpackBackup, type BackupBlob } from '../../../shared/backup/backupArchive';
import type { ChangeLogEntry } from '../../../shared/domain/changeLog';
import { sha256Hex } from '../../../shared/util/sha256';
import { LOGGED_TABLES, type InspectorDatabase } from '../../db/database';
import type { Session } from '../../db/session';
import { applyIncoming, type MergeSummary } from './applyBundle';

export { listConflicts, resolveConflict, type ConflictView, type MergeSummary } from './applyBundle';

/**
 * Merging laptops: a sync bundle carries this laptop's whole change log and
 * photos. This module packs and unpacks bundles; applyBundle.ts validates and
 * merges what they carry.
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

/** Merge a bundle; all or nothing. Importing the same bundle again changes nothing. A bundle from a laptop whose clock is far ahead is held for a person (summary.held). */
export async function importSyncBundle(session: Session, fileName: string, bytes: Uint8Array): Promise<MergeSummary> {
  const bundle = await parseBundle(session.db, session.device.deviceId, bytes);
  return applyIncoming(session, {
    fileName,
    sha256: bundle.sha256,
    fromDevice: bundle.preview.fromDevice,
    fromAuthor: bundle.preview.fromAuthor,
    createdAt: bundle.preview.createdAt,
    entries: bundle.entries,
    blobs: bundle.blobs.map((b) => ({ id: b.id, photoId: b.photoId, blob: new Blob([b.bytes as BlobPart], { type: b.type }) })),
  });
}
