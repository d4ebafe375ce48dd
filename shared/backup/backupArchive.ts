import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { configure, Reader, ZipReader, ZipWriter, type FileEntry } from '@zip.js/zip.js/index-native.js';
import { z } from 'zod';
import { MIME, sniffImageKind, SNIFF_BYTES, type SupportedKind } from '../photos/sniff';
import { sha256Hex } from '../util/sha256';
import { localFileStamp } from '../util/localTime';
import { ARCHIVE_LIMITS, checkDirectory, entryRole, type ArchiveLimits } from './archiveLimits';
import { MAX_CHUNK_BYTES, type ByteSink, type ByteSource } from './byteStreams';

/**
 * The app's archive files: a zip (ZIP64 when large) with a manifest, one JSON
 * file per table, the photo copies and, optionally, the original photo files.
 * Every entry's SHA-256 and size are in the manifest, so a damaged or edited
 * file is refused before anything is read into the database. Archives are
 * written to a ByteSink and read from a ByteSource chunk by chunk: none is ever
 * held whole in memory. Two kinds share the format:
 * - a backup (.zwgkbak): every table, restored by replacing local data;
 * - a sync bundle (.zwgksync): the change log and photos, merged into local data.
 */
export type ArchiveKind = 'backup' | 'sync';
const FORMAT: Record<ArchiveKind, string> = { backup: 'zwgk-inspector-backup', sync: 'zwgk-inspector-sync' };
export const BACKUP_FORMAT = FORMAT.backup;
/** v1: fflate, whole file in memory. v2: streamed, sizes in the manifest, originals. */
export const BACKUP_FORMAT_VERSION = 2;
export const BACKUP_EXTENSION = 'zwgkbak';
export const SYNC_EXTENSION = 'zwgksync';

// No Web Workers (the app's CSP has no blob: workers); the browser's and Node's
// native CompressionStream does the deflating without blocking the page.
configure({ useWebWorkers: false, useCompressionStream: true });

export interface BackupInfo {
  createdAt: string;
  deviceId: string;
  author: string;
  dbVersion: number;
  appVersion: string;
}

const sha = z.string().regex(/^[0-9a-f]{64}$/);
const manifestSchema = z.object({
  format: z.string(),
  formatVersion: z.number().int(),
  createdAt: z.string(),
  deviceId: z.string().max(100),
  author: z.string().max(100),
  dbVersion: z.number().int().positive(),
  appVersion: z.string().max(50),
  tables: z.record(z.string(), z.object({ rows: z.number().int().nonnegative(), sha256: sha, bytes: z.number().int().nonnegative().optional() })),
  blobs: z.array(
    z.object({ id: z.string().max(200), photoId: z.string().max(100), type: z.string().max(100), file: z.string(), sha256: sha, bytes: z.number().int().nonnegative().optional() }),
  ),
  originals: z.array(z.object({ sha256: sha, file: z.string(), bytes: z.number().int().nonnegative() })).default([]),
  /** Automatic backups on the desktop: originals kept once each in the store beside the backups, not in this file. */
  storedOriginals: z.array(sha).default([]),
  includesPhotos: z.boolean().default(true),
  includesOriginals: z.boolean().default(false),
  /** Sync bundles: what the sender has (lets the receiver ask for less next time). */
  inventory: z.unknown().optional(),
  /** Sync bundles cut down to what a receiver lacked: whose inventory was used. */
  reducedFor: z.object({ deviceId: z.string().max(100), author: z.string().max(100), createdAt: z.string() }).nullable().default(null),
  /** Sync bundles of a laptop in an office: the sender's signature over the rest of the manifest (shared/trust/bundleTrust.ts). */
  signature: z.unknown().optional(),
});
export type BackupManifest = z.infer<typeof manifestSchema>;
export type ManifestBlob = BackupManifest['blobs'][number];
export type ManifestOriginal = BackupManifest['originals'][number];

export class BackupError extends Error {
  override readonly name = 'BackupError';
}

const whatOf = (kind: ArchiveKind) => (kind === 'backup' ? '备份文件' : '同步数据包');

// ------------------------------------------------------------------ writing

/** Gathers zip.js output into chunks of a few MiB before handing them to the sink. */
function sinkStream(sink: ByteSink): { stream: WritableStream<Uint8Array>; written: () => number } {
  const FLUSH = 4 * 1024 * 1024;
  let buf = new Uint8Array(FLUSH);
  let used = 0;
  let written = 0;
  const flush = async () => {
    if (!used) return;
    const out = buf.subarray(0, used);
    buf = new Uint8Array(FLUSH);
    used = 0;
    await sink.write(out);
  };
  const stream = new WritableStream<Uint8Array>({
    async write(chunk) {
      written += chunk.byteLength;
      let at = 0;
      while (at < chunk.byteLength) {
        const n = Math.min(FLUSH - used, chunk.byteLength - at);
        buf.set(chunk.subarray(at, at + n), used);
        used += n;
        at += n;
        if (used === FLUSH) await flush();
      }
    },
    close: flush,
  });
  return { stream, written: () => written };
}

/** Rows of one table, serialised as a JSON array a batch at a time. */
function jsonRowsStream(rows: readonly unknown[], hash: ReturnType<typeof sha256.create>, count: { bytes: number }): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i > rows.length) {
        controller.close();
        return;
      }
      let text = i === 0 ? '[' : '';
      const end = Math.min(rows.length, i + 500);
      for (; i < end; i++) text += (i ? ',' : '') + JSON.stringify(rows[i] ?? null);
      if (i === rows.length) {
        text += ']';
        i++;
      }
      const bytes = enc.encode(text);
      hash.update(bytes);
      count.bytes += bytes.byteLength;
      controller.enqueue(bytes);
    },
  });
}

function bytesStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.byteLength) return controller.close();
      const end = Math.min(bytes.byteLength, at + 1024 * 1024);
      controller.enqueue(bytes.subarray(at, end));
      at = end;
    },
  });
}

/**
 * Writes an archive entry by entry into a sink. Call `finish` once (it writes the
 * manifest and the central directory and closes the sink) or `abort`.
 */
export class ArchiveWriter {
  private readonly zip: ZipWriter<unknown>;
  private readonly tables: BackupManifest['tables'] = {};
  private readonly blobs: ManifestBlob[] = [];
  private readonly originals: ManifestOriginal[] = [];
  private readonly originalSet = new Set<string>();
  private readonly out: ReturnType<typeof sinkStream>;
  private done = false;

  constructor(
    private readonly sink: ByteSink,
    private readonly kind: ArchiveKind = 'backup',
  ) {
    this.out = sinkStream(sink);
    this.zip = new ZipWriter(this.out.stream, { level: 6, zip64: true, keepOrder: true, bufferedWrite: false });
  }

  async addTable(name: string, rows: readonly unknown[]): Promise<void> {
    if (entryRole(`tables/${name}.json`) !== 'table') throw new BackupError(`数据表名称无效：${name}`);
    const hash = sha256.create();
    const count = { bytes: 0 };
    await this.zip.add(`tables/${name}.json`, jsonRowsStream(rows, hash, count), { level: 6 });
    this.tables[name] = { rows: rows.length, sha256: bytesToHex(hash.digest()), bytes: count.bytes };
  }

  /** A stored copy or thumbnail. JPEG does not compress further: stored as is. */
  async addBlob(blob: { id: string; photoId: string; type: string }, bytes: Uint8Array): Promise<void> {
    const file = `blobs/${String(this.blobs.length).padStart(6, '0')}`;
    const digest = await sha256Hex(bytes);
    await this.zip.add(file, bytesStream(bytes), { level: 0 });
    this.blobs.push({ id: blob.id, photoId: blob.photoId, type: blob.type, file, sha256: digest, bytes: bytes.byteLength });
  }

  /** An original photo file, named by its SHA-256 (checked here). Returns false when its bytes do not match the name. */
  async addOriginal(sha256hex: string, bytes: Uint8Array): Promise<boolean> {
    if (this.originalSet.has(sha256hex)) return true;
    if ((await sha256Hex(bytes)) !== sha256hex) return false;
    const file = `originals/${sha256hex}`;
    await this.zip.add(file, bytesStream(bytes), { level: 0 });
    this.originals.push({ sha256: sha256hex, file, bytes: bytes.byteLength });
    this.originalSet.add(sha256hex);
    return true;
  }

  get bytesWritten(): number {
    return this.out.written();
  }

  async finish(
    info: BackupInfo,
    extra: { includesPhotos: boolean; includesOriginals?: boolean; storedOriginals?: readonly string[]; inventory?: unknown; reducedFor?: BackupManifest['reducedFor']; seal?: (manifest: BackupManifest) => Promise<unknown> },
  ): Promise<{ name: string; bytes: number; manifest: BackupManifest }> {
    const manifest: BackupManifest = {
      format: FORMAT[this.kind],
      formatVersion: BACKUP_FORMAT_VERSION,
      ...info,
      tables: this.tables,
      blobs: this.blobs,
      originals: this.originals,
      storedOriginals: [...(extra.storedOriginals ?? [])],
      includesPhotos: extra.includesPhotos,
      includesOriginals: extra.includesOriginals ?? false,
      inventory: extra.inventory,
      reducedFor: extra.reducedFor ?? null,
    };
    if (extra.seal) manifest.signature = await extra.seal(manifest);
    await this.zip.add('manifest.json', bytesStream(new TextEncoder().encode(JSON.stringify(manifest))), { level: 6 });
    await this.zip.close();
    this.done = true;
    const closed = await this.sink.close();
    return { ...closed, manifest };
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.sink.abort();
  }
}

// ------------------------------------------------------------------ reading

class SourceReader extends Reader<ByteSource> {
  constructor(private readonly source: ByteSource) {
    super(source);
    this.size = source.size;
  }
  override async init(): Promise<void> {
    this.size = this.source.size;
  }
  override async readUint8Array(index: number, length: number): Promise<Uint8Array> {
    const out = new Uint8Array(Math.max(0, Math.min(length, this.source.size - index)));
    for (let at = 0; at < out.byteLength; at += MAX_CHUNK_BYTES) {
      const part = await this.source.read(index + at, Math.min(MAX_CHUNK_BYTES, out.byteLength - at));
      out.set(part, at);
      if (part.byteLength === 0) break;
    }
    return out;
  }
}

/** Collects an entry's inflated bytes, refusing more than it declared. */
function boundedCollector(limit: number): { stream: WritableStream<Uint8Array>; bytes: () => Uint8Array; overflowed: () => boolean } {
  const parts: Uint8Array[] = [];
  let size = 0;
  let overflowed = false;
  const stream = new WritableStream<Uint8Array>({
    write(chunk) {
      size += chunk.byteLength;
      if (size > limit) {
        overflowed = true;
        throw new BackupError('条目解压后超过其声明的大小');
      }
      parts.push(chunk.slice());
    },
  });
  return {
    stream,
    overflowed: () => overflowed,
    bytes: () => {
      const out = new Uint8Array(size);
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.byteLength;
      }
      return out;
    },
  };
}

/** A photo's real type, judged by its bytes; null when not a supported picture. */
export function sniffPhotoMime(bytes: Uint8Array): string | null {
  const kind = sniffImageKind(bytes.subarray(0, SNIFF_BYTES));
  return kind === 'jpeg' || kind === 'png' || kind === 'webp' ? MIME[kind as SupportedKind] : null;
}

/**
 * Opens an archive for reading. The central directory is read and checked
 * (names, declared sizes, total, compression ratio) and the manifest verified
 * against it before anything else is inflated; entries the manifest does not
 * list are never inflated.
 */
export class ArchiveReader {
  private constructor(
    readonly manifest: BackupManifest,
    private readonly entries: Map<string, FileEntry>,
    private readonly zip: ZipReader<unknown>,
    private readonly kind: ArchiveKind,
  ) {}

  static async open(source: ByteSource, maxDbVersion: number, kind: ArchiveKind = 'backup', limits: ArchiveLimits = ARCHIVE_LIMITS): Promise<ArchiveReader> {
    const what = whatOf(kind);
    const foreign = `该文件不是本软件的${what}`;
    if (source.size < 22) throw new BackupError(foreign);
    const head = await source.read(0, 2);
    if (head[0] !== 0x50 || head[1] !== 0x4b) throw new BackupError(foreign);
    const zip = new ZipReader(new SourceReader(source), { checkOverlappingEntry: true });
    try {
      let list: Awaited<ReturnType<typeof zip.getEntries>>;
      try {
        list = await zip.getEntries();
      } catch {
        throw new BackupError(`${what}已损坏，无法读取`);
      }
      const problem = checkDirectory(
        list.map((e) => ({ name: e.filename, compressedSize: e.compressedSize, uncompressedSize: e.uncompressedSize, directory: e.directory })),
        what,
        limits,
      );
      if (problem) throw new BackupError(problem);
      const entries = new Map<string, FileEntry>();
      for (const e of list) if (!e.directory) entries.set(e.filename, e as FileEntry);
      const rawEntry = entries.get('manifest.json');
      if (!rawEntry) throw new BackupError(`${foreign}（缺少清单）`);
      const raw = await inflate(rawEntry, what);
      let manifest: BackupManifest;
      try {
        manifest = manifestSchema.parse(JSON.parse(new TextDecoder().decode(raw)));
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
      // Every listed file is present, of the role its place says and of the size the manifest says.
      const expect = (file: string, role: string, bytes: number | undefined, label: string) => {
        const e = entries.get(file);
        if (!e || entryRole(file) !== role) throw new BackupError(`${what}已损坏：缺少${label}`);
        if (bytes !== undefined && e.uncompressedSize !== bytes) throw new BackupError(`${what}已损坏：${label}大小不符`);
      };
      for (const [name, t] of Object.entries(manifest.tables)) expect(`tables/${name}.json`, 'table', t.bytes, `数据表「${name}」`);
      for (const b of manifest.blobs) expect(b.file, 'blob', b.bytes, '照片数据');
      for (const o of manifest.originals) {
        if (o.file !== `originals/${o.sha256}`) throw new BackupError(`${what}已损坏：照片原件名称不符`);
        expect(o.file, 'original', o.bytes, '照片原件');
      }
      return new ArchiveReader(manifest, entries, zip, kind);
    } catch (e) {
      await zip.close().catch(() => undefined);
      throw e;
    }
  }

  private get what(): string {
    return whatOf(this.kind);
  }

  /** One table's rows, verified against the manifest. */
  async table(name: string): Promise<unknown[]> {
    const meta = this.manifest.tables[name];
    if (!meta) return [];
    const bytes = await inflate(this.entries.get(`tables/${name}.json`)!, this.what);
    if ((await sha256Hex(bytes)) !== meta.sha256) throw new BackupError(`${this.what}已损坏：数据表「${name}」校验不符`);
    let rows: unknown;
    try {
      rows = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw new BackupError(`${this.what}已损坏：数据表「${name}」不是有效的数据格式（JSON 解析失败）`);
    }
    if (!Array.isArray(rows) || rows.length !== meta.rows) throw new BackupError(`${this.what}已损坏：数据表「${name}」行数不符`);
    return rows;
  }

  /** A stored copy or thumbnail, verified; its type re-sniffed from the bytes (the manifest's word is not taken). */
  async blob(b: ManifestBlob): Promise<{ bytes: Uint8Array; type: string }> {
    const bytes = await inflate(this.entries.get(b.file)!, this.what);
    if ((await sha256Hex(bytes)) !== b.sha256) throw new BackupError(`${this.what}已损坏：照片数据校验不符`);
    const type = sniffPhotoMime(bytes);
    if (!type) throw new BackupError(`${this.what}内容无效：照片数据不是图片`);
    return { bytes, type };
  }

  /** An original photo file, verified against its name (its SHA-256). */
  async original(o: ManifestOriginal): Promise<Uint8Array> {
    const bytes = await inflate(this.entries.get(o.file)!, this.what);
    if ((await sha256Hex(bytes)) !== o.sha256) throw new BackupError(`${this.what}已损坏：照片原件校验不符`);
    return bytes;
  }

  async close(): Promise<void> {
    await this.zip.close().catch(() => undefined);
  }
}

async function inflate(entry: FileEntry, what: string): Promise<Uint8Array> {
  const sink = boundedCollector(entry.uncompressedSize);
  try {
    await entry.getData(sink.stream, { checkOverlappingEntry: true });
  } catch (e) {
    // zip.js stops at the declared size too ("Invalid uncompressed size"); the collector is the second guard.
    if (sink.overflowed() || (e instanceof Error && /uncompressed size/i.test(e.message))) throw new BackupError(`${what}已损坏：条目解压后超过其声明的大小`);
    throw new BackupError(`${what}已损坏，无法读取`);
  }
  return sink.bytes();
}

// ------------------------------------------------------------------ names

/** File name for a backup saved by hand (the desktop's own backup folder is named by the main process). */
export function backupFileName(series: string, at: Date): string {
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
