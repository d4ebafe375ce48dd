import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { InspectorDatabase } from '../../../renderer/db/database';
import { writeV4Database } from '../../support/v4Database';

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
    expect(db.verno).toBe(12);
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

/** Writes a database exactly as version 4 of the app left it, with notice settings in db.meta. */
function writeV4Fixture(name: string) {
  return writeV4Database(name, async (v4) => {
    await v4.table('meta').bulkPut([
      { key: 'device', value: { deviceId: 'laptop-a', createdAt: '2024-05-01T00:00:00.000Z' } },
      { key: 'profile', value: { name: '王明', organisation: '盘锦市政务公开办', team: '第一组' } },
      { key: 'settings.notice', value: { issuer: '盘锦市人民政府办公室', numberPrefix: '盘政办公开改', contactPerson: '王明', contactPhone: '0427-2826114', dateStyle: 'arabic', receipt: true, sealPlaceholder: false, systemFonts: {} } },
    ]);
    await v4.table('changes').put({ id: '4102444800000-00000-laptop-a#000', hlc: '4102444800000-00000-laptop-a', table: 'targets', rowId: 'a', field: 'name', value: '盘山县人民政府', author: '王明', deviceId: 'laptop-a' });
    await v4.table('findings').put({ id: 'f1', inspectionId: 'i', assessmentId: 'a', targetId: 't', status: '已整改', deadline: '2024-07-20', noticeId: null, deleted: 0 });
  });
}

describe('database migration v4 → v8', () => {
  it('moves the notice settings into a change-logged shared row (so they sync), and adds the follow-up and number-block tables', async () => {
    const name = `mig4-${Math.random().toString(36).slice(2)}`;
    await writeV4Fixture(name);
    const db = new InspectorDatabase(name);
    await db.open();
    expect(db.verno).toBe(12);
    expect((await db.sharedSettings.get('notice'))?.value).toMatchObject({ issuer: '盘锦市人民政府办公室', numberPrefix: '盘政办公开改', dateStyle: 'arabic' });
    expect(await db.meta.get('settings.notice')).toBeUndefined();
    const log = await db.changes.where('[table+rowId]').equals(['sharedSettings', 'notice']).toArray();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ field: 'value', author: '王明', deviceId: 'laptop-a' });
    // Stamped after every earlier change, even one from a clock far ahead.
    expect(log[0].hlc > '4102444800000-00000-laptop-a').toBe(true);
    expect(await db.changes.count()).toBe(2);
    expect(await db.findings.get('f1')).toMatchObject({ status: '已整改' });
    expect(await db.followUpTasks.count()).toBe(0);
    expect(await db.noticeBlocks.where('[issuer+year]').equals(['盘锦市人民政府办公室', 2024]).count()).toBe(0);
    db.close();
    await Dexie.delete(name);
  });

  it('leaves a v4 database without notice settings as it was', async () => {
    const name = `mig4b-${Math.random().toString(36).slice(2)}`;
    const v4 = new Dexie(name);
    v4.version(4).stores({ meta: 'key', changes: 'id, hlc, [table+rowId]' });
    await v4.open();
    await v4.table('meta').put({ key: 'profile', value: { name: '王明' } });
    v4.close();
    const db = new InspectorDatabase(name);
    await db.open();
    expect(await db.sharedSettings.count()).toBe(0);
    expect(await db.changes.count()).toBe(0);
    db.close();
    await Dexie.delete(name);
  });
});
