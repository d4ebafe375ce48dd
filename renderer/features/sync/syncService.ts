import { z } from 'zod';
import { changeEntrySchema } from '../../../shared/sync/changeEntrySchema';
import { ArchiveReader, ArchiveWriter, BackupError, syncBundleFileName, SYNC_EXTENSION, type ManifestBlob, type ManifestOriginal } from '../../../shared/backup/backupArchive';
import { isSource, memorySink, memorySource, type ByteSink, type ByteSource } from '../../../shared/backup/byteStreams';
import { buildInventory, inventorySchema, receiverHas, type Inventory } from '../../../shared/backup/inventory';
import type { ChangeLogEntry } from '../../../shared/domain/changeLog';
import type { PhotoBlobRow } from '../../../shared/domain/photos';
import { LOGGED_TABLES, type InspectorDatabase } from '../../db/database';
import type { Session } from '../../db/session';
import { sha256Hex } from '../../../shared/util/sha256';
import { stripPhotoMetadata } from '../../../shared/crypto/exportPrivacy';
import { openArchiveFile } from '../lock/sealing';
import { storedRows } from '../../db/storedRows';
import { originalsFor, type OriginalsBackend } from '../photos/originalStore';
import { applyIncoming, wouldHold, validateIncoming, type IncomingBundle, type MergeSummary } from './applyBundle';
import { userMessage } from '../../platform';
import { bundleSigner, checkIncomingBundle, keepRoster, type CheckedBundle, type VerifiedSender } from '../trust/bundleSigning';

export { listConflicts, resolveConflict, type ConflictView, type MergeSummary } from './applyBundle';

/**
 * Merging laptops: a sync bundle carries this laptop's change log and photos
 * (all of them, or only what the receiver lacks, judged by its inventory).
 * This module packs, opens and checks bundles and brings their photos in;
 * applyBundle.ts validates and merges the changes they carry.
 */
export const SYNC_FILTERS = [{ name: '检查助手同步数据包', extensions: [SYNC_EXTENSION] }];

/** Entries of the tables a bundle carries. */
const entrySchema = changeEntrySchema.extend({ table: z.enum(LOGGED_TABLES) });

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
  /** 外送: for outside the office. No original files; photo copies without GPS or camera data. */
  outside?: boolean;
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
  const signer = await bundleSigner(db, session.device.deviceId);
  const unsigned = receiver ? snapshot.changes.filter((c) => !receiverHas(receiver, c)) : snapshot.changes;
  const changes = signer ? await signer.signEntries(unsigned) : unsigned;
  const receiverPhotos = new Set(receiver?.photos ?? []);
  const blobIds = snapshot.blobIds.filter((id) => !receiverPhotos.has(id.split(':')[0]));
  const receiverOriginals = new Set(receiver?.originals ?? []);
  const originalIds = options.includeOriginals && !options.outside ? inventory.originals.filter((h) => !receiverOriginals.has(h)) : [];
  const writer = new ArchiveWriter(sink, 'sync');
  try {
    await writer.addTable('changes', changes);
    const total = blobIds.length + originalIds.length;
    let done = 0;
    let photos = 0;
    for (const id of blobIds) {
      const row = await db.photoBlobs.get(id);
      if (row) {
        const bytes = new Uint8Array(await row.blob.arrayBuffer());
        await writer.addBlob({ id: row.id, photoId: row.photoId, type: row.blob.type }, options.outside ? stripPhotoMetadata(bytes) : bytes);
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
        seal: signer ? (m) => signer.seal(m) : undefined,
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
  /** The sender as enrolled, its signatures verified; null when this laptop has not joined an office. */
  sender: VerifiedSender | null;
  /** False for a bundle sent plain (or made before bundles were encrypted). */
  encrypted: boolean;
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
  /** The signature and role checks passed (a roster the bundle brought is kept on merge). */
  trust: CheckedBundle;
  reader: ArchiveReader;
  close(): Promise<void>;
}

/** Opens and checks a bundle: directory, manifest, change log. Nothing is written. */
export async function openSyncBundle(session: Session, file: ByteSource | Uint8Array, options: { passphrase?: string } = {}): Promise<OpenedBundle> {
  const { db } = session;
  const opened = await openArchiveFile(db, asSource(file, 'bundle'), 'sync', options.passphrase);
  const reader = await ArchiveReader.open(opened.source, db.verno, 'sync');
  try {
    const { manifest } = reader;
    const parsed = z.array(entrySchema).safeParse(await reader.table('changes'));
    if (!parsed.success) {
      const at = parsed.error.issues[0]?.path[0];
      throw new BackupError(`同步数据包内容无效：修改记录格式不正确${typeof at === 'number' ? `（第 ${at + 1} 条）` : ''}`);
    }
    const entries = parsed.data as ChangeLogEntry[];
    const known = await storedRows(db.changes, entries.map((e) => e.id));
    // Signatures and role rules, before anything is written or previewed.
    let trust: CheckedBundle;
    try {
      trust = await checkIncomingBundle(db, manifest, entries, known);
    } catch (e) {
      throw new BackupError((e as Error).message);
    }
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
        sender: trust.sender,
        encrypted: opened.encrypted,
      },
      trust,
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

export async function previewSyncBundle(session: Session, file: ByteSource | Uint8Array, options: { passphrase?: string } = {}): Promise<BundlePreview> {
  const opened = await openSyncBundle(session, file, options);
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
    // Written in small batches: one transaction per 50 images, not per image, and never the whole bundle in memory.
    const missing = bundle.blobs.filter((_, i) => !have[i]);
    for (let i = 0; i < missing.length; i += 50) {
      const rows: PhotoBlobRow[] = [];
      for (const b of missing.slice(i, i + 50)) {
        const { bytes, type } = await bundle.reader.blob(b);
        rows.push({ id: b.id, photoId: b.photoId, blob: new Blob([bytes as BlobPart], { type }) });
      }
      await db.photoBlobs.bulkPut(rows);
      added.push(...rows.map((r) => r.id));
    }
    const need = new Set(await originals.missing(bundle.originals.map((o) => o.sha256)));
    for (const o of bundle.originals) if (need.has(o.sha256)) await originals.put(o.sha256, await bundle.reader.original(o));
  } catch (e) {
    await db.photoBlobs.bulkDelete(added).catch(() => undefined);
    throw e;
  }
  return added;
}

/**
 * Merge a bundle; all or nothing. Importing the same bundle again changes nothing.
 * A bundle with changes stamped far ahead of this laptop's clock is held for a
 * person (summary.held), its photos kept with it until decided.
 */
export async function importSyncBundle(
  session: Session,
  fileName: string,
  file: ByteSource | Uint8Array,
  options: { originals?: OriginalsBackend; passphrase?: string } = {},
): Promise<MergeSummary> {
  const { db } = session;
  const bundle = await openSyncBundle(session, file, options);
  let addedBlobs: string[] = [];
  try {
    const incoming: IncomingBundle = {
      fileName,
      sha256: bundle.sha256,
      fromDevice: bundle.preview.fromDevice,
      fromAuthor: bundle.preview.fromAuthor,
      createdAt: bundle.preview.createdAt,
      entries: bundle.entries,
      blobs: [],
    };
    // Refuse a bad entry before a single photo is written.
    validateIncoming(incoming);
    if (await wouldHold(session, bundle.entries)) {
      const blobs: PhotoBlobRow[] = [];
      for (const b of bundle.blobs) {
        const { bytes, type } = await bundle.reader.blob(b);
        blobs.push({ id: b.id, photoId: b.photoId, blob: new Blob([bytes as BlobPart], { type }) });
      }
      return await applyIncoming(session, { ...incoming, blobs });
    }
    addedBlobs = await addBundlePhotos(db, bundle, options.originals ?? originalsFor(db));
    const summary = await applyIncoming(session, incoming);
    const added = new Set(addedBlobs);
    summary.photosAdded = new Set(bundle.blobs.filter((b) => added.has(b.id)).map((b) => b.photoId)).size;
    if (addedBlobs.length && !summary.newChanges) {
      await db.importedBundles.put({
        id: bundle.sha256,
        fileName,
        sha256: bundle.sha256,
        fromDevice: bundle.preview.fromDevice,
        fromAuthor: bundle.preview.fromAuthor,
        createdAt: bundle.preview.createdAt,
        importedAt: new Date().toISOString(),
        newChanges: 0,
      });
    }
    await keepRoster(db, bundle.trust);
    // What the sender holds: a bundle for them can later leave it out.
    if (bundle.inventory && bundle.inventory.deviceId !== session.device.deviceId) {
      await db.meta.put({ key: `${META_PEER}${bundle.inventory.deviceId}`, value: bundle.inventory });
    }
    return summary;
  } catch (e) {
    await db.photoBlobs.bulkDelete(addedBlobs).catch(() => undefined);
    const text = userMessage(e);
    throw new BackupError(text.includes('本机数据未改变') ? text : `合并失败，本机数据未改变：${text}`);
  } finally {
    await bundle.close();
  }
}
