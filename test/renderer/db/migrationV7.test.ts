import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { InspectorDatabase } from '../../../renderer/db/database';
import { writeV4Database } from '../../support/v4Database';

/** Writes a database exactly as version 4 of the app laid it out (the last version before the year). */
function writeV4Fixture(name: string) {
  return writeV4Database(name, async (v4) => {
    const t = '2024-06-01T00:00:00.000Z';
    await v4.table('targets').put({ id: 'dw', name: '大洼区人民政府', kind: '县区政府', region: '大洼区', address: '', contactPerson: '', contactPhone: '', disclosurePhones: ['0427-1'], note: '', createdAt: t, updatedAt: t, deletedAt: null, deleted: 0 });
    await v4.table('inspections').put({ id: 'mid', title: '2024年年中考核', year: 2024, kind: '年中考核', startDate: '2024-06-01', endDate: '2024-06-30', team: [], scheme: {}, schemeHash: '', watermarkPhotos: true, createdAt: t, updatedAt: t, deletedAt: null, deleted: 0 });
    const call = { assessmentId: 'a1', inspectionId: 'mid', targetId: 'dw', quarter: 'Q2', number: '0427-1', answered: false, correct: null, caller: '王明', note: '', createdAt: t, updatedAt: t, deletedAt: null, deleted: 0 };
    await v4.table('phoneCalls').bulkPut([
      { ...call, id: 'p1', at: '2024-05-10T09:00' },
      { ...call, id: 'p2', at: '2024-05-14T15:00' },
      // A call whose round is gone: the year comes from its time.
      { ...call, id: 'p3', inspectionId: 'gone', at: '2023-11-02T10:00', quarter: 'Q4' },
    ]);
    await v4.table('changes').put({ id: 'x#000', hlc: '1717200000000-00000-dev', table: 'phoneCalls', rowId: 'p1', field: 'at', value: '2024-05-10T09:00', author: '王明', deviceId: 'dev' });
  });
}

describe('database migration v4 → v7 (the assessment year)', () => {
  it('turns per-round phone calls into year-long records of the unit, keeping every row and log entry', async () => {
    const name = `mig7-${Math.random().toString(36).slice(2)}`;
    await writeV4Fixture(name);
    const db = new InspectorDatabase(name);
    await db.open();
    expect(db.verno).toBe(12);
    const calls = await db.phoneCalls.where('[targetId+year]').equals(['dw', 2024]).toArray();
    expect(calls.map((c) => c.id).sort()).toEqual(['p1', 'p2']);
    expect(calls.every((c) => c.assessmentId === 'a1' && c.quarter === 'Q2')).toBe(true);
    expect((await db.phoneCalls.get('p3'))?.year).toBe(2023);
    expect(await db.changes.count()).toBe(1);
    // The new year-long tables exist and are empty.
    expect(await db.complaintCases.count()).toBe(0);
    expect(await db.bulletins.count()).toBe(0);
    expect(await db.prefillDecisions.count()).toBe(0);
    // Units written before have no county; halls can now point to one.
    expect((await db.targets.get('dw'))?.parentId).toBeUndefined();
    db.close();
    await Dexie.delete(name);
  });
});
