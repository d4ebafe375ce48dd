import exifr from 'exifr';
import { sha256Hex } from '../util/sha256';
import { EXIFR_OPTIONS, NO_EXIF, normaliseExif, orientationSwapsSides, type PhotoExif } from './exif';
import { inspectImageBytes, type ImageInfo } from './sniff';

/**
 * Everything learnt from an original file without decoding its pixels: what
 * it is, that it is whole, its SHA-256 (the photo's id) and its EXIF facts.
 * Runs in the photo worker in the app, and in Node in the tests.
 */
export interface PhotoAnalysis extends ImageInfo {
  sha256: string;
  bytes: number;
  exif: PhotoExif;
  /** Size as displayed (after EXIF orientation). */
  orientedWidth: number;
  orientedHeight: number;
}

export async function analysePhotoBytes(bytes: Uint8Array): Promise<PhotoAnalysis> {
  const info = inspectImageBytes(bytes);
  const [sha256, exif] = await Promise.all([sha256Hex(bytes), readPhotoExif(bytes)]);
  const swap = orientationSwapsSides(exif.orientation);
  return {
    ...info,
    sha256,
    bytes: bytes.length,
    exif,
    orientedWidth: swap ? info.height : info.width,
    orientedHeight: swap ? info.width : info.height,
  };
}

/** EXIF facts, or none: damaged metadata never refuses a photo whose pixels are fine. */
export async function readPhotoExif(bytes: Uint8Array): Promise<PhotoExif> {
  try {
    return normaliseExif(await exifr.parse(bytes, { ...EXIFR_OPTIONS, pick: [...EXIFR_OPTIONS.pick] }));
  } catch {
    return { ...NO_EXIF };
  }
}
