// The 3,000-photo fixture shared by the archive and crypto cases: ~1 MB
// originals kept as files (as on the desktop), plus their stored copies and
// thumbnails in the (fake) IndexedDB. The originals are made once and kept under
// bench-output/fixtures, so a second case or a second run reads them instead of
// writing 3 GB again; only the database rows are seeded each time.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Session } from '../../renderer/db/session';
import type { FileSink, FileSource, OriginalStore } from '../../renderer/platform';
import type { PhotoRow } from '../../shared/domain/photos';
import { sha256Hex } from '../../shared/util/sha256';

export const PHOTOS = 3000;
export const ORIGINAL_BYTES = 1024 * 1024;
export const PROCESSED_BYTES = 160 * 1024;
export const THUMB_BYTES = 16 * 1024;

/** Deterministic incompressible bytes that start like a JPEG. */
export function photoBytes(seed: number, size: number): Uint8Array {
  const out = new Uint8Array(size);
  const words = new Uint32Array(out.buffer, 0, size >> 2);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  out.set([0xff, 0xd8, 0xff, 0xe0]);
  return out;
}

export function fileSink(path: string): FileSink {
  const fd = openSync(`${path}.part`, 'w');
  let bytes = 0;
  return {
    async write(chunk) {
      writeSync(fd, chunk);
      bytes += chunk.byteLength;
    },
    async close() {
      closeSync(fd);
      renameSync(`${path}.part`, path);
      return { name: path, bytes };
    },
    async abort() {
      closeSync(fd);
      rmSync(`${path}.part`, { force: true });
    },
  };
}

export function fileSource(path: string): FileSource {
  const fd = openSync(path, 'r');
  return {
    name: path,
    size: statSync(path).size,
    async read(offset, length) {
      const buf = new Uint8Array(length);
      const n = readSync(fd, buf, 0, length, offset);
      return buf.subarray(0, n);
    },
    async close() {
      closeSync(fd);
    },
  };
}

/** The desktop's content-addressed originals folder, on disk. */
export function diskOriginals(dir: string): OriginalStore {
  mkdirSync(dir, { recursive: true });
  return {
    missing: async (hashes) => hashes.filter((h) => !existsSync(join(dir, h))),
    put: async (sha, bytes) => writeFileSync(join(dir, sha), bytes),
    read: async (sha) => (existsSync(join(dir, sha)) ? fileSource(join(dir, sha)) : null),
    usage: async () => ({ count: 0, bytes: 0 }),
  };
}

const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench-output', 'fixtures', `photos${PHOTOS}`);

/**
 * The originals folder of the fixture, made on first use: the files named by
 * their SHA-256 and `ids.json` listing them in order (written last, so a folder
 * left half-made by an interrupted run is made again).
 */
export async function fixtureOriginals(): Promise<{ dir: string; ids: string[] }> {
  const dir = join(FIXTURE_DIR, 'originals');
  const index = join(FIXTURE_DIR, 'ids.json');
  if (existsSync(index)) {
    const ids = JSON.parse(readFileSync(index, 'utf8')) as string[];
    if (ids.length === PHOTOS && ids.every((id) => existsSync(join(dir, id)) && statSync(join(dir, id)).size === ORIGINAL_BYTES)) return { dir, ids };
  }
  mkdirSync(dir, { recursive: true });
  const ids: string[] = [];
  for (let i = 0; i < PHOTOS; i++) {
    const original = photoBytes(i + 1, ORIGINAL_BYTES);
    const id = await sha256Hex(original);
    if (!existsSync(join(dir, id))) writeFileSync(join(dir, id), original);
    ids.push(id);
  }
  writeFileSync(index, JSON.stringify(ids));
  return { dir, ids };
}

/** The photo rows of the fixture (and their blobs: `processed` copies too for a backup) written through the change logger. */
export async function seedPhotoRows(s: Session, ids: readonly string[], options: { processed: boolean }): Promise<void> {
  const iso = '2024-06-12T02:00:00.000Z';
  for (let start = 0; start < ids.length; start += 100) {
    const rows: PhotoRow[] = [];
    const blobs = [];
    for (let i = start; i < Math.min(start + 100, ids.length); i++) {
      const id = ids[i];
      rows.push({ id, originalName: `IMG_${i}.jpg`, originalBytes: ORIGINAL_BYTES, mime: 'image/jpeg', width: 4000, height: 3000, takenAt: null, gps: null, camera: null, attachedAt: iso, attachedBy: '王明', watermarked: true, watermarkText: [], processedBytes: options.processed ? PROCESSED_BYTES : THUMB_BYTES, createdAt: iso, updatedAt: iso, deletedAt: null, deleted: 0 });
      if (options.processed) blobs.push({ id: `${id}:processed`, photoId: id, blob: new Blob([photoBytes(i + 100_000, PROCESSED_BYTES) as BlobPart], { type: 'image/jpeg' }) });
      blobs.push({ id: `${id}:thumb`, photoId: id, blob: new Blob([photoBytes(i + 200_000, THUMB_BYTES) as BlobPart], { type: 'image/jpeg' }) });
    }
    await s.logger.save(s.db.photos, rows);
    await s.db.photoBlobs.bulkPut(blobs);
  }
}
