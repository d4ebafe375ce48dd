import { MAX_PHOTO_BYTES } from '../photos/limits';

/**
 * What an archive may declare in its central directory. Everything here is
 * checked from the directory alone, before a single entry is inflated, so a
 * zip bomb is refused at the cost of reading its last few kilobytes.
 */
export interface ArchiveLimits {
  maxEntries: number;
  maxManifestBytes: number;
  /** One table's JSON. */
  maxTableBytes: number;
  /** One photo file (stored copy, thumbnail or original). */
  maxPhotoBytes: number;
  /** Everything the directory declares, inflated. */
  maxTotalBytes: number;
  /** Inflated / compressed, for entries larger than `ratioFloorBytes`. Deflate itself reaches about 1,030. */
  maxRatio: number;
  ratioFloorBytes: number;
}

const MIB = 1024 * 1024;

export const ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 500_000,
  maxManifestBytes: 64 * MIB,
  maxTableBytes: 1024 * MIB,
  maxPhotoBytes: MAX_PHOTO_BYTES,
  maxTotalBytes: 256 * 1024 * MIB,
  maxRatio: 100,
  ratioFloorBytes: MIB,
};

/** One central-directory record, as declared (nothing inflated). */
export interface DirectoryEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  directory: boolean;
}

export type EntryRole = 'manifest' | 'table' | 'blob' | 'original' | 'other';

/** The names the app writes. Anything else is never inflated. */
export function entryRole(name: string): EntryRole {
  if (name === 'manifest.json') return 'manifest';
  if (/^tables\/[A-Za-z][A-Za-z0-9]{0,40}\.json$/.test(name)) return 'table';
  if (/^blobs\/\d{6,9}$/.test(name)) return 'blob';
  if (/^originals\/[0-9a-f]{64}$/.test(name)) return 'original';
  return 'other';
}

function limitFor(role: EntryRole, limits: ArchiveLimits): number {
  if (role === 'manifest') return limits.maxManifestBytes;
  if (role === 'blob' || role === 'original') return limits.maxPhotoBytes;
  return limits.maxTableBytes;
}

const mb = (n: number) => `${Math.round(n / MIB).toLocaleString('zh-CN')} MB`;

/**
 * Checks the directory; returns null when acceptable, else the reason (Chinese,
 * for the user). `what` names the kind of file (备份文件 / 同步数据包).
 */
export function checkDirectory(entries: DirectoryEntry[], what: string, limits: ArchiveLimits = ARCHIVE_LIMITS): string | null {
  if (entries.length > limits.maxEntries) return `${what}包含的文件条目过多（${entries.length.toLocaleString('zh-CN')} 个），已拒绝读取`;
  let total = 0;
  const seen = new Set<string>();
  for (const e of entries) {
    if (e.name.length > 300 || e.name.includes('\\') || e.name.includes('\u0000') || e.name.startsWith('/') || e.name.split('/').includes('..')) {
      return `${what}含有不安全的条目名称，已拒绝读取`;
    }
    if (seen.has(e.name)) return `${what}含有重名条目「${e.name.slice(0, 60)}」，已拒绝读取`;
    seen.add(e.name);
    if (e.directory) continue;
    const size = e.uncompressedSize;
    const packed = e.compressedSize;
    if (!Number.isSafeInteger(size) || !Number.isSafeInteger(packed) || size < 0 || packed < 0) return `${what}的目录已损坏，无法读取`;
    const role = entryRole(e.name);
    const limit = limitFor(role, limits);
    if (size > limit) return `${what}中的条目「${e.name.slice(0, 60)}」声明大小 ${mb(size)}，超过上限 ${mb(limit)}，已拒绝读取`;
    if (size > limits.ratioFloorBytes && size > packed * limits.maxRatio) {
      return `${what}中的条目「${e.name.slice(0, 60)}」压缩比异常（${Math.round(size / Math.max(packed, 1))} 倍），疑似压缩炸弹，已拒绝读取`;
    }
    total += size;
    if (total > limits.maxTotalBytes) return `${what}解压后总大小超过上限 ${mb(limits.maxTotalBytes)}，已拒绝读取`;
  }
  return null;
}
