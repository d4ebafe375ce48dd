/**
 * Why a file was not stored. Every code has a message an inspector can act on;
 * the batch lists them per file and goes on with the others.
 */
export type PhotoRejectionCode =
  | 'empty'
  | 'tooLarge'
  | 'notImage'
  | 'unsupported'
  | 'heic'
  | 'truncated'
  | 'tooManyPixels'
  | 'decodeFailed'
  | 'storageFull'
  | 'failed';

export class PhotoRejectedError extends Error {
  constructor(
    readonly code: PhotoRejectionCode,
    message: string,
  ) {
    super(message);
    this.name = 'PhotoRejectedError';
  }
}

export const HEIC_MESSAGE =
  '暂不支持 HEIC 格式：请在手机「设置→相机→格式」选择「兼容性最佳」，或用系统照片应用另存为 JPEG 后再导入';

export const STORAGE_FULL_MESSAGE = '磁盘空间不足，照片未保存。请清空照片回收站、删除不需要的照片或释放磁盘空间后重试';

/** Worker messages carry errors as plain data: `code|message`. */
export function encodeRejection(e: unknown): string {
  if (e instanceof PhotoRejectedError) return `${e.code}|${e.message}`;
  return `failed|照片处理失败：${e instanceof Error ? e.message : String(e)}`;
}

const CODES: PhotoRejectionCode[] = ['empty', 'tooLarge', 'notImage', 'unsupported', 'heic', 'truncated', 'tooManyPixels', 'decodeFailed', 'storageFull', 'failed'];

export function decodeRejection(text: string): PhotoRejectedError {
  const bar = text.indexOf('|');
  const code = text.slice(0, bar) as PhotoRejectionCode;
  if (bar > 0 && CODES.includes(code)) return new PhotoRejectedError(code, text.slice(bar + 1));
  return new PhotoRejectedError('failed', text);
}

/** True for the browser's "disk full" errors, however they are wrapped (Dexie wraps them in its own error types). */
export function isQuotaError(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const err = cur as { name?: string; message?: string; inner?: unknown; cause?: unknown };
    if (err.name === 'QuotaExceededError' || /quota/i.test(err.message ?? '')) return true;
    cur = err.inner ?? err.cause;
  }
  return false;
}
