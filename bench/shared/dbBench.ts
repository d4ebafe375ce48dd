// Database figures measured the same way in Node (fake-indexeddb) and in Chromium (real IndexedDB).
import Dexie from 'dexie';
import { InspectorDatabase } from '../../renderer/db/database';
import { openSession, saveProfile } from '../../renderer/db/session';
import { TargetRepository } from '../../renderer/features/targets/targetRepository';
import { TARGET_KINDS, type TargetInput } from '../../shared/domain/targets';
import type { Figures } from '../types';

export function makeTargets(n: number): TargetInput[] {
  const regions = ['双台子区', '兴隆台区', '大洼区', '盘山县', '市直'];
  return Array.from({ length: n }, (_, i) => ({
    name: `测试单位${i}`,
    kind: TARGET_KINDS[i % TARGET_KINDS.length],
    region: regions[Math.floor(i / 5) % regions.length],
    address: `盘锦市测试路${i}号`,
    contactPerson: `联系人${i % 97}`,
    contactPhone: `0427-${2000000 + i}`,
    disclosurePhones: [`0427-${3000000 + i}`],
    note: '',
  }));
}

/**
 * The app's write path against its floors, side by side in the same run: a raw
 * Dexie `bulkPut` of the same 50,000 rows (rows only), and of the same rows plus
 * the same change entries, each into a fresh database of the same schema, in the
 * same chunks of 5,000.
 */
export async function dbFigures(prefix: string): Promise<Figures> {
  const name = `bench-${Date.now()}`;
  let s = await openSession(new InspectorDatabase(name));
  s = await saveProfile(s, { name: '测试', organisation: '测试', team: '测试' });
  const repo = new TargetRepository(s.db, s.logger);
  const inputs = makeTargets(50_000);
  const t0 = performance.now();
  for (let i = 0; i < inputs.length; i += 5_000) await repo.createMany(inputs.slice(i, i + 5_000));
  const insertMs = performance.now() - t0;
  const changeCount = await s.db.changes.count();
  // The 被检查单位 screen's query: a kind, a region and a search, the first page of 20 and the total.
  const filter = { kind: '政府部门' as const, region: '大洼区', search: '测试单位1' };
  const times: number[] = [];
  const allTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const q0 = performance.now();
    const page = await repo.page(filter, 0, 20);
    times.push(performance.now() - q0);
    if (page.rows.length !== 20 || page.total < 20) throw new Error('query returned too little');
    // Every matching unit, rows included (as an import reads them).
    const a0 = performance.now();
    const all = await repo.list(filter);
    allTimes.push(performance.now() - a0);
    if (all.length !== page.total) throw new Error('list and page disagree');
  }
  // The first query reads the index; the next ones (a search typed, the page turned) use the keys it kept.
  const coldMs = times[0];
  times.sort((a, b) => a - b);
  allTimes.sort((a, b) => a - b);
  // The query's floor: IndexedDB reading the keys of the kind and region alone (no filter,
  // no sort, no rows), straight from the store, as many times.
  const floorTimes: number[] = [];
  if (typeof indexedDB !== 'undefined' && 'getAllKeys' in IDBObjectStore.prototype) {
    const idb = s.db.backendDB();
    const range = IDBKeyRange.bound([0, filter.kind, filter.region], [0, filter.kind, filter.region, []]);
    for (let i = 0; i < 5; i++) {
      const f0 = performance.now();
      await new Promise<void>((res, rej) => {
        const req = idb.transaction('targetSearch').objectStore('targetSearch').getAllKeys(range);
        req.onsuccess = () => res();
        req.onerror = () => rej(req.error);
      });
      floorTimes.push(performance.now() - f0);
    }
    floorTimes.sort((a, b) => a - b);
  }
  const rows = await s.db.targets.toArray();
  const entries = await s.db.changes.toArray();
  s.db.close();
  await Dexie.delete(name);

  const raw = async (withEntries: boolean): Promise<number> => {
    const rawName = `${name}-raw-${withEntries ? 'entries' : 'rows'}`;
    const db = new InspectorDatabase(rawName);
    await db.open();
    const r0 = performance.now();
    const per = Math.ceil(entries.length / (rows.length / 5_000));
    for (let i = 0, n = 0; i < rows.length; i += 5_000, n++) {
      await db.transaction('rw', db.targets, db.changes, async () => {
        await db.targets.bulkPut(rows.slice(i, i + 5_000));
        if (withEntries) await db.changes.bulkPut(entries.slice(n * per, (n + 1) * per));
      });
    }
    const ms = performance.now() - r0;
    db.close();
    await Dexie.delete(rawName);
    return ms;
  };
  const rawRowsMs = await raw(false);
  const rawEntriesMs = await raw(true);
  return {
    [`${prefix}.bulkInsert50k.ms`]: { value: Math.round(insertMs), unit: 'ms' },
    [`${prefix}.bulkInsert50k.floorMs`]: { value: Math.round(rawRowsMs), unit: 'ms' },
    [`${prefix}.bulkInsert50k.rowsAndEntriesMs`]: { value: Math.round(rawEntriesMs), unit: 'ms' },
    [`${prefix}.bulkInsert50k.ratio`]: { value: Math.round((insertMs / rawRowsMs) * 100) / 100, unit: '×' },
    [`${prefix}.bulkInsert50k.changeEntries`]: { value: changeCount, unit: 'entries' },
    [`${prefix}.query50k.ms`]: { value: Math.round(times[2] * 10) / 10, unit: 'ms' },
    [`${prefix}.query50k.coldMs`]: { value: Math.round(coldMs * 10) / 10, unit: 'ms' },
    ...(floorTimes.length
      ? {
          [`${prefix}.query50k.floorMs`]: { value: Math.round(floorTimes[2] * 10) / 10, unit: 'ms' },
          [`${prefix}.query50k.ratio`]: { value: Math.round((times[2] / floorTimes[2]) * 100) / 100, unit: '×' },
        }
      : {}),
    [`${prefix}.query50kAll.ms`]: { value: Math.round(allTimes[2] * 10) / 10, unit: 'ms' },
  };
}
