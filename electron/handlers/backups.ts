/**
 * Backups on disk, in `<userData>/backups`.
 *
 * The renderer owns the schedule: it exports its database and calls
 * `writeBackup` periodically (e.g. every 10 minutes while data changed, and
 * before a merge or a restore). File names follow `<series>-<stamp>.zwgkbak`,
 * e.g. `auto-20240601T103000.zwgkbak` or `premerge-20240601T103000.zwgkbak`.
 * `keep` applies within one series (the part before the first "-"), so
 * frequent automatic backups never push out a backup taken before a merge.
 *
 * Every write is atomic (temporary file, flush, rename): a crash leaves the
 * previous backups intact and never a truncated one under a backup name.
 */
import path from 'node:path';
import type { BackupEntry } from '../../shared/ipc/desktopApi';
import { writeFileAtomic } from './atomicWrite';
import { describeFsError, fsErrorCode } from './fsErrors';
import type { FsLike } from './fsTypes';

export const BACKUP_EXTENSION = '.zwgkbak';
const BACKUP_NAME = /^[A-Za-z0-9_.-]{1,120}\.zwgkbak$/;

export interface BackupDeps {
  fs: FsLike;
  backupDir: string;
  /** Told about a backup that could not be pruned; the write itself succeeded. */
  warn?(message: string, error: unknown): void;
}

export interface WriteBackupInput {
  name: string;
  data: Uint8Array;
  keep: number;
}

/** Defence in depth: the IPC schema checks names too. */
export function assertBackupName(name: string): void {
  if (typeof name !== 'string' || !BACKUP_NAME.test(name) || path.basename(name) !== name || name.startsWith('.')) {
    throw new Error('备份文件名无效');
  }
}

/** The series a backup belongs to: the part of its name before the first "-". */
export function backupSeries(name: string): string {
  const stem = name.slice(0, -BACKUP_EXTENSION.length);
  const dash = stem.indexOf('-');
  return dash === -1 ? stem : stem.slice(0, dash);
}

function newestFirst(a: BackupEntry & { mtimeMs: number }, b: BackupEntry & { mtimeMs: number }): number {
  return b.mtimeMs - a.mtimeMs || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0);
}

async function readEntries(deps: BackupDeps): Promise<Array<BackupEntry & { mtimeMs: number }>> {
  let names: string[];
  try {
    names = await deps.fs.readdir(deps.backupDir);
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') return [];
    throw new Error(`无法读取备份文件夹：${describeFsError(error)}`);
  }
  const entries: Array<BackupEntry & { mtimeMs: number }> = [];
  for (const name of names) {
    if (!BACKUP_NAME.test(name) || name.startsWith('.')) continue;
    try {
      const stat = await deps.fs.stat(path.join(deps.backupDir, name));
      if (!stat.isFile()) continue;
      entries.push({ name, bytes: stat.size, modifiedAt: new Date(stat.mtimeMs).toISOString(), mtimeMs: stat.mtimeMs });
    } catch {
      // Removed between readdir and stat: not a backup any more.
    }
  }
  return entries.sort(newestFirst);
}

function publicEntry({ name, bytes, modifiedAt }: BackupEntry): BackupEntry {
  return { name, bytes, modifiedAt };
}

export async function writeBackup(args: WriteBackupInput, deps: BackupDeps): Promise<BackupEntry> {
  assertBackupName(args.name);
  const target = path.join(deps.backupDir, args.name);
  try {
    await deps.fs.mkdir(deps.backupDir, { recursive: true });
    await writeFileAtomic(deps.fs, target, args.data);
  } catch (error) {
    throw new Error(`备份失败：${describeFsError(error)}（${deps.backupDir}）`);
  }

  // Prune older backups of the same series. The file just written is always
  // kept, even if the system clock went backwards.
  const series = backupSeries(args.name);
  const entries = await readEntries(deps);
  const others = entries.filter((e) => e.name !== args.name && backupSeries(e.name) === series);
  for (const old of others.slice(Math.max(0, args.keep - 1))) {
    try {
      await deps.fs.unlink(path.join(deps.backupDir, old.name));
    } catch (error) {
      deps.warn?.(`无法删除旧备份 ${old.name}`, error);
    }
  }

  const written = entries.find((e) => e.name === args.name);
  return written
    ? publicEntry(written)
    : { name: args.name, bytes: args.data.byteLength, modifiedAt: new Date().toISOString() };
}

/** Every backup in the folder, newest first. */
export async function listBackups(deps: BackupDeps): Promise<BackupEntry[]> {
  return (await readEntries(deps)).map(publicEntry);
}

export async function readBackup(args: { name: string }, deps: BackupDeps): Promise<Uint8Array> {
  assertBackupName(args.name);
  const file = path.join(deps.backupDir, args.name);
  try {
    return await deps.fs.readFile(file);
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') throw new Error(`未找到备份文件“${args.name}”`);
    throw new Error(`无法读取备份文件“${args.name}”：${describeFsError(error)}`);
  }
}
