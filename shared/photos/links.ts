import type { PhotoLink, PhotoOwnerType, PhotoRow } from '../domain/photos';

/**
 * Content addressing and linking, decided without touching storage: the
 * repository reads the rows, asks these functions what to do, and writes the
 * answer in one transaction.
 */
export interface PhotoOwner {
  ownerType: PhotoOwnerType;
  ownerId: string;
  inspectionId: string;
  assessmentId: string;
}

export const OWNER_TYPE_LABELS: Record<PhotoOwnerType, string> = {
  assessment: '评分记录',
  indicator: '考核指标',
  checklistItem: '五统一核查项',
  finding: '问题',
};

export function sameOwner(a: Pick<PhotoLink, 'ownerType' | 'ownerId'>, b: Pick<PhotoOwner, 'ownerType' | 'ownerId'>): boolean {
  return a.ownerType === b.ownerType && a.ownerId === b.ownerId;
}

/** What to do with the photo itself when a file with this hash arrives. */
export type PhotoPlan =
  /** Unknown (or its bytes were purged): decode, scale, watermark and store it. */
  | { action: 'process' }
  /** Stored and in use: link only. */
  | { action: 'reuse' }
  /** Stored but in the recycle bin: take it out, then link. */
  | { action: 'restore' };

export function planPhoto(existing: Pick<PhotoRow, 'deleted'> | undefined, hasBlobs: boolean): PhotoPlan {
  if (!existing || !hasBlobs) return { action: 'process' };
  return existing.deleted ? { action: 'restore' } : { action: 'reuse' };
}

/** What to do with the link between the photo and the owner. */
export type LinkPlan = { action: 'create' } | { action: 'exists'; link: PhotoLink } | { action: 'restore'; link: PhotoLink };

/** One link per photo and owner: a second attach of the same photo to the same owner changes nothing; an unlinked one comes back. */
export function planLink(linksOfPhoto: PhotoLink[], owner: PhotoOwner): LinkPlan {
  const same = linksOfPhoto.filter((l) => sameOwner(l, owner));
  const active = same.find((l) => !l.deleted);
  if (active) return { action: 'exists', link: active };
  const newest = same.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))[0];
  return newest ? { action: 'restore', link: newest } : { action: 'create' };
}

export interface SoftDeletePlan {
  linkIds: string[];
  /** The photo goes to the recycle bin too (no link left in use). */
  photo: boolean;
}

/** Unlink one owner: the photo goes to the recycle bin only when it was its last link in use. */
export function planUnlink(link: PhotoLink, linksOfPhoto: PhotoLink[]): SoftDeletePlan {
  const othersActive = linksOfPhoto.some((l) => l.id !== link.id && !l.deleted);
  return { linkIds: link.deleted ? [] : [link.id], photo: !othersActive };
}

/** Delete the photo everywhere: the photo and every link in use, stamped with the same time so a restore brings back exactly these. */
export function planDeletePhoto(linksOfPhoto: PhotoLink[]): SoftDeletePlan {
  return { linkIds: linksOfPhoto.filter((l) => !l.deleted).map((l) => l.id), photo: true };
}

/**
 * Restore a photo from the recycle bin with the links removed together with it
 * (same deletedAt); if none match (older data), the most recently removed link.
 */
export function planRestore(photo: Pick<PhotoRow, 'deletedAt'>, linksOfPhoto: PhotoLink[]): string[] {
  const removed = linksOfPhoto.filter((l) => l.deleted);
  const together = removed.filter((l) => l.deletedAt !== null && l.deletedAt === photo.deletedAt);
  if (together.length) return together.map((l) => l.id);
  const newest = [...removed].sort((a, b) => ((a.deletedAt ?? '') < (b.deletedAt ?? '') ? 1 : -1))[0];
  return newest ? [newest.id] : [];
}

/** 清空回收站: photos in the bin lose their rows, links and bytes; photos still in use are never touched. */
export function planPurge(photosInBin: Pick<PhotoRow, 'id' | 'deleted'>[], linksOfThem: PhotoLink[]): { photoIds: string[]; linkIds: string[]; blobIds: string[] } {
  const photoIds = photosInBin.filter((p) => p.deleted === 1).map((p) => p.id);
  const set = new Set(photoIds);
  return {
    photoIds,
    linkIds: linksOfThem.filter((l) => set.has(l.photoId)).map((l) => l.id),
    blobIds: photoIds.flatMap((id) => [blobId(id, 'processed'), blobId(id, 'thumb')]),
  };
}

export type BlobKind = 'processed' | 'thumb';

export function blobId(photoId: string, kind: BlobKind): string {
  return `${photoId}:${kind}`;
}

/** The owner id of an indicator or checklist item inside an assessment. */
export function scopedOwnerId(assessmentId: string, itemId: string): string {
  return `${assessmentId}:${itemId}`;
}
