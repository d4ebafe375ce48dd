import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysePhotoBytes, readPhotoExif } from '../../../shared/photos/analyse';
import { exifDate, formatGps, normaliseExif } from '../../../shared/photos/exif';
import { withExif } from '../../fixtures/photos/exifBuilder';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'photos');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

describe('EXIF read from fixture photos', () => {
  it('capture time, GPS and camera of a phone photo', async () => {
    const a = await analysePhotoBytes(fixture('hall-exif-gps.jpg'));
    expect(a.exif).toEqual({
      takenAt: '2024-06-12T10:23:05',
      gps: { lat: 41.119583, lon: 122.071167 },
      orientation: 1,
      camera: 'HUAWEI Mate 40 Pro',
    });
    expect(formatGps(a.exif.gps!)).toBe('北纬 41.119583°，东经 122.071167°');
  });

  it('orientation 6 turns a landscape-stored photo upright: displayed size swaps', async () => {
    const a = await analysePhotoBytes(fixture('board-orient6.jpg'));
    expect(a.exif.orientation).toBe(6);
    expect([a.width, a.height]).toEqual([1200, 900]);
    expect([a.orientedWidth, a.orientedHeight]).toEqual([900, 1200]);
    expect(a.exif.camera).toBe('Apple iPhone 13');
    expect(a.exif.gps).toBeNull();
  });

  it('southern and western coordinates come out negative', async () => {
    const a = await analysePhotoBytes(fixture('tiny-orient8.jpg'));
    expect(a.exif.gps).toEqual({ lat: -33.8568, lon: -151.2153 });
    expect(a.exif.orientation).toBe(8);
    expect(formatGps(a.exif.gps!)).toBe('南纬 33.856800°，西经 151.215300°');
  });

  it('a photo without EXIF has no time, place or camera, and stays upright', async () => {
    expect((await analysePhotoBytes(fixture('corner-no-exif.jpg'))).exif).toEqual({ takenAt: null, gps: null, orientation: 1, camera: null });
    expect((await analysePhotoBytes(fixture('sign.png'))).exif.takenAt).toBeNull();
  });

  it('the SHA-256 is of the original bytes: one changed byte gives another id', async () => {
    const bytes = fixture('corner-no-exif.jpg');
    const a = await analysePhotoBytes(bytes);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    const { createHash } = await import('node:crypto');
    expect(a.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const edited = withExif(bytes, { dateTimeOriginal: '2024:06:12 10:23:06' });
    expect((await analysePhotoBytes(edited)).sha256).not.toBe(a.sha256);
  });

  it('a camera with an unset clock gives no capture time rather than a wrong one', async () => {
    const bytes = withExif(fixture('corner-no-exif.jpg'), { dateTimeOriginal: '0000:00:00 00:00:00', orientation: 9, gps: { lat: 0, lon: 0 } });
    expect(await readPhotoExif(bytes)).toEqual({ takenAt: null, gps: null, orientation: 1, camera: null });
  });
});

describe('normalising what exifr returns', () => {
  it('accepts revived Dates and raw EXIF strings alike', () => {
    expect(exifDate('2024:02:29 23:59:59')).toBe('2024-02-29T23:59:59');
    expect(exifDate(new Date(2024, 5, 12, 10, 23, 5))).toBe('2024-06-12T10:23:05');
    expect(exifDate('2023:02:29 10:00:00')).toBeNull();
    expect(exifDate('1970:01:01 00:00:00')).toBeNull();
    expect(exifDate('garbage')).toBeNull();
  });

  it('falls back from DateTimeOriginal to the digitised and modified times', () => {
    expect(normaliseExif({ CreateDate: '2024:06:01 09:00:00', ModifyDate: '2024:06:02 09:00:00' }).takenAt).toBe('2024-06-01T09:00:00');
    expect(normaliseExif({ ModifyDate: '2024:06:02 09:00:00' }).takenAt).toBe('2024-06-02T09:00:00');
  });

  it('computes degrees from DMS when exifr gave no decimal', () => {
    expect(normaliseExif({ GPSLatitude: [41, 7, 10.5], GPSLatitudeRef: 'N', GPSLongitude: [122, 4, 16.2], GPSLongitudeRef: 'E' }).gps).toEqual({
      lat: 41.119583,
      lon: 122.071167,
    });
    expect(normaliseExif({ latitude: 95, longitude: 10 }).gps).toBeNull();
  });

  it('writes the camera once when the model repeats the maker', () => {
    expect(normaliseExif({ Make: 'Xiaomi', Model: 'Xiaomi 14' }).camera).toBe('Xiaomi 14');
    expect(normaliseExif({ Make: 'Apple\0', Model: 'iPhone 15 Pro' }).camera).toBe('Apple iPhone 15 Pro');
    expect(normaliseExif({ Make: 'OPPO' }).camera).toBe('OPPO');
    expect(normaliseExif(undefined).camera).toBeNull();
  });
});
