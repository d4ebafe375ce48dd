import { PhotoRejectedError } from '../../../shared/photos/errors';
import type { PhotoOwner } from '../../../shared/photos/links';
import type { ChangeLogger } from '../../db/changeLogger';
import type { InspectorDatabase } from '../../db/database';
import { PhotoRepository, sourceFromBlob } from './photoRepository';

/** A photo chosen in a form that is not saved yet: held in memory, attached when the form is saved. */
export interface PendingPhoto {
  key: string;
  file: File;
  /** Why it could not be saved the last time (it stays in the form until saved or removed). */
  problem?: string;
}

let counter = 0;

/** Wraps newly chosen files, in order. */
export function pendingFrom(files: File[]): PendingPhoto[] {
  return files.map((file) => ({ key: `pending-${Date.now()}-${++counter}`, file }));
}

export interface PendingResult {
  saved: number;
  /** The photos that could not be saved, each with the reason; they stay with the form. */
  left: PendingPhoto[];
}

/**
 * Attaches held photos to their (now saved) owner, one after another, watermarked as the
 * round asks and hashed like any other photo. A photo that fails is kept with its reason;
 * a full disk keeps the rest untried.
 */
export async function attachPending(
  session: { db: InspectorDatabase; logger: ChangeLogger },
  items: PendingPhoto[],
  owner: PhotoOwner,
  onProgress?: (done: number, total: number) => void,
): Promise<PendingResult> {
  const repo = new PhotoRepository(session.db, session.logger);
  const watermark = await repo.watermarkFor(owner.inspectionId, owner.assessmentId);
  const left: PendingPhoto[] = [];
  let saved = 0;
  let full = false;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    onProgress?.(i, items.length);
    if (full) {
      left.push({ ...item, problem: '因磁盘空间不足未保存' });
      continue;
    }
    try {
      await repo.attach(sourceFromBlob(item.file, item.file.name || '照片.jpg'), owner, { watermark });
      saved++;
    } catch (e) {
      const err = e instanceof PhotoRejectedError ? e : null;
      if (err?.code === 'storageFull') full = true;
      left.push({ ...item, problem: err ? err.message : `照片处理失败：${e instanceof Error ? e.message : String(e)}` });
    }
  }
  onProgress?.(items.length, items.length);
  return { saved, left };
}
