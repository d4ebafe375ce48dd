// Merging laptops: export a sync bundle of 1,000 units (11,000 change entries) and import it on another laptop.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { InspectorDatabase } from '../../renderer/db/database';
import { openSession, saveProfile } from '../../renderer/db/session';
import { exportSyncBundle, importSyncBundle } from '../../renderer/features/sync/syncService';
import { TargetRepository } from '../../renderer/features/targets/targetRepository';
import { makeTargets } from '../shared/dbBench';
import type { BenchCase } from '../types';

export default {
  title: 'Sync bundles (Node, fake-indexeddb)',
  async run() {
    const laptop = async (name: string) => saveProfile(await openSession(new InspectorDatabase(name)), { name, organisation: '办', team: '组' });
    const a = await laptop('bench-sync-a');
    await new TargetRepository(a.db, a.logger).createMany(makeTargets(1000));
    let t0 = performance.now();
    const bundle = await exportSyncBundle(a, 'bench');
    const exportMs = performance.now() - t0;
    const b = await laptop('bench-sync-b');
    t0 = performance.now();
    const first = await importSyncBundle(b, 'a.zwgksync', bundle.bytes);
    const importMs = performance.now() - t0;
    t0 = performance.now();
    const again = await importSyncBundle(b, 'a.zwgksync', bundle.bytes);
    const reimportMs = performance.now() - t0;
    if (first.newChanges !== bundle.changes || again.newChanges !== 0) throw new Error('merge counts wrong');
    for (const s of [a, b]) {
      s.db.close();
      await Dexie.delete(s.db.name);
    }
    return {
      'sync.export11k.ms': { value: Math.round(exportMs), unit: 'ms' },
      'sync.bundle11k.kb': { value: Math.round(bundle.bytes.byteLength / 1024), unit: 'KB' },
      'sync.merge11k.ms': { value: Math.round(importMs), unit: 'ms' },
      'sync.remerge11k.ms': { value: Math.round(reimportMs), unit: 'ms' },
    };
  },
} satisfies BenchCase;
