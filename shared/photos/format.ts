import { STORAGE_WARN_RATIO } from './limits';

/** The first 16 hex digits of a SHA-256, as printed beside a photo. */
export function hashPrefix(sha256: string): string {
  return sha256.slice(0, 16);
}

export function isSha256Hex(s: string): boolean {
  return /^[0-9a-f]{64}$/.test(s);
}

/** "512 KB", "3.4 MB", "1.2 GB" (1024-based, one decimal from MB up). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

/** "约 8 秒", "约 2 分 10 秒" */
export function formatDuration(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60) return `约 ${s} 秒`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  return rest ? `约 ${m} 分 ${rest} 秒` : `约 ${m} 分钟`;
}

/** Time left in a batch from the average so far; null until one file is done. */
export function batchTimeLeft(elapsedMs: number, done: number, total: number): number | null {
  if (done <= 0 || total <= done) return done >= total ? 0 : null;
  return Math.round((elapsedMs / done) * (total - done));
}

export interface StorageStatus {
  /** 0..1, or null when the browser does not say. */
  ratio: number | null;
  warn: boolean;
  message: string | null;
}

/** From navigator.storage.estimate(): warn at 80 % of what the browser lets the app use. */
export function storageStatus(usage: number | undefined, quota: number | undefined): StorageStatus {
  if (!quota || usage === undefined) return { ratio: null, warn: false, message: null };
  const ratio = Math.min(1, usage / quota);
  if (ratio < STORAGE_WARN_RATIO) return { ratio, warn: false, message: null };
  return {
    ratio,
    warn: true,
    message: `本机存储已用 ${Math.round(ratio * 100)}%（${formatBytes(usage)} / ${formatBytes(quota)}），空间将满时照片无法保存；请及时同步备份，清空回收站或删除不需要的照片`,
  };
}
