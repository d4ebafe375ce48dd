import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { InspectorDatabase } from '../../../renderer/db/database';

/** Writes a database exactly as version 1 of the app did. */
async function writeV1Fixture(name: string) {
  const v1 = new Dexie(name);
  v1.version(1).stores({ meta: 'key', targets: 'id, name, kind, region, updatedAt', changes: 'id, hlc, [table+rowId]' });
  await v1.open();
  await v1.table('meta').put({ key: 'profile', value: { name: '王明', organisation: '盘锦市政务公开办', team: '第一组' } });
  await v1.table('targets').bulkPut([
    { id: 'a', name: '盘山县人民政府', kind: '县区政府', region: '盘山县', address: '', contactPerson: '', contactPhone: '', publicPhone: '0427-1111111、0427-2222222', note: '', createdAt: '2024-05-01T00:00:00.000Z', updatedAt: '2024-05-01T00:00:00.000Z', deletedAt: null },
    { id: 'b', name: '大洼区人民政府', kind: '县区政府', region: '大洼区', address: '', contactPerson: '', contactPhone: '', publicPhone: '', note: '已撤并', createdAt: '2024-05-01T00:00:00.000Z', updatedAt: '2024-05-02T00:00:00.000Z', deletedAt: '2024-05-02T00:00:00.000Z' },
  ]);
  await v1.table('changes').put({ id: 'x#000', hlc: '1714521600000-00000-dev', table: 'targets', rowId: 'a', field: 'name', value: '盘山县人民政府', author: '王明', deviceId: 'dev' });
  v1.close();
}

describe('database migration v1 → current', () => {
  it('upgrades a v1 database without losing a row, a field or a log entry', async () => {
    const name = `mig-${Math.random().toString(36).slice(2)}`;
    await writeV1Fixture(name);
    const db = new InspectorDatabase(name);
    await db.open();
    expect(db.verno).toBe(6);
    const a = await db.targets.get('a');
    expect(a).toMatchObject({ name: '盘山县人民政府', disclosurePhones: ['0427-1111111', '0427-2222222'], deleted: 0, deletedAt: null });
    expect(a).not.toHaveProperty('publicPhone');
    const b = await db.targets.get('b');
    expect(b).toMatchObject({ disclosurePhones: [], deleted: 1, note: '已撤并' });
    expect(await db.targets.where('deleted').equals(0).count()).toBe(1);
    expect(await db.changes.count()).toBe(1);
    expect((await db.meta.get('profile'))?.value).toMatchObject({ name: '王明' });
    db.close();
    await Dexie.delete(name);
  });
});
