// The floor of the photo figures: a bare worker doing only the pixel work of the
// app's pipeline (decode with resize to the stored size, encode the stored copy,
// scale and encode the thumbnail), with no hash, EXIF, watermark or database.
import { PROCESSED_JPEG_QUALITY, PROCESSED_LONG_SIDE, THUMB_JPEG_QUALITY, THUMB_LONG_SIDE, fitWithin } from '../../../shared/photos/limits';

const scope = self as unknown as { onmessage: ((e: MessageEvent<{ id: number; buffer: ArrayBuffer; width: number; height: number }>) => void) | null; postMessage(m: unknown): void };

let queue: Promise<void> = Promise.resolve();
scope.onmessage = (e) => {
  const { id, buffer, width: w0, height: h0 } = e.data;
  queue = queue.then(async () => {
    const { width, height } = fitWithin(w0, h0, PROCESSED_LONG_SIDE);
    const bitmap = await createImageBitmap(new Blob([buffer], { type: 'image/jpeg' }), { imageOrientation: 'from-image', resizeWidth: width, resizeHeight: height, resizeQuality: 'high' });
    const canvas = new OffscreenCanvas(width, height);
    canvas.getContext('2d', { alpha: false })!.drawImage(bitmap, 0, 0, width, height);
    bitmap.close();
    const processed = await canvas.convertToBlob({ type: 'image/jpeg', quality: PROCESSED_JPEG_QUALITY });
    const t = fitWithin(width, height, THUMB_LONG_SIDE);
    const thumbCanvas = new OffscreenCanvas(t.width, t.height);
    const tg = thumbCanvas.getContext('2d', { alpha: false })!;
    tg.imageSmoothingEnabled = true;
    tg.imageSmoothingQuality = 'high';
    tg.drawImage(canvas, 0, 0, t.width, t.height);
    const thumb = await thumbCanvas.convertToBlob({ type: 'image/jpeg', quality: THUMB_JPEG_QUALITY });
    scope.postMessage({ id, bytes: processed.size + thumb.size });
  });
};
