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
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const q0 = performance.now();
    const rows = await repo.list({ kind: '政府部门', region: '大洼区', search: '测试单位1' });
    times.push(performance.now() - q0);
    if (rows.length === 0) throw new Error('query returned nothing');
  }
  times.sort((a, b) => a - b);
  s.db.close();
  await Dexie.delete(name);
  return {
    [`${prefix}.bulkInsert50k.ms`]: { value: Math.round(insertMs), unit: 'ms' },
    [`${prefix}.bulkInsert50k.changeEntries`]: { value: changeCount, unit: 'entries' },
    [`${prefix}.query50k.ms`]: { value: Math.round(times[2] * 10) / 10, unit: 'ms' },
  };
}
