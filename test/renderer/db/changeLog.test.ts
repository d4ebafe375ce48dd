import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { historyOf, storedHistoryOf } from '../../../renderer/db/changeLogger';
import { entryFields, fieldEntries, ROW_FIELD } from '../../../shared/domain/changeLog';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile } from '../../../renderer/db/session';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';
import type { TargetInput } from '../../../shared/domain/targets';

const input: TargetInput = {
  name: '盘山县人民政府',
  kind: '县区政府',
  region: '盘山县',
  address: '盘山县府前街1号',
  contactPerson: '张三',
  contactPhone: '0427-1111111',
  disclosurePhones: ['0427-2222222'],
  note: '',
};

let dbName = '';
async function newSession() {
  dbName = `test-${Math.random().toString(36).slice(2)}`;
  let s = await openSession(new InspectorDatabase(dbName));
  s = await saveProfile(s, { name: '王明', organisation: '盘锦市政务公开办', team: '第一组' });
  return { s, repo: new TargetRepository(s.db, s.logger) };
}

afterEach(async () => {
  await Dexie.delete(dbName);
});

describe('change-logged writes', () => {
  it('logs a new row in one entry and each later edit per field, with author, device and an increasing HLC', async () => {
    const { s, repo } = await newSession();
    const t = await repo.create(input);
    const created = await storedHistoryOf(s.db, 'targets', t.id);
    expect(created).toHaveLength(1);
    expect(created[0].field).toBe(ROW_FIELD);
    expect(created[0].prev).toBeUndefined();
    expect(entryFields(created[0]).map((f) => f.field)).toEqual(
      ['address', 'contactPerson', 'contactPhone', 'createdAt', 'deleted', 'deletedAt', 'disclosurePhones', 'kind', 'name', 'note', 'region'].sort(),
    );
    expect(entryFields(created[0]).find((f) => f.field === 'disclosurePhones')?.value).toEqual(['0427-2222222']);
    for (const e of created) {
      expect(e.author).toBe('王明');
      expect(e.deviceId).toBe(s.device.deviceId);
      expect(e.hlc).toMatch(/^\d{13}-\d{5}-/);
    }

    await repo.update(t.id, { ...input, contactPhone: '0427-3333333' });
    const after = await storedHistoryOf(s.db, 'targets', t.id);
    // Read as field changes, the row entry is one change per field, all with its stamp.
    expect((await historyOf(s.db, 'targets', t.id)).filter((e) => e.hlc === created[0].hlc)).toHaveLength(11);
    const edit = after.slice(created.length);
    expect(edit).toHaveLength(1);
    expect(edit[0]).toMatchObject({ field: 'contactPhone', value: '0427-3333333', author: '王明' });
    expect(edit[0].hlc > created[0].hlc).toBe(true);
    // The edit replaces the value it saw: the row entry's.
    expect(edit[0].prev).toEqual([created[0].hlc]);
  });

  it('writes nothing to the log when a save changes nothing', async () => {
    const { s, repo } = await newSession();
    const t = await repo.create(input);
    const before = await s.db.changes.count();
    await repo.update(t.id, input);
    expect(await s.db.changes.count()).toBe(before);
  });

  it('soft-deletes and restores, each step logged', async () => {
    const { s, repo } = await newSession();
    const t = await repo.create(input);
    await repo.softDelete(t.id);
    expect(await repo.list()).toHaveLength(0);
    expect((await repo.list({ deleted: true })).map((r) => r.name)).toEqual(['盘山县人民政府']);
    await repo.restore(t.id);
    expect((await repo.list()).map((r) => r.name)).toEqual(['盘山县人民政府']);
    const fields = fieldEntries(await historyOf(s.db, 'targets', t.id)).map((e) => `${e.field}=${JSON.stringify(e.value)}`);
    expect(fields.filter((f) => f.startsWith('deleted='))).toEqual(['deleted=0', 'deleted=1', 'deleted=0']);
  });

  it('stores neither the row nor the log when the transaction fails', async () => {
    const { s, repo } = await newSession();
    const bad = { ...input, disclosurePhones: undefined as unknown as string[] };
    await expect(repo.create(bad)).rejects.toThrow();
    expect(await s.db.targets.count()).toBe(0);
    expect(await s.db.changes.count()).toBe(0);
  });

  it('an edit after a restart with the wall clock set back still sorts after what it replaces', async () => {
    const { s, repo } = await newSession();
    const t = await repo.create(input);
    const last = (await s.db.changes.orderBy('hlc').last())!.hlc;
    s.db.close();
    const reopened = await openSession(new InspectorDatabase(dbName), () => 1_000); // clock set to 1970
    const repo2 = new TargetRepository(reopened.db, reopened.logger);
    await repo2.update(t.id, { ...input, name: '大洼区人民政府' });
    const newest = (await reopened.db.changes.orderBy('hlc').last())!.hlc;
    expect(newest > last).toBe(true);
    expect((await reopened.db.targets.get(t.id))!.name).toBe('大洼区人民政府');
    expect(reopened.device.deviceId).toBe(s.device.deviceId);
  });

  it('filters the register by kind, region and search text through indexes', async () => {
    const { repo } = await newSession();
    await repo.createMany([
      input,
      { ...input, name: '盘锦市教育局', kind: '政府部门', region: '市直' },
      { ...input, name: '盘山县政务服务中心', kind: '政务服务大厅', region: '盘山县' },
    ]);
    expect((await repo.list({ kind: '政府部门' })).map((t) => t.name)).toEqual(['盘锦市教育局']);
    expect((await repo.list({ region: '盘山县' })).map((t) => t.name).sort()).toEqual(['盘山县人民政府', '盘山县政务服务中心']);
    expect((await repo.list({ search: '政务 服务' })).map((t) => t.name)).toEqual(['盘山县政务服务中心']);
    expect(await repo.regions()).toEqual(['市直', '盘山县']);
  });
});
