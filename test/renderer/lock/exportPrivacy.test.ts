import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Dexie from 'dexie';
import exifr from 'exifr';
import { afterEach, describe, expect, it } from 'vitest';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile, type Session } from '../../../renderer/db/session';
import { indexedDbOriginals } from '../../../renderer/features/photos/originalStore';
import { exportSyncBundle } from '../../../renderer/features/sync/syncService';
import { stripPhotoMetadata } from '../../../shared/crypto/exportPrivacy';
import { sha256Hex } from '../../../shared/util/sha256';

const GPS_PHOTO = new Uint8Array(readFileSync(join(process.cwd(), 'test', 'fixtures', 'photos', 'hall-exif-gps.jpg')));
const CLEAN_PHOTO = new Uint8Array(readFileSync(join(process.cwd(), 'test', 'fixtures', 'photos', 'corner-no-exif.jpg')));

const names: string[] = [];
async function laptop(): Promise<Session> {
  const dbName = `privacy-${Math.random().toString(36).slice(2)}`;
  names.push(dbName);
  return saveProfile(await openSession(new InspectorDatabase(dbName)), { name: '王明', organisation: '盘锦市政务公开办公室', team: '一组' });
}
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

async function files(bytes: Uint8Array): Promise<Record<string, Uint8Array>> {
  const { ZipReader, Uint8ArrayReader, Uint8ArrayWriter } = await import('@zip.js/zip.js/index-native.js');
  const out: Record<string, Uint8Array> = {};
  for (const e of await new ZipReader(new Uint8ArrayReader(bytes)).getEntries()) if (!e.directory) out[e.filename] = await e.getData(new Uint8ArrayWriter());
  return out;
}

const exif = (b: Uint8Array) => exifr.parse(b, { gps: true, tiff: true, exif: true }).catch(() => undefined) as Promise<Record<string, unknown> | undefined>;

describe('photos that leave the office', () => {
  it('strips GPS and camera data from a JPEG and leaves the picture data as it was', async () => {
    const before = await exif(GPS_PHOTO);
    expect(before?.latitude).toBeTypeOf('number');
    expect(before?.Make).toBeTruthy();
    const stripped = stripPhotoMetadata(GPS_PHOTO);
    const after = await exif(stripped);
    expect(after?.latitude).toBeUndefined();
    expect(after?.Make).toBeUndefined();
    expect(await exifr.gps(stripped).catch(() => undefined)).toBeUndefined();
    // From the start of scan onwards the bytes are the same picture.
    const scan = (b: Uint8Array) => b.findIndex((x, i) => x === 0xff && b[i + 1] === 0xda);
    expect(stripped.subarray(scan(stripped))).toEqual(GPS_PHOTO.subarray(scan(GPS_PHOTO)));
    expect(stripPhotoMetadata(CLEAN_PHOTO)).toBe(CLEAN_PHOTO);
    const notJpeg = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    expect(stripPhotoMetadata(notJpeg)).toBe(notJpeg);
  });

  it('a 外送 bundle carries no original files and no GPS or camera data in its photos; an office bundle keeps the evidence', async () => {
    const s = await laptop();
    const hash = await sha256Hex(GPS_PHOTO);
    await s.db.photos.put({ id: hash, deleted: 0 } as never);
    // A copy that (unlike the app's canvas copies) still carries its EXIF.
    await s.db.photoBlobs.put({ id: `${hash}:processed`, photoId: hash, blob: new Blob([GPS_PHOTO as BlobPart], { type: 'image/jpeg' }) });
    await indexedDbOriginals(s.db).put(hash, GPS_PHOTO);

    const outside = await files((await exportSyncBundle(s, 'test', { includeOriginals: true, outside: true, originals: indexedDbOriginals(s.db) })).bytes);
    expect(Object.keys(outside).filter((f) => f.startsWith('originals/'))).toEqual([]);
    const blobs = Object.entries(outside).filter(([f]) => f.startsWith('blobs/'));
    expect(blobs).toHaveLength(1);
    for (const [, b] of blobs) {
      const e = await exif(b);
      expect(e?.latitude).toBeUndefined();
      expect(e?.Make).toBeUndefined();
    }

    const office = await files((await exportSyncBundle(s, 'test', { includeOriginals: true, originals: indexedDbOriginals(s.db) })).bytes);
    const original = office[`originals/${hash}`];
    expect((await exif(original))?.latitude).toBeTypeOf('number');
  });
});
