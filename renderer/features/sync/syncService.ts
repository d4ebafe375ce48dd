import type { Table } from 'dexie';
import { z } from 'zod';
import { ArchiveReader, ArchiveWriter, BackupError, syncBundleFileName, SYNC_EXTENSION, type ManifestBlob, type ManifestOriginal } from '../../../shared/backup/backupArchive';
import { isSource, memorySink, memorySource, type ByteSink, type ByteSource } from '../../../shared/backup/byteStreams';
import { buildInventory, inventorySchema, receiverHas, type Inventory } from '../../../shared/backup/inventory';
import type { ChangeLogEntry } from '../../../shared/domain/changeLog';
import { parseHlc } from '../../../shared/sync/hlc';
import { fieldKey, fieldState, groupByField, materializeRow } from '../../../shared/sync/merge';
import { LOGGED_TABLES, type ConflictRow, type InspectorDatabase } from '../../db/database';
import type { Session } from '../../db/session';
import { sha256Hex } from '../../../shared/util/sha256';
import { originalsFor, type OriginalsBackend } from '../photos/originalStore';
import { describeDbError } from './backupService';

/**
 * Merging laptops: a sync bundle carries this laptop's change log and photos
 * (all of them, or only what the receiver lacks, judged by its inventory);
 * importing one adds the changes not seen yet, rebuilds the rows they touch
 * from the log, and records fields changed concurrently as conflicts.
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

const META_PEER = 'peer.';

/** This laptop's inventory: photos held and, per laptop, the newest change held. */
export async function localInventory(session: Session, originals: OriginalsBackend = originalsFor(session.db)): Promise<Inventory> {
  const { db } = session;
  const heads = new Map<string, string>();
  await db.changes.orderBy('hlc').each((c) => heads.set(c.deviceId, c.hlc)); // ascending: the last one seen per device is its head
  const blobs = (await db.photoBlobs.toCollection().primaryKeys()) as string[];
  const photoIds = [...new Set(blobs.map((id) => id.split(':')[0]))];
  const withOriginal = new Set(photoIds);
  for (const m of await originals.missing(photoIds)) withOriginal.delete(m);
  return buildInventory(
    { deviceId: session.device.deviceId, author: session.profile?.name ?? '' },
    [...heads].map(([deviceId, hlc]) => ({ deviceId, hlc })),
    photoIds,
    withOriginal,
  );
}

/** Inventories learnt from colleagues' bundles, newest first: a bundle for them can leave out what they have. */
export async function knownPeers(db: InspectorDatabase): Promise<Inventory[]> {
  const rows = await db.meta.where('key').startsWith(META_PEER).toArray();
  return rows
    .map((r) => inventorySchema.safeParse(r.value))
    .filter((r) => r.success)
    .map((r) => r.data)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export interface BundleOptions {
  /** Leave out what this receiver already has. */
  receiver?: Inventory | null;
  /** Add the original photo files (evidence); larger bundles. */
  includeOriginals?: boolean;
  originals?: OriginalsBackend;
  onProgress?: (done: number, total: number) => void;
}

export interface WrittenBundle {
  fileName: string;
  bytes: number;
  changes: number;
  photos: number;
  originals: number;
}

/** Suggested file name of this laptop's bundle. */
export function bundleFileName(session: Session, at: Date = new Date()): string {
  return syncBundleFileName(session.profile?.name ?? '', at);
}

/** Streams a sync bundle into a sink: the change log, then photo copies (and originals) one at a time. */
export async function writeSyncBundle(session: Session, sink: ByteSink, appVersion: string, options: BundleOptions = {}): Promise<WrittenBundle> {
  const { db } = session;
  const receiver = options.receiver ?? null;
  const originals = options.originals ?? originalsFor(db);
  const snapshot = await db.transaction('r', db.changes, db.photoBlobs, async () => ({
    changes: await db.changes.toArray(),
    blobIds: (await db.photoBlobs.toCollection().primaryKeys()) as string[],
  }));
  const inventory = await localInventory(session, originals);
  const changes = receiver ? snapshot.changes.filter((c) => !receiverHas(receiver, c)) : snapshot.changes;
  const receiverPhotos = new Set(receiver?.photos ?? []);
  const blobIds = snapshot.blobIds.filter((id) => !receiverPhotos.has(id.split(':')[0]));
  const receiverOriginals = new Set(receiver?.originals ?? []);
  const originalIds = options.includeOriginals ? inventory.originals.filter((h) => !receiverOriginals.has(h)) : [];
  const writer = new ArchiveWriter(sink, 'sync');
  try {
    await writer.addTable('changes', changes);
    const total = blobIds.length + originalIds.length;
    let done = 0;
    let photos = 0;
    for (const id of blobIds) {
      const row = await db.photoBlobs.get(id);
      if (row) {
        await writer.addBlob({ id: row.id, photoId: row.photoId, type: row.blob.type }, new Uint8Array(await row.blob.arrayBuffer()));
        photos++;
      }
      options.onProgress?.(++done, total);
    }
    let originalCount = 0;
    for (const h of originalIds) {
      const bytes = await originals.read(h);
      if (bytes && (await writer.addOriginal(h, bytes))) originalCount++;
      options.onProgress?.(++done, total);
    }
    const at = new Date();
    const written = await writer.finish(
      { createdAt: at.toISOString(), deviceId: session.device.deviceId, author: session.profile?.name ?? '', dbVersion: db.verno, appVersion },
      {
        includesPhotos: true,
        includesOriginals: originalCount > 0,
        inventory,
        reducedFor: receiver ? { deviceId: receiver.deviceId, author: receiver.author, createdAt: receiver.createdAt } : null,
      },
    );
    return { fileName: written.name, bytes: written.bytes, changes: changes.length, photos, originals: originalCount };
  } catch (e) {
    await writer.abort().catch(() => undefined);
    throw e;
  }
}

/** A bundle in memory (tests and small exchanges); the app streams with writeSyncBundle. */
export async function exportSyncBundle(session: Session, appVersion: string, options: BundleOptions = {}): Promise<{ fileName: string; bytes: Uint8Array; changes: number }> {
  const sink = memorySink(bundleFileName(session));
  const written = await writeSyncBundle(session, sink, appVersion, options);
  return { fileName: written.fileName, bytes: sink.bytes(), changes: written.changes };
}

// Duck-typed: bytes made in another realm (a worker, a test environment) fail instanceof.
const asSource = (file: ByteSource | Uint8Array, name: string): ByteSource => (isSource(file) ? file : memorySource(file, name));

export interface BundlePreview {
  fromAuthor: string;
  fromDevice: string;
  createdAt: string;
  total: number;
  newChanges: number;
  sameDevice: boolean;
  photos: number;
  originals: number;
  /** Cut down for a receiver: whose inventory it was made for. */
  reducedFor: { deviceId: string; author: string; createdAt: string } | null;
}

/** A bundle opened and checked; its photos are read from the file when merged. */
export interface OpenedBundle {
  preview: BundlePreview;
  entries: ChangeLogEntry[];
  blobs: ManifestBlob[];
  originals: ManifestOriginal[];
  inventory: Inventory | null;
  /** Identifies the file (the manifest's hash: it lists every entry's hash). */
  sha256: string;
  reader: ArchiveReader;
  close(): Promise<void>;
}

/** Opens and checks a bundle: directory, manifest, change log. Nothing is written. */
export async function openSyncBundle(session: Session, file: ByteSource | Uint8Array): Promise<OpenedBundle> {
  const { db } = session;
  const reader = await ArchiveReader.open(asSource(file, 'bundle'), db.verno, 'sync');
  try {
    const { manifest } = reader;
    const parsed = z.array(entrySchema).safeParse(await reader.table('changes'));
    if (!parsed.success) {
      const at = parsed.error.issues[0]?.path[0];
      throw new BackupError(`同步数据包内容无效：修改记录格式不正确${typeof at === 'number' ? `（第 ${at + 1} 条）` : ''}`);
    }
    const entries = parsed.data as ChangeLogEntry[];
    const known = await db.changes.bulkGet(entries.map((e) => e.id));
    const inv = inventorySchema.safeParse(manifest.inventory);
    return {
      preview: {
        fromAuthor: manifest.author,
        fromDevice: manifest.deviceId,
        createdAt: manifest.createdAt,
        total: entries.length,
        newChanges: known.filter((k) => !k).length,
        sameDevice: manifest.deviceId === session.device.deviceId,
        photos: new Set(manifest.blobs.map((b) => b.photoId)).size,
        originals: manifest.originals.length,
        reducedFor: manifest.reducedFor,
      },
      entries,
      blobs: manifest.blobs,
      originals: manifest.originals,
      inventory: inv.success ? inv.data : null,
      sha256: await sha256Hex(JSON.stringify(manifest)),
      reader,
      close: () => reader.close(),
    };
  } catch (e) {
    await reader.close();
    throw e;
  }
}

export async function previewSyncBundle(session: Session, file: ByteSource | Uint8Array): Promise<BundlePreview> {
  const opened = await openSyncBundle(session, file);
  await opened.close();
  return opened.preview;
}

/**
 * Photo copies and originals the bundle brings, written before the merge
 * transaction (a file cannot be read inside one). Content-addressed, so adding
 * them twice changes nothing; returns what was added, for an undo on failure.
 */
async function addBundlePhotos(db: InspectorDatabase, bundle: OpenedBundle, originals: OriginalsBackend): Promise<string[]> {
  const have = await db.photoBlobs.bulkGet(bundle.blobs.map((b) => b.id));
  const added: string[] = [];
  try {
    for (const [i, b] of bundle.blobs.entries()) {
      if (have[i]) continue;
      const { bytes, type } = await bundle.reader.blob(b);
      await db.photoBlobs.put({ id: b.id, photoId: b.photoId, blob: new Blob([bytes as BlobPart], { type }) });
      added.push(b.id);
    }
    const need = new Set(await originals.missing(bundle.originals.map((o) => o.sha256)));
    for (const o of bundle.originals) if (need.has(o.sha256)) await originals.put(o.sha256, await bundle.reader.original(o));
  } catch (e) {
    await db.photoBlobs.bulkDelete(added).catch(() => undefined);
    throw e;
  }
  return added;
}

export interface MergeSummary {
  newChanges: number;
  rowsUpdated: number;
  conflicts: number;
  photosAdded: number;
}

/** Merge a bundle; all or nothing. Importing the same bundle again changes nothing. */
export async function importSyncBundle(session: Session, fileName: string, file: ByteSource | Uint8Array, options: { originals?: OriginalsBackend } = {}): Promise<MergeSummary> {
  const { db } = session;
  const bundle = await openSyncBundle(session, file);
  let addedBlobs: string[] = [];
  let summary: MergeSummary;
  try {
    addedBlobs = await addBundlePhotos(db, bundle, options.originals ?? originalsFor(db));
    summary = await mergeEntries(session, fileName, bundle, addedBlobs.length);
  } catch (e) {
    await db.photoBlobs.bulkDelete(addedBlobs).catch(() => undefined);
    throw new BackupError(`合并失败，本机数据未改变：${describeDbError(e)}`);
  } finally {
    await bundle.close();
  }
  // What the sender holds: a bundle for them can later leave it out.
  if (bundle.inventory && bundle.inventory.deviceId !== session.device.deviceId) {
    await db.meta.put({ key: `${META_PEER}${bundle.inventory.deviceId}`, value: bundle.inventory });
  }
  const newest = bundle.entries.reduce((m, e) => (e.hlc > m ? e.hlc : m), '');
  if (newest) session.logger.observe(newest);
  return summary;
}

async function mergeEntries(session: Session, fileName: string, bundle: OpenedBundle, photosAdded: number): Promise<MergeSummary> {
  const { db } = session;
  const tables: Table[] = [...LOGGED_TABLES.map((t) => db.table(t)), db.changes, db.conflicts, db.importedBundles];
  return db.transaction('rw', tables, async () => {
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
    if (fresh.length || photosAdded) {
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
    return { newChanges: fresh.length, rowsUpdated: rows.size, conflicts, photosAdded };
  });
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
