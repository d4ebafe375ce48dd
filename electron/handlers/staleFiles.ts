import path from 'node:path';
import type { FsLike } from './fsTypes';

/** A sink's temporary name: `<target>.<12 hex digits>.tmp`. */
export const STALE_SINK_FILE = /\.[0-9a-f]{12}\.tmp$/;

/** At start-up: temporary files left by a write or a print cut off by a crash or power loss. */
export async function removeStaleTemporaryFiles(fs: Pick<FsLike, 'readdir' | 'unlink'>, dir: string, match: RegExp): Promise<number> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!match.test(name)) continue;
    if (await fs.unlink(path.join(dir, name)).then(() => true, () => false)) removed += 1;
  }
  return removed;
}

export interface StartupCleanupDeps {
  fs: Pick<FsLike, 'readdir' | 'unlink'>;
  tempDir: string;
  backupDir: string;
  originalsDir: string;
  printFile: RegExp;
}

/** Removes what a crash can leave behind: print files in the temp folder, half-written backups and originals. */
export async function cleanUpAtStartup(deps: StartupCleanupDeps): Promise<number> {
  let removed = await removeStaleTemporaryFiles(deps.fs, deps.tempDir, deps.printFile);
  removed += await removeStaleTemporaryFiles(deps.fs, deps.backupDir, STALE_SINK_FILE);
  // The originals, and the store of originals beside the backups (see backups.ts).
  for (const root of [deps.originalsDir, path.join(deps.backupDir, 'originals')]) {
    const buckets = await deps.fs.readdir(root).catch(() => [] as string[]);
    for (const bucket of buckets) {
      if (/^[0-9a-f]{2}$/.test(bucket)) removed += await removeStaleTemporaryFiles(deps.fs, path.join(root, bucket), STALE_SINK_FILE);
    }
  }
  return removed;
}
