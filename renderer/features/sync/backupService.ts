import type { Table } from 'dexie';
import { ArchiveReader, ArchiveWriter, BACKUP_EXTENSION, BackupError, backupFileName, type BackupManifest } from '../../../shared/backup/backupArchive';
import { memorySink, readAll, type ByteSink, type ByteSource } from '../../../shared/backup/byteStreams';
import { checkRows, requiredTables } from '../../../shared/backup/restoreChecks';
import { parseHlc } from '../../../shared/sync/hlc';
import { LOGGED_TABLES, type InspectorDatabase } from '../../db/database';
import type { Session } from '../../db/session';
import { sha256Hex } from '../../../shared/util/sha256';
import { getPlatform, userMessage, type BackupOriginalStore, type BackupSeries } from '../../platform';
import { openArchiveFile, sealBackupSink } from '../lock/sealing';
import { originalsFor, type OriginalsBackend } from '../photos/originalStore';
import { fullBackupState, META_FULL_BACKUP, type FullBackupState } from './backupState';

/** Every table a backup carries: the change-logged tables, the change log itself and settings. */
const DATA_TABLES = [...LOGGED_TABLES, 'changes'] as const;
const BACKUP_TABLES = [...DATA_TABLES, 'meta'] as const;

export const BACKUP_FILTERS = [{ name: '检查助手备份', extensions: [BACKUP_EXTENSION] }];
const META_LAST_BACKUP = 'backup.last';
/**
 * Only office settings travel in a backup's `meta`: never this laptop's device
 * identity, its inspector profile or its backup records.
 */
const RESTORABLE_META = (key: string) => key.startsWith('settings.');

export const TABLE_LABELS: Record<string, string> = {
  targets: '被检查单位',
  schemes: '考核方案',
  inspections: '检查任务',
  assessments: '评分记录',
  responses: '评分',
  indicatorNotes: '指标备注',
  phoneCalls: '拨测记录',
  checklistAnswers: '五统一核查',
  draws: '抽查记录',
  findings: '问题',
  notices: '整改通知书',
  photos: '照片',
  photoLinks: '照片关联',
  checkRuns: '材料核查',
  complaintCases: '投诉件',
  bulletins: '通报记录',
  prefillDecisions: '年终预填确认',
  noticeDrafts: '整改通知书草稿',
  followUpTasks: '回头看任务',
  sharedSettings: '共享设置',
  noticeBlocks: '文号段',
  changes: '修改记录',
  meta: '设置',
};

export interface LastBackup {
  at: string;
  name: string;
  /** The newest change included, to skip automatic backups when nothing changed. */
  lastHlc: string | null;
}

export interface BackupOptions {
  includePhotos?: boolean;
  /** Original photo files (evidence); default: with the photos. */
  includeOriginals?: boolean;
  originals?: OriginalsBackend;
  /**
   * Automatic full backups on the desktop: the originals go into the store
   * beside the backups, only those it does not hold yet, and the file
   * references them instead of carrying them. Without it (a backup saved to a
   * chosen file, to take elsewhere) the file carries every original itself.
   */
  originalsStore?: BackupOriginalStore;
  onProgress?: (done: number, total: number) => void;
}

export interface WrittenBackup {
  name: string;
  bytes: number;
  lastHlc: string | null;
  manifest: BackupManifest;
  /** Originals the photos should have but that are not on this machine. */
  originalsMissing: number;
  /** With a store: originals copied into it by this backup (the new ones only). */
  originalsCopied: number;
}

/** A sink, or where to make one once the originals a backup references in the store are known. */
export type BackupTarget = ByteSink | ((storedOriginals: readonly string[]) => Promise<ByteSink>);

/**
 * Where every backup's bytes go, in one place: a file the user chooses
 * (self-contained), or a new file of one of the main process's series
 * (referencing `storedOriginals` in the store beside the backups). null: the
 * user cancelled the save dialog.
 */
export async function openBackupSink(
  db: InspectorDatabase,
  to: { chosen: string } | { series: BackupSeries; storedOriginals?: readonly string[] },
  passphrase?: string,
): Promise<ByteSink | null> {
  const platform = getPlatform();
  let raw: ByteSink | null;
  if ('chosen' in to) raw = await platform.saveStream(to.chosen, BACKUP_FILTERS);
  else {
    if (!platform.backups) throw new BackupError('当前环境没有自动备份文件夹');
    raw = await platform.backups.create(to.series, to.storedOriginals);
  }
  // Every backup is sealed with this laptop's key (and the passphrase, when one is set) as it is written.
  return raw ? sealBackupSink(db, raw, passphrase) : null;
}

/**
 * Puts the originals of `ids` that the store lacks into it, each read from
 * this machine and checked against its hash first. Returns the hashes the
 * store now holds for this backup, and how many were copied or are missing.
 */
async function fillStore(ids: readonly string[], live: OriginalsBackend, store: BackupOriginalStore, onEach: () => void) {
  const lacking = new Set(await store.missing([...ids]));
  const stored: string[] = [];
  let copied = 0;
  let missing = 0;
  for (const id of ids) {
    if (lacking.has(id)) {
      const bytes = await live.read(id);
      if (bytes && (await sha256Hex(bytes)) === id) {
        await store.put(id, bytes);
        stored.push(id);
        copied++;
      } else missing++;
    } else stored.push(id);
    onEach();
  }
  return { stored, copied, missing };
}

/**
 * Writes a backup into a sink, entry by entry: the tables as one consistent
 * snapshot, then each photo copy and original read one at a time, so memory
 * stays flat whatever the number of photos. The sink is aborted on failure.
 */
export async function writeBackup(session: Session, target: BackupTarget, appVersion: string, options: BackupOptions = {}): Promise<WrittenBackup> {
  const includesPhotos = options.includePhotos ?? true;
  const includesOriginals = includesPhotos && (options.includeOriginals ?? true);
  const { db } = session;
  const tables: Table[] = [...BACKUP_TABLES.map((t) => db.table(t)), db.photoBlobs];
  // Rows in one transaction (a consistent snapshot); photo bytes afterwards, one at a
  // time: they are content-addressed and never change, only appear.
  const snapshot = await db.transaction('r', tables, async () => {
    const rows: Record<string, unknown[]> = {};
    for (const t of DATA_TABLES) rows[t] = await db.table(t).toArray();
    rows.meta = (await db.meta.toArray()).filter((m) => RESTORABLE_META(m.key));
    const blobIds = includesPhotos ? ((await db.photoBlobs.toCollection().primaryKeys()) as string[]) : [];
    const lastHlc = (await db.changes.orderBy('hlc').last())?.hlc ?? null;
    return { rows, blobIds, lastHlc };
  });
  const photoIds = [...new Set((snapshot.rows.photos as { id: string }[]).map((p) => p.id))];
  const live = options.originals ?? originalsFor(db);
  const total = snapshot.blobIds.length + (includesOriginals ? photoIds.length : 0);
  let done = 0;
  const step = () => options.onProgress?.(++done, total);
  // With a store, the originals go there first: the backup file references what the store then holds.
  const inStore = includesOriginals && options.originalsStore ? await fillStore(photoIds, live, options.originalsStore, step) : null;
  const sink = typeof target === 'function' ? await target(inStore?.stored ?? []) : target;
  const writer = new ArchiveWriter(sink, 'backup');
  try {
    for (const t of BACKUP_TABLES) await writer.addTable(t, snapshot.rows[t]);
    for (const id of snapshot.blobIds) {
      const row = await db.photoBlobs.get(id);
      if (row) await writer.addBlob({ id: row.id, photoId: row.photoId, type: row.blob.type }, new Uint8Array(await row.blob.arrayBuffer()));
      step();
    }
    let originalsMissing = inStore?.missing ?? 0;
    if (includesOriginals && !inStore) {
      for (const id of photoIds) {
        const bytes = await live.read(id);
        if (!bytes || !(await writer.addOriginal(id, bytes))) originalsMissing++;
        step();
      }
    }
    const done2 = await writer.finish(
      { createdAt: new Date().toISOString(), deviceId: session.device.deviceId, author: session.profile?.name ?? '', dbVersion: db.verno, appVersion },
      { includesPhotos, includesOriginals, storedOriginals: inStore?.stored },
    );
    return { name: done2.name, bytes: done2.bytes, lastHlc: snapshot.lastHlc, manifest: done2.manifest, originalsMissing, originalsCopied: inStore?.copied ?? 0 };
  } catch (e) {
    await writer.abort().catch(() => undefined);
    throw e;
  }
}

/** A backup in memory (tests, small databases); the app streams with writeBackup. */
export async function createBackup(session: Session, appVersion: string, options: BackupOptions = {}): Promise<{ bytes: Uint8Array; lastHlc: string | null }> {
  const sink = memorySink();
  const written = await writeBackup(session, sink, appVersion, options);
  return { bytes: sink.bytes(), lastHlc: written.lastHlc };
}

// ------------------------------------------------------------------ restore

export interface RestoreTableCount {
  table: string;
  label: string;
  /** Rows in the backup. */
  rows: number;
  /** Rows here now, which the backup replaces. */
  local: number;
}

/** What a restore will do, for the confirmation. */
export interface RestorePreview {
  manifest: BackupManifest;
  /** Made on another laptop: its data is restored, its device identity and profile are not. */
  fromOtherLaptop: boolean;
  counts: RestoreTableCount[];
  /** The newest change in the backup: when, and who made it. */
  newestChange: { at: string; author: string } | null;
  photoFiles: number;
  /** Originals the backup carries or references in the store beside the automatic backups. */
  originals: number;
  /** Referenced originals that neither this machine nor the store holds (not restored; 核验 lists them). */
  originalsUnavailable: number;
  /** False for a plain backup (made before backups were encrypted). */
  encrypted: boolean;
}

/** What a restore did besides the data. */
export interface RestoreOutcome {
  /** Originals put back on this machine (from the file or from the store). */
  originalsRestored: number;
  /** Originals of the store whose bytes no longer match their hash: never put back. */
  originalsDamaged: string[];
}

/** A backup verified completely (every table, every row) and ready to replace local data. */
export interface PreparedRestore {
  preview: RestorePreview;
  /** Writes it; all-or-nothing for the data. */
  apply(onProgress?: (done: number, total: number) => void): Promise<RestoreOutcome>;
  /** Releases the file without restoring. */
  close(): Promise<void>;
}

export interface RestoreOptions {
  originals?: OriginalsBackend;
  /** The store beside the automatic backups (default: the platform's; none in the browser). */
  backupOriginals?: BackupOriginalStore | null;
  /** For a backup sealed with a passphrase (taken from another machine). */
  passphrase?: string;
}

/** Opens and checks a backup; nothing is written. Throws BackupError with a Chinese message. */
export async function prepareRestore(session: Session, file: ByteSource | Uint8Array, options: RestoreOptions = {}): Promise<PreparedRestore> {
  const { db } = session;
  const opened = await openArchiveFile(db, file, 'backup', options.passphrase);
  const reader = await ArchiveReader.open(opened.source, db.verno, 'backup');
  try {
    const { manifest } = reader;
    const known = new Set<string>(BACKUP_TABLES);
    const unknown = Object.keys(manifest.tables).filter((t) => !known.has(t));
    if (unknown.length) throw new BackupError(`备份含有本版本不认识的数据表：${unknown.join('、')}`);
    const listed = Object.keys(manifest.tables);
    if (listed.length === 0) throw new BackupError('备份文件不含任何数据表，已拒绝恢复（恢复它会清空本机全部数据）');
    const missing = requiredTables(manifest.dbVersion).filter((t) => !manifest.tables[t]);
    if (missing.length) throw new BackupError(`备份文件缺少必需的数据表：${missing.map((t) => TABLE_LABELS[t] ?? t).join('、')}，已拒绝恢复`);
    const rows: Record<string, unknown[]> = {};
    for (const t of listed) {
      rows[t] = await reader.table(t);
      const problem = checkRows(t, rows[t], TABLE_LABELS[t] ?? t);
      if (problem) throw new BackupError(`备份文件内容无效：${problem}`);
    }
    const changes = (rows.changes ?? []) as { hlc: string; author: string }[];
    const newest = changes.reduce<{ hlc: string; author: string } | null>((m, c) => (!m || c.hlc > m.hlc ? c : m), null);
    const counts: RestoreTableCount[] = [];
    for (const t of DATA_TABLES) counts.push({ table: t, label: TABLE_LABELS[t], rows: rows[t]?.length ?? 0, local: await db.table(t).count() });
    // Originals referenced in the store: only those this machine lacks are needed, and the store must hold them.
    const live = options.originals ?? originalsFor(db);
    const store = options.backupOriginals === undefined ? (getPlatform().backups?.originals ?? null) : options.backupOriginals;
    const needed = manifest.storedOriginals.length ? await live.missing(manifest.storedOriginals) : [];
    const unavailable = new Set(needed.length && store ? await store.missing(needed) : needed);
    const fromStore = needed.filter((h) => !unavailable.has(h));
    const preview: RestorePreview = {
      manifest,
      fromOtherLaptop: manifest.deviceId !== session.device.deviceId,
      counts,
      newestChange: newest ? { at: new Date(parseHlc(newest.hlc).ms).toISOString(), author: newest.author } : null,
      photoFiles: manifest.blobs.length,
      originals: manifest.originals.length + manifest.storedOriginals.length,
      originalsUnavailable: unavailable.size,
      encrypted: opened.encrypted,
    };
    return {
      preview,
      apply: async (onProgress) => {
        try {
          return await applyRestore(db, reader, rows, live, store && fromStore.length ? { store, hashes: fromStore } : null, onProgress);
        } finally {
          await reader.close();
        }
      },
      close: () => reader.close(),
    };
  } catch (e) {
    await reader.close();
    throw e;
  }
}

/** Checks and restores in one go (tests; the app shows the preview in between). */
export async function restoreBackup(session: Session, file: ByteSource | Uint8Array, options: RestoreOptions = {}): Promise<RestorePreview & RestoreOutcome> {
  const prepared = await prepareRestore(session, file, options);
  return { ...prepared.preview, ...(await prepared.apply()) };
}

async function applyRestore(
  db: InspectorDatabase,
  reader: ArchiveReader,
  rows: Record<string, unknown[]>,
  originals: OriginalsBackend,
  fromStore: { store: BackupOriginalStore; hashes: string[] } | null,
  onProgress?: (done: number, total: number) => void,
): Promise<RestoreOutcome> {
  const { manifest } = reader;
  const total = manifest.blobs.length + manifest.originals.length + (fromStore?.hashes.length ?? 0);
  const outcome: RestoreOutcome = { originalsRestored: 0, originalsDamaged: [] };
  let done = 0;
  // Photo bytes first, outside the data transaction (reading the file cannot happen
  // inside one): only those missing here are added, and taken out again if the
  // restore fails, so a failed restore leaves the machine as it was.
  const added: string[] = [];
  try {
    const have = new Set((await db.photoBlobs.toCollection().primaryKeys()) as string[]);
    for (const b of manifest.blobs) {
      if (!have.has(b.id)) {
        const { bytes, type } = await reader.blob(b);
        await db.photoBlobs.put({ id: b.id, photoId: b.photoId, blob: new Blob([bytes as BlobPart], { type }) });
        added.push(b.id);
      }
      onProgress?.(++done, total);
    }
    // Originals are evidence: added when missing, never removed.
    const need = new Set(await originals.missing(manifest.originals.map((o) => o.sha256)));
    for (const o of manifest.originals) {
      if (need.has(o.sha256)) {
        await originals.put(o.sha256, await reader.original(o));
        outcome.originalsRestored++;
      }
      onProgress?.(++done, total);
    }
    // From the store beside the backups, each checked against its hash: a damaged one is never put back.
    for (const hash of fromStore?.hashes ?? []) {
      const bytes = await readStoredOriginal(fromStore!.store, hash);
      if (bytes && (await sha256Hex(bytes)) === hash) {
        await originals.put(hash, bytes);
        outcome.originalsRestored++;
      } else outcome.originalsDamaged.push(hash);
      onProgress?.(++done, total);
    }
    const keepBlobs = new Set(manifest.blobs.map((b) => b.id));
    const tables: Table[] = [...BACKUP_TABLES.map((t) => db.table(t)), db.photoBlobs];
    await db.transaction('rw', tables, async () => {
      for (const t of DATA_TABLES) await db.table(t).clear();
      for (const t of DATA_TABLES) if (rows[t]?.length) await db.table(t).bulkAdd(rows[t]);
      // Settings only; this laptop's identity, profile and backup records stay.
      const meta = (rows.meta ?? []) as { key: string; value: unknown }[];
      await db.meta.bulkPut(meta.filter((m) => RESTORABLE_META(m.key)));
      // A full backup replaces the photo copies; a data-only one keeps those here.
      if (manifest.includesPhotos) {
        const stale = ((await db.photoBlobs.toCollection().primaryKeys()) as string[]).filter((id) => !keepBlobs.has(id));
        await db.photoBlobs.bulkDelete(stale);
      }
    });
  } catch (e) {
    await db.photoBlobs.bulkDelete(added).catch(() => undefined);
    throw new BackupError(`恢复失败，本机数据未改变：${userMessage(e, 'restore')}`);
  }
  return outcome;
}

async function readStoredOriginal(store: BackupOriginalStore, hash: string): Promise<Uint8Array | null> {
  const source = await store.read(hash);
  if (!source) return null;
  try {
    return await readAll(source);
  } finally {
    await source.close();
  }
}

// ------------------------------------------------------------------ records

export async function lastBackup(db: InspectorDatabase): Promise<LastBackup | null> {
  return ((await db.meta.get(META_LAST_BACKUP))?.value as LastBackup | undefined) ?? null;
}

async function recordBackup(db: InspectorDatabase, name: string, lastHlc: string | null): Promise<void> {
  await db.meta.put({ key: META_LAST_BACKUP, value: { at: new Date().toISOString(), name, lastHlc } satisfies LastBackup });
}

async function recordFull(db: InspectorDatabase, problem: string | null): Promise<void> {
  const prev = await fullBackupState(db);
  const now = new Date().toISOString();
  const value: FullBackupState = problem ? { lastOkAt: prev.lastOkAt, problem: { at: now, message: problem } } : { lastOkAt: now, problem: null };
  await db.meta.put({ key: META_FULL_BACKUP, value });
}

/** 立即备份: everything, photos and originals included, streamed to where the user chooses. */
export async function saveBackupAs(session: Session, onProgress?: (done: number, total: number) => void, passphrase?: string): Promise<WrittenBackup | null> {
  const sink = await openBackupSink(session.db, { chosen: backupFileName('manual', new Date()) }, passphrase);
  if (!sink) return null;
  const written = await writeBackup(session, sink, await getPlatform().appVersion(), { onProgress });
  await recordBackup(session.db, written.name, written.lastHlc);
  await recordFull(session.db, null);
  return written;
}

/**
 * Desktop: the protected copy made before a restore or a merge, with photos
 * (the originals are never removed by either, so they are not copied again).
 */
export async function protectiveBackup(session: Session, series: 'pre-restore' | 'pre-merge'): Promise<string | null> {
  const platform = getPlatform();
  if (!platform.backups) return null;
  const sink = (await openBackupSink(session.db, { series }))!;
  const written = await writeBackup(session, sink, await platform.appVersion(), { includePhotos: true, includeOriginals: false });
  await recordBackup(session.db, written.name, written.lastHlc);
  return written.name;
}

/**
 * Desktop only: the automatic backups. Once a day a full backup (photos and
 * originals); in between, the data alone when something changed. A full backup
 * that fails is recorded (设置 and 工作台 show it in red) and retried hourly,
 * with a data-only backup written meanwhile so no work is unprotected.
 */
export function autoBackup(session: Session, now: Date = new Date()): Promise<string | null> {
  // One run at a time: timers that fire together (after sleep, say) share the run in progress.
  const running = autoBackupRuns.get(session.db);
  if (running) return running;
  const run = autoBackupOnce(session, now).finally(() => autoBackupRuns.delete(session.db));
  autoBackupRuns.set(session.db, run);
  return run;
}

const autoBackupRuns = new WeakMap<InspectorDatabase, Promise<string | null>>();

async function autoBackupOnce(session: Session, now: Date): Promise<string | null> {
  const platform = getPlatform();
  const backups = platform.backups;
  if (!backups) return null;
  const { db } = session;
  const newest = (await db.changes.orderBy('hlc').last())?.hlc ?? null;
  const last = await lastBackup(db);
  const full = await fullBackupState(db);
  const list = await backups.list();
  const fullRecently = list.some((b) => b.series === 'auto-full' && now.getTime() - Date.parse(b.modifiedAt) < DAY_MS);
  const retryDue = !full.problem || now.getTime() - Date.parse(full.problem.at) >= HOUR_MS;
  const changed = newest !== null && last?.lastHlc !== newest;
  const appVersion = await platform.appVersion();
  if (!fullRecently && retryDue && (changed || !!full.problem || list.every((b) => b.series !== 'auto-full'))) {
    if (newest === null && !(await db.photos.count())) return null; // an empty database needs no backup
    try {
      // Originals once each in the store beside the backups: this backup copies only those it does not hold yet.
      const written = await writeBackup(session, async (storedOriginals) => (await openBackupSink(db, { series: 'auto-full', storedOriginals }))!, appVersion, {
        includePhotos: true,
        includeOriginals: true,
        originalsStore: backups.originals,
      });
      await recordBackup(db, written.name, written.lastHlc);
      // Originals absent here (photos attached before originals were kept) are reported by 核验, not as a failed backup.
      await recordFull(db, null);
      return written.name;
    } catch (e) {
      await recordFull(db, userMessage(e));
      // Fall through: the data alone, so nothing typed is unprotected.
    }
  }
  if (!changed) return null;
  const written = await writeBackup(session, (await openBackupSink(db, { series: 'auto-data' }))!, appVersion, { includePhotos: false });
  await recordBackup(db, written.name, written.lastHlc);
  return written.name;
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export const AUTO_BACKUP_INTERVAL_MS = 10 * 60 * 1000;
