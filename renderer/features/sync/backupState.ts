import type { InspectorDatabase } from '../../db/database';

/**
 * Where the last daily full backup stands, as 工作台 and 设置 show it. Kept
 * apart from the backup service so the screens that only show it do not load
 * the archive code (zip, hashing) on start-up.
 */
export const META_FULL_BACKUP = 'backup.full';

export interface FullBackupState {
  lastOkAt: string | null;
  /** Set while the last attempt failed; cleared by the next success. */
  problem: { at: string; message: string } | null;
}

export async function fullBackupState(db: InspectorDatabase): Promise<FullBackupState> {
  return ((await db.meta.get(META_FULL_BACKUP))?.value as FullBackupState | undefined) ?? { lastOkAt: null, problem: null };
}
