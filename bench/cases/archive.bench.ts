// A year of a team's photos: a full backup (and its restore on an empty laptop)
// and a sync bundle (and its merge) of 3,000 photos
// (the shared fixture of bench/shared/photoFixture.ts: ~1 MB originals kept as
// files, as on the desktop, plus their stored copies and thumbnails in
// IndexedDB), streamed to a file on disk; and zip bombs refused.
// Peak memory is the process's resident set above what it held just before the
// operation (the in-memory fake IndexedDB already holds the photo copies).
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Dexie from 'dexie';
import { InspectorDatabase } from '../../renderer/db/database';
import { openSession, saveProfile } from '../../renderer/db/session';
import { restoreBackup, writeBackup } from '../../renderer/features/sync/backupService';
import { importSyncBundle, writeSyncBundle } from '../../renderer/features/sync/syncService';
import { setPlatform, type Platform } from '../../renderer/platform';
import { makeZip } from '../../test/support/zipBombs';
import { diskOriginals, fileSink, fileSource, fixtureOriginals, PHOTOS, seedPhotoRows } from '../shared/photoFixture';
import type { BenchCase } from '../types';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Runs fn while sampling resident memory; returns the time and the peak above
 * `base` (the process after seeding, the same for every operation, so memory an
 * earlier operation left allocated counts against the later one too).
 */
async function measure<T>(base: number, fn: () => Promise<T>): Promise<{ ms: number; peakMb: number; result: T }> {
  gc();
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const t0 = performance.now();
  const result = await fn();
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms, peakMb: Math.round((peak - base) / (1024 * 1024)), result };
}

export default {
  title: 'Backups and bundles of 3,000 photos, zip bombs (Node, fake-indexeddb, files on disk)',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-bench-'));
    try {
      const fixture = await fixtureOriginals();
      const originals = diskOriginals(fixture.dir);
      const platform = { kind: 'desktop', appVersion: async () => 'bench', originals } as unknown as Platform;
      setPlatform(platform);
      const s = await saveProfile(await openSession(new InspectorDatabase('bench-archive')), { name: '王明', organisation: '办', team: '组' });
      await seedPhotoRows(s, fixture.ids, { processed: true });
      gc();
      const base = process.memoryUsage().rss;

      const backupPath = join(dir, 'full.zwgkbak');
      const backup = await measure(base, () => writeBackup(s, fileSink(backupPath), 'bench', { includePhotos: true, includeOriginals: true }));
      if (backup.result.manifest.originals.length !== PHOTOS || backup.result.manifest.blobs.length !== 2 * PHOTOS) throw new Error('backup incomplete');

      const bundlePath = join(dir, 'bundle.zwgksync');
      const bundle = await measure(base, () => writeSyncBundle(s, fileSink(bundlePath), 'bench', { includeOriginals: true }));
      if (bundle.result.photos !== 2 * PHOTOS || bundle.result.originals !== PHOTOS) throw new Error('bundle incomplete');
      const bundleBytes = bundle.result.bytes;

      // The bundle merged on another laptop (its photo copies land in that laptop's in-memory database).
      const b = await saveProfile(await openSession(new InspectorDatabase('bench-archive-b')), { name: '李华', organisation: '办', team: '组' });
      setPlatform({ ...platform, originals: diskOriginals(join(dir, 'originals-b')) } as Platform);
      const merge = await measure(process.memoryUsage().rss, async () => {
        const source = fileSource(bundlePath);
        try {
          return await importSyncBundle(b, 'bundle.zwgksync', source);
        } finally {
          await source.close();
        }
      });
      if (merge.result.photosAdded !== PHOTOS) throw new Error('merge incomplete');
      rmSync(bundlePath);

      // The full backup restored on a laptop that lost everything: every photo copy and original back
      // (measured last: its peak includes the copies the in-memory fake IndexedDB then holds, as the merge's does).
      const c = await saveProfile(await openSession(new InspectorDatabase('bench-archive-c')), { name: '张强', organisation: '办', team: '组' });
      setPlatform({ ...platform, originals: diskOriginals(join(dir, 'originals-c')) } as Platform);
      const restore = await measure(process.memoryUsage().rss, async () => {
        const source = fileSource(backupPath);
        try {
          return await restoreBackup(c, source);
        } finally {
          await source.close();
        }
      });
      if (restore.result.originalsRestored !== PHOTOS || (await c.db.photoBlobs.count()) !== 2 * PHOTOS) throw new Error('restore incomplete');
      c.db.close();
      await Dexie.delete(c.db.name);
      setPlatform(platform);
      rmSync(backupPath);

      // Bombs: 400 MB in ~400 KB; a valid bundle with four 2 GB junk entries (8 MB).
      const small = await makeZip({}, [{ name: 'tables/changes.json', inflatedBytes: 400 * 1024 * 1024 }]);
      const four = await makeZip({ 'manifest.json': new TextEncoder().encode('{}') }, [0, 1, 2, 3].map((i) => ({ name: `junk${i}.bin`, inflatedBytes: 2 * 1024 ** 3 })));
      let refuseMs = 0;
      for (const [i, bytes] of [small, four].entries()) {
        const path = join(dir, `bomb${i}.zwgksync`);
        writeFileSync(path, bytes);
        const source = fileSource(path);
        const t0 = performance.now();
        const refused = await importSyncBundle(b, 'bomb', source).then(
          () => false,
          () => true,
        );
        refuseMs = Math.max(refuseMs, performance.now() - t0);
        await source.close();
        if (!refused) throw new Error('bomb accepted');
      }

      for (const db of [s.db, b.db]) {
        db.close();
        await Dexie.delete(db.name);
      }
      return {
        'backup.full3000photos.ms': { value: Math.round(backup.ms), unit: 'ms' },
        'backup.full3000photos.peakMb': { value: backup.peakMb, unit: 'MB' },
        'backup.full3000photos.mb': { value: Math.round(backup.result.bytes / (1024 * 1024)), unit: 'MB' },
        'backup.restore3000photos.ms': { value: Math.round(restore.ms), unit: 'ms' },
        'backup.restore3000photos.peakMb': { value: restore.peakMb, unit: 'MB' },
        'sync.bundle3000photos.ms': { value: Math.round(bundle.ms), unit: 'ms' },
        'sync.bundle3000photos.peakMb': { value: bundle.peakMb, unit: 'MB' },
        'sync.bundle3000photos.mb': { value: Math.round(bundleBytes / (1024 * 1024)), unit: 'MB' },
        'sync.merge3000photos.ms': { value: Math.round(merge.ms), unit: 'ms' },
        'sync.merge3000photos.peakMb': { value: merge.peakMb, unit: 'MB' },
        'sync.bomb.refuseMs': { value: Math.round(refuseMs * 10) / 10, unit: 'ms' },
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
} satisfies BenchCase;
