/**
 * Photo evidence. A photo is content-addressed by the SHA-256 of the original
 * file's bytes: attaching the same file twice stores it once and links it twice.
 */
export interface PhotoRow {
  /** SHA-256 (hex) of the original file. */
  id: string;
  originalName: string;
  originalBytes: number;
  mime: string;
  width: number;
  height: number;
  /** EXIF capture time (local, YYYY-MM-DDTHH:mm:ss) or null. */
  takenAt: string | null;
  gps: { lat: number; lon: number } | null;
  camera: string | null;
  /** Device clock when attached. */
  attachedAt: string;
  attachedBy: string;
  /** Watermark burnt into the stored copy (the un-watermarked copy is not kept). */
  watermarked: boolean;
  watermarkText: string[];
  processedBytes: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  deleted: 0 | 1;
}

/** Image bytes, kept apart from metadata so lists never load megabytes. id = `${photoId}:processed` | `${photoId}:thumb`. */
export interface PhotoBlobRow {
  id: string;
  photoId: string;
  blob: Blob;
}

export type PhotoOwnerType = 'assessment' | 'indicator' | 'checklistItem' | 'finding';

/** Where a photo is used; id is a uuid. */
export interface PhotoLink {
  id: string;
  photoId: string;
  ownerType: PhotoOwnerType;
  /** assessmentId, `${assessmentId}:${indicatorId}`, `${assessmentId}:${itemId}` or findingId. */
  ownerId: string;
  inspectionId: string;
  assessmentId: string;
  caption: string;
  /** 用于报告: goes into the PDF report. */
  forReport: boolean;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  deleted: 0 | 1;
}
