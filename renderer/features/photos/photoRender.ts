import { PhotoRejectedError } from '../../../shared/photos/errors';
import {
  PROCESSED_JPEG_QUALITY,
  PROCESSED_LONG_SIDE,
  THUMB_JPEG_QUALITY,
  THUMB_LONG_SIDE,
  fitWithin,
} from '../../../shared/photos/limits';
import type { PhotoAnalysis } from '../../../shared/photos/analyse';
import { watermarkLayout } from '../../../shared/photos/watermark';

/**
 * The pixel work, in the photo worker only (OffscreenCanvas, no DOM): decode
 * with the EXIF orientation applied by the browser, scale, burn the watermark,
 * encode the stored copy and the thumbnail.
 */
export interface RenderedPhoto {
  processed: Blob;
  thumb: Blob;
  /** Size of the stored copy. */
  width: number;
  height: number;
  watermarked: boolean;
}

const WATERMARK_FAMILY = 'PhotoWatermark';
let fontReady: Promise<boolean> | null = null;

/** Loads the bundled Chinese font once per worker; false if it cannot be had (the system font is used then). */
function loadWatermarkFont(fontUrl: string | null): Promise<boolean> {
  if (!fontUrl) return Promise.resolve(false);
  fontReady ??= (async () => {
    try {
      const res = await fetch(fontUrl);
      if (!res.ok) return false;
      const face = new FontFace(WATERMARK_FAMILY, await res.arrayBuffer(), { weight: '700' });
      await face.load();
      (self as unknown as { fonts: FontFaceSet }).fonts.add(face);
      return true;
    } catch {
      return false;
    }
  })();
  return fontReady;
}

export async function renderPhoto(bytes: Uint8Array, analysis: PhotoAnalysis, watermark: string[] | null, fontUrl: string | null): Promise<RenderedPhoto> {
  const { width, height } = fitWithin(analysis.orientedWidth, analysis.orientedHeight, PROCESSED_LONG_SIDE);
  const scaled = width !== analysis.orientedWidth || height !== analysis.orientedHeight;
  const source = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: analysis.mime });
  let bitmap: ImageBitmap;
  try {
    // 'from-image' applies the EXIF orientation while decoding (and the resize comes
    // after it), so the pixels are never turned a second time here.
    bitmap = await createImageBitmap(
      source,
      scaled ? { imageOrientation: 'from-image', resizeWidth: width, resizeHeight: height, resizeQuality: 'high' } : { imageOrientation: 'from-image' },
    );
  } catch {
    throw new PhotoRejectedError('decodeFailed', '照片无法解码，文件可能已损坏，未导入');
  }
  try {
    const canvas = new OffscreenCanvas(width, height);
    const g = canvas.getContext('2d', { alpha: false });
    if (!g) throw new Error('no 2d context');
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, width, height);
    g.drawImage(bitmap, 0, 0, width, height);

    const withMark = !!watermark && watermark.length > 0;
    if (withMark) {
      const hasFont = await loadWatermarkFont(fontUrl);
      const family = hasFont ? `"${WATERMARK_FAMILY}", sans-serif` : '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif';
      g.font = `700 100px ${family}`;
      const layout = watermarkLayout(width, height, watermark, (line) => g.measureText(line).width / 100);
      g.fillStyle = 'rgba(0, 0, 0, 0.55)';
      g.fillRect(0, layout.bandTop, width, layout.bandHeight);
      g.font = `700 ${layout.fontPx}px ${family}`;
      g.fillStyle = '#ffffff';
      g.textBaseline = 'alphabetic';
      watermark.forEach((line, i) => g.fillText(line, layout.padding, layout.baselines[i]));
    }

    const processed = await canvas.convertToBlob({ type: 'image/jpeg', quality: PROCESSED_JPEG_QUALITY });
    const t = fitWithin(width, height, THUMB_LONG_SIDE);
    const thumbCanvas = new OffscreenCanvas(t.width, t.height);
    const tg = thumbCanvas.getContext('2d', { alpha: false });
    if (!tg) throw new Error('no 2d context');
    tg.imageSmoothingEnabled = true;
    tg.imageSmoothingQuality = 'high';
    tg.drawImage(canvas, 0, 0, t.width, t.height);
    const thumb = await thumbCanvas.convertToBlob({ type: 'image/jpeg', quality: THUMB_JPEG_QUALITY });
    return { processed, thumb, width, height, watermarked: withMark };
  } finally {
    bitmap.close();
  }
}
