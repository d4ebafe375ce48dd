import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEIC_MESSAGE, PhotoRejectedError, decodeRejection, encodeRejection, isQuotaError } from '../../../shared/photos/errors';
import { MAX_PHOTO_BYTES } from '../../../shared/photos/limits';
import { checkPhotoFileSize, inspectImageBytes, sniffImageKind } from '../../../shared/photos/sniff';
import { buildBmp, buildHeicHeader, buildRgbTiff, TINY_GIF } from '../../fixtures/photos/exifBuilder';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'photos');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

function rejection(fn: () => unknown): PhotoRejectedError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PhotoRejectedError) return e;
    throw e;
  }
  throw new Error('expected a PhotoRejectedError');
}

describe('what a file is, by its bytes', () => {
  it('recognises the phone formats whatever the file is called', () => {
    expect(sniffImageKind(fixture('hall-exif-gps.jpg'))).toBe('jpeg');
    expect(sniffImageKind(fixture('sign.png'))).toBe('png');
    expect(sniffImageKind(fixture('iphone.heic'))).toBe('heic');
    expect(sniffImageKind(fixture('animation.gif'))).toBe('gif');
    expect(sniffImageKind(fixture('scan.tif'))).toBe('tiff');
    expect(sniffImageKind(fixture('drawing.bmp'))).toBe('bmp');
    expect(sniffImageKind(fixture('not-a-photo.jpg'))).toBe('unknown');
  });

  it('reads the stored pixel size of whole JPEG and PNG files', () => {
    expect(inspectImageBytes(fixture('hall-exif-gps.jpg'))).toEqual({ kind: 'jpeg', mime: 'image/jpeg', width: 1600, height: 1200 });
    // Stored landscape; EXIF turns it upright later.
    expect(inspectImageBytes(fixture('board-orient6.jpg'))).toMatchObject({ width: 1200, height: 900 });
    expect(inspectImageBytes(fixture('sign.png'))).toEqual({ kind: 'png', mime: 'image/png', width: 800, height: 600 });
  });

  it('accepts data after the end of a JPEG (motion photos append a video there)', () => {
    const jpeg = fixture('corner-no-exif.jpg');
    const withVideo = new Uint8Array(jpeg.length + 5000);
    withVideo.set(jpeg);
    withVideo.set(new TextEncoder().encode('....ftypmp42'), jpeg.length);
    expect(inspectImageBytes(withVideo).kind).toBe('jpeg');
  });
});

describe('bad input is refused with a message that says what to do', () => {
  it('a text file named .jpg', () => {
    const e = rejection(() => inspectImageBytes(fixture('not-a-photo.jpg')));
    expect(e.code).toBe('notImage');
    expect(e.message).toBe('文件内容不是图片（按文件内容识别，与扩展名无关），未导入');
  });

  it('an empty file, before reading anything', () => {
    expect(rejection(() => checkPhotoFileSize(0)).message).toBe('文件为空（0 字节），可能未复制完整，未导入');
    expect(rejection(() => inspectImageBytes(fixture('empty.jpg'))).code).toBe('empty');
  });

  it('a 100 MB file, from its size alone', () => {
    const e = rejection(() => checkPhotoFileSize(100 * 1024 * 1024));
    expect(e.code).toBe('tooLarge');
    expect(e.message).toContain('文件过大（100 MB）');
    expect(e.message).toContain(`不能超过 ${MAX_PHOTO_BYTES / 1048576} MB`);
    expect(() => checkPhotoFileSize(MAX_PHOTO_BYTES)).not.toThrow();
  });

  it('a JPEG cut in half', () => {
    const e = rejection(() => inspectImageBytes(fixture('hall-cut-in-half.jpg')));
    expect(e.code).toBe('truncated');
    expect(e.message).toBe('照片文件不完整或已损坏（可能未复制完整），请从手机重新复制后再导入');
  });

  it('a JPEG or PNG cut anywhere before its end', () => {
    for (const name of ['hall-exif-gps.jpg', 'board-orient6.jpg', 'sign.png']) {
      const whole = fixture(name);
      fc.assert(
        fc.property(fc.integer({ min: 1, max: whole.length - 1 }), (cut) => {
          expect(() => inspectImageBytes(whole.subarray(0, cut))).toThrow(PhotoRejectedError);
        }),
        { numRuns: 200 },
      );
    }
  });

  it('HEIC with the way to convert it', () => {
    const e = rejection(() => inspectImageBytes(buildHeicHeader()));
    expect(e.code).toBe('heic');
    expect(e.message).toBe(HEIC_MESSAGE);
    expect(e.message).toContain('兼容性最佳');
  });

  it('GIF, TIFF and BMP as unsupported formats', () => {
    expect(rejection(() => inspectImageBytes(TINY_GIF)).message).toBe('暂不支持 GIF 格式，请转换为 JPEG 或 PNG 照片后再导入');
    expect(rejection(() => inspectImageBytes(buildRgbTiff(4, 4))).message).toBe('暂不支持 TIFF 格式，请转换为 JPEG 或 PNG 照片后再导入');
    expect(rejection(() => inspectImageBytes(buildBmp(4, 4))).code).toBe('unsupported');
  });

  it('a picture too big to decode safely', () => {
    // A JPEG header claiming 20000×20000 pixels (400 MP), complete up to EOI.
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x4e, 0x20, 0x4e, 0x20, 0x01, 0x01, 0x11, 0x00, 0xff, 0xd9]);
    const e = rejection(() => inspectImageBytes(jpeg));
    expect(e.code).toBe('tooManyPixels');
    expect(e.message).toContain('20000×20000');
  });
});

describe('errors crossing the worker boundary', () => {
  it('keep their code and message', () => {
    const back = decodeRejection(encodeRejection(new PhotoRejectedError('heic', HEIC_MESSAGE)));
    expect(back.code).toBe('heic');
    expect(back.message).toBe(HEIC_MESSAGE);
    const other = decodeRejection(encodeRejection(new TypeError('boom')));
    expect(other.code).toBe('failed');
    expect(other.message).toBe('照片处理失败：boom');
  });

  it('a disk-full error is recognised even when wrapped', () => {
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError(new Error('ConstraintError'))).toBe(false);
  });
});
