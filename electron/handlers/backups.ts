/**
 * Backups on disk, in `<userData>/backups`, owned by the main process.
 *
 * The renderer asks for a backup of a series from a fixed list and writes it
 * through a sink; this module names the file `<series>-<local time>.zwgkbak`
 * (e.g. `auto-data-20240601T103000.zwgkbak`), never overwrites one, and after
 * each backup applies the keep rule of its series and a total quota. Copies
 * taken before a restore or a merge are never pruned.
 *
 * Files of earlier versions (`auto-…`, `daily-…`, `prerestore-…`,
 * `premerge-…`) are listed under the matching series so they can still be
 * restored.
 *
 * Originals of automatic backups: a full backup does not copy every original
 * photo again. They live once each in a content-addressed store beside the
 * backups, `<backupDir>/originals/<first two hex digits>/<sha256>` (written
 * through a sink whose hash main checks, never replaced), and a backup
 * records which it references in `<backupDir>/originals/refs/<backup>.json`.
 * An original is removed from the store only when no kept backup (and no
 * backup being written) references it. A backup saved to a chosen file stays
 * self-contained and never uses the store.
 */
import path from 'node:path';
import {
  BACKUP_NAME_PATTERN,
  BACKUP_SERIES,
  PROTECTED_BACKUP_SERIES,
  type BackupEntry,
  type BackupSeries,
  type SinkInfo,
  type SourceInfo,
} from '../../shared/ipc/desktopApi';
import { describeFsError, fsErrorCode } from './fsErrors';
import type { StreamFsLike } from './fsTypes';
import { createOriginal, missingOriginals, openOriginal, type OriginalsDeps } from './originals';
import type { StreamTable } from './streams';

export const BACKUP_EXTENSION = '.zwgkbak';

/** How many backups of each series are kept; Infinity = never pruned. */
export const KEEP: Readonly<Record<BackupSeries, number>> = {
  'auto-data': 30,
  'auto-full': 7,
  manual: 30,
  'pre-restore': Infinity,
  'pre-merge': Infinity,
};

/** Total size of the backup folder above which the oldest prunable backups go. */
export const DEFAULT_QUOTA_BYTES = 20 * 1024 * 1024 * 1024;

const LEGACY: Readonly<Record<string, BackupSeries>> = { auto: 'auto-data', daily: 'auto-full', prerestore: 'pre-restore', premerge: 'pre-merge', manual: 'manual' };

export interface BackupDeps {
  fs: Pick<StreamFsLike, 'readdir' | 'stat' | 'unlink' | 'mkdir' | 'readFile' | 'writeFile' | 'rename'>;
  streams: StreamTable;
  backupDir: string;
  /** The main process's clock (local time is used in names). */
  now(): Date;
  quotaBytes?: number;
  /** Told about a backup that could not be pruned; the backup itself succeeded. */
  warn?(message: string, error: unknown): void;
}

/** The series a backup file belongs to, or null for a file that is not a backup of this app. */
export function backupSeries(name: string): BackupSeries | null {
  if (!BACKUP_NAME_PATTERN.test(name)) return null;
  const stem = name.slice(0, -BACKUP_EXTENSION.length);
  for (const series of BACKUP_SERIES) if (stem.startsWith(`${series}-`)) return series;
  const dash = stem.indexOf('-');
  return LEGACY[dash === -1 ? stem : stem.slice(0, dash)] ?? null;
}

/** `20240601T103000` in the main process's local time. */
export function localStamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getFullYear(), 4)}${p(d.getMonth() + 1)}${p(d.getDate())}T${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

interface Entry extends BackupEntry {
  mtimeMs: number;
}

async function readEntries(deps: BackupDeps): Promise<Entry[]> {
  let names: string[];
  try {
    names = await deps.fs.readdir(deps.backupDir);
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') return [];
    throw new Error(`无法读取备份文件夹：${describeFsError(error)}`);
  }
  const entries: Entry[] = [];
  for (const name of names) {
    const series = backupSeries(name);
    if (!series) continue;
    try {
      const stat = await deps.fs.stat(path.join(deps.backupDir, name));
      if (!stat.isFile()) continue;
      entries.push({
        name,
        series,
        bytes: stat.size,
        modifiedAt: new Date(stat.mtimeMs).toISOString(),
        protected: PROTECTED_BACKUP_SERIES.has(series),
        mtimeMs: stat.mtimeMs,
      });
    } catch {
      // Removed between readdir and stat: not a backup any more.
    }
  }
  return entries.sort((a, b) => b.mtimeMs - a.mtimeMs || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

function publicEntry({ mtimeMs: _mtimeMs, ...entry }: Entry): BackupEntry {
  return entry;
}

/**
 * Old backups to delete after `written` was added: beyond the keep count of
 * their series, then the oldest prunable ones while the folder is over the
 * quota. Never the new backup, never the newest of a series, never a protected one.
 */
export function backupsToPrune(entries: readonly Entry[], written: string, quotaBytes: number): Entry[] {
  const doomed = new Set<Entry>();
  const newestOfSeries = new Set<string>();
  const seen = new Map<BackupSeries, number>();
  for (const e of entries) {
    const n = (seen.get(e.series) ?? 0) + 1;
    seen.set(e.series, n);
    if (n === 1) newestOfSeries.add(e.name);
    if (e.name !== written && !e.protected && n > KEEP[e.series]) doomed.add(e);
  }
  let total = entries.reduce((sum, e) => sum + (doomed.has(e) ? 0 : e.bytes), 0);
  for (const e of [...entries].reverse()) {
    if (total <= quotaBytes) break;
    if (doomed.has(e) || e.protected || e.name === written || newestOfSeries.has(e.name)) continue;
    doomed.add(e);
    total -= e.bytes;
  }
  return entries.filter((e) => doomed.has(e));
}

async function prune(deps: BackupDeps, written: string): Promise<void> {
  const entries = await readEntries(deps);
  for (const old of backupsToPrune(entries, written, deps.quotaBytes ?? DEFAULT_QUOTA_BYTES)) {
    try {
      await deps.fs.unlink(path.join(deps.backupDir, old.name));
    } catch (error) {
      deps.warn?.(`无法删除旧备份 ${old.name}`, error);
    }
  }
  await collectStore(deps);
}

// ------------------------------------------------------------------ the store of originals

const SHA256 = /^[0-9a-f]{64}$/;

export function storeDir(backupDir: string): string {
  return path.join(backupDir, 'originals');
}

function refsDir(backupDir: string): string {
  return path.join(storeDir(backupDir), 'refs');
}

/**
 * What the store must keep besides the references on disk, per backup folder:
 * originals asked about or written since (a backup about to reference them)
 * and backups being written.
 */
interface StoreHolds {
  hashes: Set<string>;
  writing: Set<string>;
}
const holds = new WeakMap<object, Map<string, StoreHolds>>();
function holdsOf(deps: Pick<BackupDeps, 'fs' | 'backupDir'>): StoreHolds {
  let byDir = holds.get(deps.fs);
  if (!byDir) holds.set(deps.fs, (byDir = new Map()));
  let h = byDir.get(deps.backupDir);
  if (!h) byDir.set(deps.backupDir, (h = { hashes: new Set(), writing: new Set() }));
  return h;
}

function storeDeps(deps: BackupDeps): OriginalsDeps {
  return { fs: deps.fs, streams: deps.streams, originalsDir: storeDir(deps.backupDir) };
}

/** Which of these originals the store beside the backups lacks. They are held from now until a backup references them. */
export async function missingBackupOriginals(args: { hashes: string[] }, deps: BackupDeps): Promise<string[]> {
  const missing = await missingOriginals(args, storeDeps(deps));
  const held = holdsOf(deps).hashes;
  for (const h of args.hashes) held.add(h);
  return missing;
}

/** A sink for one original into the store (null when it is there already); main checks its SHA-256 at close. */
export async function createBackupOriginal(args: { sha256: string; bytes: number }, deps: BackupDeps): Promise<SinkInfo | null> {
  holdsOf(deps).hashes.add(args.sha256);
  return createOriginal(args, storeDeps(deps));
}

export async function openBackupOriginal(args: { sha256: string }, deps: BackupDeps): Promise<SourceInfo | null> {
  return openOriginal(args, storeDeps(deps));
}

/** Writes which originals a backup references, before the backup exists (a backup never lacks its references). */
async function writeRefs(deps: BackupDeps, name: string, hashes: readonly string[]): Promise<void> {
  const missing = await missingOriginals({ hashes: [...hashes] }, storeDeps(deps));
  if (missing.length) throw new Error(`备份失败：备份文件夹中缺少 ${missing.length} 张照片原件，请重试`);
  const dir = refsDir(deps.backupDir);
  const file = path.join(dir, `${name}.json`);
  try {
    await deps.fs.mkdir(dir, { recursive: true });
    await deps.fs.writeFile(`${file}.tmp`, new TextEncoder().encode(JSON.stringify([...new Set(hashes)])), { flush: true });
    await deps.fs.rename(`${file}.tmp`, file);
  } catch (error) {
    throw new Error(`备份失败：${describeFsError(error)}（${dir}）`);
  }
}

async function readRefs(deps: BackupDeps, file: string): Promise<string[] | null> {
  try {
    const list: unknown = JSON.parse(new TextDecoder().decode(await deps.fs.readFile(file)));
    return Array.isArray(list) ? list.filter((h): h is string => typeof h === 'string' && SHA256.test(h)) : null;
  } catch {
    return null;
  }
}

/**
 * Removes from the store the originals no kept backup references, and the
 * references of backups that are gone. Unreadable references keep everything.
 */
export async function collectStore(deps: BackupDeps): Promise<number> {
  const dir = refsDir(deps.backupDir);
  const h = holdsOf(deps);
  const kept = new Set((await readEntries(deps)).map((e) => e.name));
  const referenced = new Set<string>(h.hashes);
  let names: string[];
  try {
    names = await deps.fs.readdir(dir);
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') names = [];
    else return 0;
  }
  for (const file of names) {
    if (!file.endsWith('.json')) continue;
    const backup = file.slice(0, -'.json'.length);
    if (!kept.has(backup) && !h.writing.has(backup)) {
      await deps.fs.unlink(path.join(dir, file)).catch((error: unknown) => deps.warn?.(`无法删除备份引用 ${file}`, error));
      continue;
    }
    const list = await readRefs(deps, path.join(dir, file));
    if (!list) return 0; // cannot tell what this backup needs: remove nothing
    for (const hash of list) referenced.add(hash);
  }
  let removed = 0;
  const root = storeDir(deps.backupDir);
  const buckets = await deps.fs.readdir(root).catch(() => [] as string[]);
  for (const bucket of buckets) {
    if (!/^[0-9a-f]{2}$/.test(bucket)) continue;
    const files = await deps.fs.readdir(path.join(root, bucket)).catch(() => [] as string[]);
    for (const name of files) {
      if (!SHA256.test(name) || !name.startsWith(bucket) || referenced.has(name)) continue;
      try {
        await deps.fs.unlink(path.join(root, bucket, name));
        removed += 1;
      } catch (error) {
        deps.warn?.(`无法删除不再需要的备份原件 ${name}`, error);
      }
    }
  }
  return removed;
}

/**
 * Opens a sink for a new backup of `series`; the main process picks a name no
 * file has. `originals`: the originals it references in the store (each must
 * be there); they stay as long as the backup does.
 */
export async function createBackup(args: { series: BackupSeries; originals?: string[] }, deps: BackupDeps): Promise<SinkInfo> {
  if (!(BACKUP_SERIES as readonly string[]).includes(args.series)) throw new Error('备份类别无效');
  try {
    await deps.fs.mkdir(deps.backupDir, { recursive: true });
  } catch (error) {
    throw new Error(`备份失败：${describeFsError(error)}（${deps.backupDir}）`);
  }
  const h = holdsOf(deps);
  // Names of backups still being written (under a temporary name) are taken too.
  const taken = new Set([...(await deps.fs.readdir(deps.backupDir).catch(() => [] as string[])), ...h.writing]);
  const base = `${args.series}-${localStamp(deps.now())}`;
  let name = `${base}${BACKUP_EXTENSION}`;
  for (let n = 2; taken.has(name); n += 1) name = `${base}-${n}${BACKUP_EXTENSION}`;
  h.writing.add(name);
  let sink: SinkInfo;
  try {
    if (args.originals?.length) {
      await writeRefs(deps, name, args.originals);
      for (const hash of args.originals) h.hashes.delete(hash);
    }
    sink = await deps.streams.beginSink({
      target: path.join(deps.backupDir, name),
      displayName: name,
      failure: '备份失败',
      afterClose: async () => {
        h.writing.delete(name);
        try {
          await prune(deps, name);
        } catch (error) {
          deps.warn?.('无法整理旧备份', error);
        }
      },
    });
  } catch (error) {
    h.writing.delete(name);
    throw error;
  }
  return sink;
}

/** Every backup in the folder, newest first. */
export async function listBackups(deps: Pick<BackupDeps, 'fs' | 'backupDir'>): Promise<BackupEntry[]> {
  return (await readEntries(deps as BackupDeps)).map(publicEntry);
}

export async function openBackup(args: { name: string }, deps: BackupDeps): Promise<SourceInfo> {
  if (typeof args.name !== 'string' || !backupSeries(args.name) || path.basename(args.name) !== args.name) {
    throw new Error('备份文件名无效');
  }
  try {
    await deps.fs.stat(path.join(deps.backupDir, args.name));
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') throw new Error(`未找到备份文件“${args.name}”`);
    throw new Error(`无法读取备份文件“${args.name}”：${describeFsError(error)}`);
  }
  return deps.streams.openSource(path.join(deps.backupDir, args.name), args.name, '无法读取备份文件');
}
