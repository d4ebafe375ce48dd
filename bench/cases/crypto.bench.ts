// The cost of sealing: a sync bundle of 3,000 ~1 MB photos (originals kept as
// files, as on the desktop, plus their thumbnails in IndexedDB) written to a file
// on disk plain and sealed for the office (chunked AES-256-GCM), side by side in
// one run, alternating so that both see the same disk and caches.
import 'fake-indexeddb/auto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Dexie from 'dexie';
import { InspectorDatabase } from '../../renderer/db/database';
import { openSession, saveProfile, type Session } from '../../renderer/db/session';
import { sealBundleSink, setOfficeKeyProvider } from '../../renderer/features/lock/sealing';
import { writeSyncBundle } from '../../renderer/features/sync/syncService';
import { setPlatform, type FileSink, type FileSource, type OriginalStore, type Platform } from '../../renderer/platform';
import { isSealed, generateDataKey } from '../../shared/crypto/envelope';
import type { PhotoRow } from '../../shared/domain/photos';
import { sha256Hex } from '../../shared/util/sha256';
import type { BenchCase } from '../types';

const PHOTOS = 3000;
const ORIGINAL_BYTES = 1024 * 1024;
const THUMB_BYTES = 16 * 1024;
const ROUNDS = 2;

function photoBytes(seed: number, size: number): Uint8Array {
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

function fileSink(path: string): FileSink {
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

function fileSource(path: string): FileSource {
  const fd = openSync(path, 'r');
  return {
    name: path,
    size: statSync(path).size,
    async read(offset, length) {
      const buf = new Uint8Array(length);
      return buf.subarray(0, readSync(fd, buf, 0, length, offset));
    },
    async close() {
      closeSync(fd);
    },
  };
}

function diskOriginals(dir: string): OriginalStore {
  mkdirSync(dir, { recursive: true });
  return {
    missing: async (hashes) => hashes.filter((h) => !existsSync(join(dir, h))),
    put: async (sha, bytes) => writeFileSync(join(dir, sha), bytes),
    read: async (sha) => (existsSync(join(dir, sha)) ? fileSource(join(dir, sha)) : null),
    usage: async () => ({ count: 0, bytes: 0 }),
  };
}

async function seed(s: Session, originals: OriginalStore): Promise<void> {
  const iso = '2024-06-12T02:00:00.000Z';
  for (let start = 0; start < PHOTOS; start += 100) {
    const rows: PhotoRow[] = [];
    const blobs = [];
    for (let i = start; i < start + 100; i++) {
      const original = photoBytes(i + 1, ORIGINAL_BYTES);
      const id = await sha256Hex(original);
      await originals.put(id, original);
      rows.push({ id, originalName: `IMG_${i}.jpg`, originalBytes: ORIGINAL_BYTES, mime: 'image/jpeg', width: 4000, height: 3000, takenAt: null, gps: null, camera: null, attachedAt: iso, attachedBy: '王明', watermarked: true, watermarkText: [], processedBytes: THUMB_BYTES, createdAt: iso, updatedAt: iso, deletedAt: null, deleted: 0 });
      blobs.push({ id: `${id}:thumb`, photoId: id, blob: new Blob([photoBytes(i + 200_000, THUMB_BYTES) as BlobPart], { type: 'image/jpeg' }) });
    }
    await s.logger.save(s.db.photos, rows);
    await s.db.photoBlobs.bulkPut(blobs);
  }
}

export default {
  title: 'Sealing a bundle of 3,000 photos: plain vs AES-256-GCM, side by side (Node, files on disk)',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-bench-crypto-'));
    try {
      const originals = diskOriginals(join(dir, 'originals'));
      setPlatform({ kind: 'browser', appVersion: async () => 'bench', originals } as unknown as Platform);
      const officeKey = await generateDataKey();
      setOfficeKeyProvider(async () => ({ officeId: 'bench', officeName: '盘锦市政务公开办公室', key: officeKey }));
      const s = await saveProfile(await openSession(new InspectorDatabase('bench-crypto')), { name: '王明', organisation: '办', team: '组' });
      await seed(s, originals);
      const plain: number[] = [];
      const sealed: number[] = [];
      let sealedBytes = 0;
      for (let round = 0; round < ROUNDS; round++) {
        for (const seal of [false, true]) {
          const path = join(dir, `bundle-${round}-${seal}.zwgksync`);
          const t0 = performance.now();
          const file = fileSink(path);
          const sink = seal ? await sealBundleSink(s.db, file, { mode: 'office' }) : file;
          const written = await writeSyncBundle(s, sink, 'bench', { includeOriginals: true });
          (seal ? sealed : plain).push(performance.now() - t0);
          if (written.originals !== PHOTOS) throw new Error('bundle incomplete');
          const head = fileSource(path);
          const first = await head.read(0, 8);
          if (seal) sealedBytes = head.size;
          await head.close();
          if (isSealed(first) !== seal) throw new Error('wrong file kind');
          rmSync(path);
        }
      }
      s.db.close();
      await Dexie.delete(s.db.name);
      const plainMs = Math.min(...plain);
      const sealedMs = Math.min(...sealed);
      return {
        'crypto.bundle3000photos.ms': { value: Math.round(sealedMs), unit: 'ms' },
        'crypto.bundle3000photos.plainMs': { value: Math.round(plainMs), unit: 'ms' },
        'crypto.bundle3000photos.ratio': { value: Math.round((sealedMs / plainMs) * 100) / 100, unit: '×' },
        'crypto.bundle3000photos.mb': { value: Math.round(sealedBytes / (1024 * 1024)), unit: 'MB' },
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
} satisfies BenchCase;
