import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession } from '../../../renderer/db/session';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';

/** Writes a database exactly as version 8 of the app laid it out. */
async function writeV8Fixture(name: string) {
  const v8 = new Dexie(name);
  v8.version(8).stores({
    meta: 'key',
    targets: 'id, name, kind, region, updatedAt, deleted, [deleted+kind], parentId',
    changes: 'id, hlc, [table+rowId]',
    schemes: 'id, deleted, year',
    inspections: 'id, deleted, year, startDate',
    assessments: 'id, inspectionId, targetId, [inspectionId+deleted], [targetId+deleted]',
    responses: 'id, assessmentId, inspectionId',
    indicatorNotes: 'id, assessmentId',
    phoneCalls: 'id, assessmentId, inspectionId, [assessmentId+deleted], [targetId+year], year',
    checklistAnswers: 'id, assessmentId',
    draws: 'id, inspectionId',
    findings: 'id, inspectionId, assessmentId, targetId, status, deadline, noticeId, [inspectionId+deleted], [assessmentId+deleted]',
    notices: 'id, inspectionId, assessmentId, targetId, [year+seq], number',
    photos: 'id, deleted',
    photoBlobs: 'id, photoId',
    photoLinks: 'id, photoId, ownerId, assessmentId, inspectionId, [ownerId+deleted], [inspectionId+deleted]',
    checkRuns: 'id, assessmentId, inspectionId',
    conflicts: 'id, [table+rowId]',
    importedBundles: 'id, importedAt',
    quarantine: 'id, receivedAt, status',
    originals: 'id',
    complaintCases: 'id, [targetId+year], year',
    bulletins: 'id, [targetId+year], year',
    prefillDecisions: 'id, assessmentId',
    followUpTasks: 'id, year, inspectionId, deleted',
    sharedSettings: 'id',
    noticeBlocks: 'id, [issuer+year], deviceId',
  });
  await v8.open();
  const t = '2024-06-01T00:00:00.000Z';
  const base = { address: '', contactPerson: '', contactPhone: '', disclosurePhones: [], note: '', parentId: null, createdAt: t, updatedAt: t, deletedAt: null, deleted: 0 };
  await v8.table('targets').bulkPut([
    { ...base, id: 'mz', name: '大洼区民政局', kind: '政府部门', region: '大洼区' },
    { ...base, id: 'jy', name: '大洼区教育局', kind: '政府部门', region: '大洼区' },
    { ...base, id: 'ps', name: '盘山县民政局', kind: '政府部门', region: '盘山县' },
    { ...base, id: 'dw', name: '大洼区人民政府', kind: '县区政府', region: '大洼区' },
    { ...base, id: 'old', name: '大洼区旧局', kind: '政府部门', region: '大洼区', deletedAt: t, deleted: 1 },
  ]);
  // A per-field entry as v8 wrote it.
  await v8.table('changes').put({ id: '1717200000000-00000-dev#000', hlc: '1717200000000-00000-dev', table: 'targets', rowId: 'mz', field: 'name', value: '大洼区民政局', author: '王明', deviceId: 'dev' });
  v8.close();
}

let name = '';
afterEach(async () => {
  await Dexie.delete(name);
});

describe('database migration v8 → v9 (the units list index)', () => {
  it('keeps every unit and log entry, and the list by kind and region reads the new index', async () => {
    name = `mig9-${Math.random().toString(36).slice(2)}`;
    await writeV8Fixture(name);
    const s = await openSession(new InspectorDatabase(name));
    expect(s.db.verno).toBe(12);
    expect(await s.db.targets.count()).toBe(5);
    expect(await s.db.changes.count()).toBe(1);
    const byIndex = await s.db.targets.where('[deleted+kind+region]').equals([0, '政府部门', '大洼区']).primaryKeys();
    expect(byIndex.sort()).toEqual(['jy', 'mz']);
    const repo = new TargetRepository(s.db, s.logger);
    expect((await repo.list({ kind: '政府部门', region: '大洼区' })).map((t) => t.name)).toEqual(['大洼区教育局', '大洼区民政局']);
    expect((await repo.list({ region: '大洼区' })).map((t) => t.id).sort()).toEqual(['dw', 'jy', 'mz']);
    expect((await repo.list({ region: '大洼区', deleted: true })).map((t) => t.id)).toEqual(['old']);
    expect((await repo.list({ kind: '政府部门', region: '大洼区', search: '民政' })).map((t) => t.id)).toEqual(['mz']);
    s.db.close();
  });
});
