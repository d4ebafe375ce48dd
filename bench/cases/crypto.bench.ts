// The cost of sealing: the sync bundle of the shared 3,000-photo fixture
// (bench/shared/photoFixture.ts, the same as archive.bench.ts: ~1 MB originals
// kept as files, as on the desktop, plus their stored copies and thumbnails in
// IndexedDB) of an enrolled laptop (entries and manifest signed), written to a
// file on disk plain and sealed for the office (chunked AES-256-GCM; the office
// data key from enrolment), side by side in one run: plain, sealed,
// plain, so the sealed write is compared with the two plain ones around it
// (the same disk, caches and machine load).
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Dexie from 'dexie';
import { InspectorDatabase } from '../../renderer/db/database';
import { openSession, saveProfile } from '../../renderer/db/session';
import { sealBundleSink } from '../../renderer/features/lock/sealing';
import { writeSyncBundle } from '../../renderer/features/sync/syncService';
import { setupOffice } from '../../renderer/features/trust/enrolment';
import { setPlatform, type Platform } from '../../renderer/platform';
import { isSealed } from '../../shared/crypto/envelope';
import { diskOriginals, fileSink, fileSource, fixtureOriginals, PHOTOS, seedPhotoRows } from '../shared/photoFixture';
import type { BenchCase } from '../types';

export default {
  title: 'Sealing a bundle of 3,000 photos: plain vs AES-256-GCM, side by side (Node, files on disk)',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-bench-crypto-'));
    try {
      const fixture = await fixtureOriginals();
      setPlatform({ kind: 'desktop', appVersion: async () => 'bench', originals: diskOriginals(fixture.dir) } as unknown as Platform);
      const s = await saveProfile(await openSession(new InspectorDatabase('bench-crypto')), { name: '王明', organisation: '盘锦市政务公开办公室', team: '组' });
      await setupOffice(s, { officeName: '盘锦市政务公开办公室', adminName: '王明', team: '组', deviceName: '王明的电脑', passphrase: '盘锦政务公开2026' });
      await seedPhotoRows(s, fixture.ids, { processed: true });
      // The first bundle signs the laptop's entries and keeps the signatures: done before timing, without the originals.
      const warm = join(dir, 'warm.zwgksync');
      await writeSyncBundle(s, fileSink(warm), 'bench', { includeOriginals: false });
      rmSync(warm);
      const plain: number[] = [];
      let sealedMs = 0;
      let sealedBytes = 0;
      for (const [n, seal] of [false, true, false].entries()) {
        const path = join(dir, `bundle-${n}.zwgksync`);
        const t0 = performance.now();
        const file = fileSink(path);
        const sink = seal ? await sealBundleSink(s.db, file, { mode: 'office' }) : file;
        const written = await writeSyncBundle(s, sink, 'bench', { includeOriginals: true });
        const ms = performance.now() - t0;
        if (seal) sealedMs = ms;
        else plain.push(ms);
        if (written.originals !== PHOTOS) throw new Error('bundle incomplete');
        const head = fileSource(path);
        const first = await head.read(0, 8);
        if (seal) sealedBytes = head.size;
        await head.close();
        if (isSealed(first) !== seal) throw new Error('wrong file kind');
        rmSync(path);
      }
      s.db.close();
      await Dexie.delete(s.db.name);
      const plainMs = (plain[0] + plain[1]) / 2;
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
