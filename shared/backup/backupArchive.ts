import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { sha256Hex } from '../util/sha256';
import { localFileStamp } from '../util/localTime';

/**
 * The app's archive files: a zip with a manifest, one JSON file per table and
 * the photo blobs as files. Every entry's SHA-256 is in the manifest, so a
 * damaged or edited file is refused before anything is read into the database.
 * Two kinds share the format:
 * - a backup (.zwgkbak): every table, restored by replacing all local data;
 * - a sync bundle (.zwgksync): the change log and photos, merged into local data.
 */
export type ArchiveKind = 'backup' | 'sync';
const FORMAT: Record<ArchiveKind, string> = { backup: 'zwgk-inspector-backup', sync: 'zwgk-inspector-sync' };
export const BACKUP_FORMAT = FORMAT.backup;
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_EXTENSION = 'zwgkbak';
export const SYNC_EXTENSION = 'zwgksync';

export interface BackupBlob {
  id: string;
  photoId: string;
  type: string;
  bytes: Uint8Array;
}

export interface BackupContent {
  /** Rows per table (JSON-compatible). */
  tables: Record<string, unknown[]>;
  blobs: BackupBlob[];
  /**
   * False for a data-only backup (the frequent automatic ones): photo bytes are
   * left out, and restoring it keeps the photos already on the machine.
   */
  includesPhotos: boolean;
}

export interface BackupInfo {
  createdAt: string;
  deviceId: string;
  author: string;
  dbVersion: number;
  appVersion: string;
}

const manifestSchema = z.object({
  format: z.string(),
  formatVersion: z.number().int(),
  createdAt: z.string(),
  deviceId: z.string(),
  author: z.string(),
  dbVersion: z.number().int().positive(),
  appVersion: z.string(),
  tables: z.record(z.string(), z.object({ rows: z.number().int().nonnegative(), sha256: z.string() })),
  blobs: z.array(z.object({ id: z.string(), photoId: z.string(), type: z.string(), file: z.string(), sha256: z.string() })),
  includesPhotos: z.boolean().default(true),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

export class BackupError extends Error {
  override readonly name = 'BackupError';
}

export async function packBackup(content: BackupContent, info: BackupInfo, kind: ArchiveKind = 'backup'): Promise<Uint8Array> {
  const files: Zippable = {};
  const tables: BackupManifest['tables'] = {};
  for (const [name, rows] of Object.entries(content.tables).sort(([a], [b]) => a.localeCompare(b))) {
    const bytes = strToU8(JSON.stringify(rows));
    files[`tables/${name}.json`] = bytes;
    tables[name] = { rows: rows.length, sha256: await sha256Hex(bytes) };
  }
  const blobs: BackupManifest['blobs'] = [];
  for (const [i, b] of content.blobs.entries()) {
    const file = `blobs/${String(i).padStart(6, '0')}`;
    files[file] = [b.bytes, { level: 0 }]; // JPEG does not compress further
    blobs.push({ id: b.id, photoId: b.photoId, type: b.type, file, sha256: await sha256Hex(b.bytes) });
  }
  const manifest: BackupManifest = { format: FORMAT[kind], formatVersion: BACKUP_FORMAT_VERSION, ...info, tables, blobs, includesPhotos: content.includesPhotos };
  files['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2));
  return zipSync(files, { level: 6 });
}

/** Reads and verifies a backup; throws BackupError with a clear message for anything wrong. */
export async function unpackBackup(
  bytes: Uint8Array,
  maxDbVersion: number,
  kind: ArchiveKind = 'backup',
): Promise<{ manifest: BackupManifest; content: BackupContent }> {
  const what = kind === 'backup' ? '备份文件' : '同步数据包';
  const foreign = `该文件不是本软件的${what}`;
  if (bytes.byteLength < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new BackupError(foreign);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    throw new BackupError(`${what}已损坏，无法读取`);
  }
  const rawManifest = files['manifest.json'];
  if (!rawManifest) throw new BackupError(`${foreign}（缺少清单）`);
  let manifest: BackupManifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(strFromU8(rawManifest)));
  } catch {
    throw new BackupError(`${foreign}（清单无效）`);
  }
  if (manifest.format !== FORMAT[kind]) {
    const other = kind === 'backup' ? '这是同步数据包，请在「多机合并」中导入' : '这是备份文件，请用「从备份恢复」';
    throw new BackupError(Object.values(FORMAT).includes(manifest.format) ? `${foreign}：${other}` : foreign);
  }
  if (manifest.formatVersion > BACKUP_FORMAT_VERSION || manifest.dbVersion > maxDbVersion) {
    throw new BackupError(`该${what}由更新版本的软件生成，请先升级软件`);
  }
  const tables: Record<string, unknown[]> = {};
  for (const [name, meta] of Object.entries(manifest.tables)) {
    const file = files[`tables/${name}.json`];
    if (!file || (await sha256Hex(file)) !== meta.sha256) throw new BackupError(`${what}已损坏：数据表「${name}」校验不符`);
    const rows = JSON.parse(strFromU8(file)) as unknown;
    if (!Array.isArray(rows) || rows.length !== meta.rows) throw new BackupError(`${what}已损坏：数据表「${name}」行数不符`);
    tables[name] = rows;
  }
  const blobs: BackupBlob[] = [];
  for (const b of manifest.blobs) {
    const file = files[b.file];
    if (!file || (await sha256Hex(file)) !== b.sha256) throw new BackupError(`${what}已损坏：照片数据校验不符`);
    blobs.push({ id: b.id, photoId: b.photoId, type: b.type, bytes: file });
  }
  return { manifest, content: { tables, blobs, includesPhotos: manifest.includesPhotos } };
}

/** File name for a backup: `<series>-YYYYMMDDTHHmmss.zwgkbak` (series: auto, manual, prerestore). */
export type BackupSeries = 'auto' | 'daily' | 'manual' | 'prerestore' | 'premerge';

export function backupFileName(series: BackupSeries, at: Date): string {
  return `${series}-${stamp(at)}.${BACKUP_EXTENSION}`;
}

/** File name for a sync bundle: `同步-<inspector>-YYYYMMDDTHHmmss.zwgksync`. */
export function syncBundleFileName(author: string, at: Date): string {
  const who = author.replace(/[\\/:*?"<>|\s]/g, '').slice(0, 20) || '检查人员';
  return `同步-${who}-${stamp(at)}.${SYNC_EXTENSION}`;
}

/** The user's local time, as the person who made the file reads it. */
function stamp(at: Date): string {
  return localFileStamp(at);
}
