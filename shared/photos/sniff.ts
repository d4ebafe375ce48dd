import { HEIC_MESSAGE, PhotoRejectedError } from './errors';
import { MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS } from './limits';

/**
 * What a file really is, judged by its bytes (never by its name), and whether
 * it is whole. Phones write JPEG (sometimes PNG, WebP or HEIC); anything else
 * is refused with a message that says what to do.
 */
export type ImageKind = 'jpeg' | 'png' | 'webp' | 'heic' | 'avif' | 'gif' | 'tiff' | 'bmp' | 'pdf' | 'unknown';

export const SUPPORTED_KINDS = ['jpeg', 'png', 'webp'] as const;
export type SupportedKind = (typeof SUPPORTED_KINDS)[number];

export const MIME: Record<SupportedKind, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

/** How many leading bytes `sniffImageKind` needs. */
export const SNIFF_BYTES = 64;

const ascii = (b: Uint8Array, at: number, len: number) => String.fromCharCode(...b.subarray(at, at + len));

export function sniffImageKind(head: Uint8Array): ImageKind {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.length >= 8 && ascii(head, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return 'webp';
  if (head.length >= 6 && (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a')) return 'gif';
  if (head.length >= 4 && (ascii(head, 0, 4) === 'II*\0' || ascii(head, 0, 4) === 'MM\0*')) return 'tiff';
  if (head.length >= 14 && ascii(head, 0, 2) === 'BM' && readU32le(head, 2) > 14) return 'bmp';
  if (head.length >= 5 && ascii(head, 0, 5) === '%PDF-') return 'pdf';
  if (head.length >= 16 && ascii(head, 4, 4) === 'ftyp') {
    const size = Math.min(readU32be(head, 0), head.length);
    const brands: string[] = [ascii(head, 8, 4)];
    for (let at = 16; at + 4 <= size; at += 4) brands.push(ascii(head, at, 4));
    if (brands.some((b) => HEIF_BRANDS.has(b))) return 'heic';
    if (brands.some((b) => b === 'avif' || b === 'avis')) return 'avif';
  }
  return 'unknown';
}

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);

const KIND_LABEL: Partial<Record<ImageKind, string>> = { gif: 'GIF', tiff: 'TIFF', bmp: 'BMP', avif: 'AVIF', pdf: 'PDF' };

/** Refuses an empty or oversized file from its size alone, before any byte is read. */
export function checkPhotoFileSize(size: number, maxBytes = MAX_PHOTO_BYTES): void {
  if (size === 0) throw new PhotoRejectedError('empty', '文件为空（0 字节），可能未复制完整，未导入');
  if (size > maxBytes) {
    throw new PhotoRejectedError(
      'tooLarge',
      `文件过大（${formatMb(size)}），单张照片不能超过 ${formatMb(maxBytes)}；请用手机或系统照片应用缩小后再导入`,
    );
  }
}

export interface ImageInfo {
  kind: SupportedKind;
  mime: string;
  /** Pixel size as stored (before EXIF orientation). */
  width: number;
  height: number;
}

/** Checks the whole file: a supported kind, whole (not cut short), of a size we can decode. */
export function inspectImageBytes(bytes: Uint8Array): ImageInfo {
  checkPhotoFileSize(bytes.length);
  const kind = sniffImageKind(bytes.subarray(0, SNIFF_BYTES));
  if (kind === 'heic') throw new PhotoRejectedError('heic', HEIC_MESSAGE);
  if (kind === 'unknown') throw new PhotoRejectedError('notImage', '文件内容不是图片（按文件内容识别，与扩展名无关），未导入');
  if (kind === 'gif' || kind === 'tiff' || kind === 'bmp' || kind === 'avif' || kind === 'pdf') {
    throw new PhotoRejectedError('unsupported', `暂不支持 ${KIND_LABEL[kind]} 格式，请转换为 JPEG 或 PNG 照片后再导入`);
  }
  const size = kind === 'jpeg' ? jpegSize(bytes) : kind === 'png' ? pngSize(bytes) : webpSize(bytes);
  if (size.width * size.height > MAX_PHOTO_PIXELS) {
    throw new PhotoRejectedError(
      'tooManyPixels',
      `照片像素过大（${size.width}×${size.height}），最多支持约 ${Math.round(MAX_PHOTO_PIXELS / 1e6)} 百万像素`,
    );
  }
  return { kind, mime: MIME[kind], ...size };
}

const truncated = () => new PhotoRejectedError('truncated', '照片文件不完整或已损坏（可能未复制完整），请从手机重新复制后再导入');

/**
 * Walks the JPEG's segments up to EOI, skipping over each scan's entropy-coded
 * data. Trailing bytes after EOI (motion-photo video, vendor data) are allowed;
 * a file that ends before EOI is not whole.
 */
function jpegSize(b: Uint8Array): { width: number; height: number } {
  let i = 2;
  let width = 0;
  let height = 0;
  const n = b.length;
  for (;;) {
    if (i >= n) throw truncated();
    if (b[i] !== 0xff) throw truncated();
    while (i < n && b[i] === 0xff) i++;
    if (i >= n) throw truncated();
    const marker = b[i++];
    if (marker === 0xd9) break;
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue;
    if (i + 2 > n) throw truncated();
    const len = (b[i] << 8) | b[i + 1];
    if (len < 2) throw truncated();
    const end = i + len;
    if (end > n) throw truncated();
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (len < 7) throw truncated();
      height = (b[i + 3] << 8) | b[i + 4];
      width = (b[i + 5] << 8) | b[i + 6];
    }
    i = end;
    if (marker === 0xda) {
      // Entropy-coded data: the next marker is an 0xFF not followed by 0x00, RSTn or fill.
      for (;;) {
        const ff = b.indexOf(0xff, i);
        if (ff < 0 || ff + 1 >= n) throw truncated();
        const next = b[ff + 1];
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) {
          i = ff + 2;
          continue;
        }
        if (next === 0xff) {
          i = ff + 1;
          continue;
        }
        i = ff;
        break;
      }
    }
  }
  if (!width || !height) throw truncated();
  return { width, height };
}

function pngSize(b: Uint8Array): { width: number; height: number } {
  let i = 8;
  let width = 0;
  let height = 0;
  for (;;) {
    if (i + 8 > b.length) throw truncated();
    const len = readU32be(b, i);
    const type = ascii(b, i + 4, 4);
    const end = i + 12 + len;
    if (end > b.length) throw truncated();
    if (type === 'IHDR') {
      width = readU32be(b, i + 8);
      height = readU32be(b, i + 12);
    }
    if (type === 'IEND') break;
    i = end;
  }
  if (!width || !height) throw truncated();
  return { width, height };
}

function webpSize(b: Uint8Array): { width: number; height: number } {
  if (b.length < 30 || readU32le(b, 4) + 8 > b.length) throw truncated();
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X') return { width: 1 + readU24le(b, 24), height: 1 + readU24le(b, 27) };
  if (chunk === 'VP8 ') return { width: readU16le(b, 26) & 0x3fff, height: readU16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = readU32le(b, 21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  throw truncated();
}

function readU32be(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}
function readU32le(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}
function readU24le(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);
}
function readU16le(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8);
}

function formatMb(bytes: number): string {
  return `${Math.round((bytes / 1048576) * 10) / 10} MB`;
}
