/** Limits and output settings of photo processing, shared by the worker, the repository and the UI. */

/** Largest original accepted; checked on the file's size before any byte is read. */
export const MAX_PHOTO_BYTES = 60 * 1024 * 1024;
/** Largest decoded picture accepted (a 50 MP phone photo fits; a 200 MP panorama does not). */
export const MAX_PHOTO_PIXELS = 120_000_000;
/** Long side of the stored (processed) copy. */
export const PROCESSED_LONG_SIDE = 2560;
export const PROCESSED_JPEG_QUALITY = 0.85;
/** Long side of the thumbnail. */
export const THUMB_LONG_SIDE = 320;
export const THUMB_JPEG_QUALITY = 0.8;
/** Warn when the browser's storage is this full. */
export const STORAGE_WARN_RATIO = 0.8;

/** The file types offered in the file picker (the bytes are checked anyway). */
export const PHOTO_PICKER_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'heic', 'heif'];

/** Size that fits inside a box of `longSide`, keeping the aspect ratio; never enlarges. */
export function fitWithin(width: number, height: number, longSide: number): { width: number; height: number } {
  const long = Math.max(width, height);
  if (long <= longSide) return { width, height };
  const scale = longSide / long;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
