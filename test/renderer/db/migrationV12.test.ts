import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile } from '../../../renderer/db/session';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';
import type { TargetInput } from '../../../shared/domain/targets';

/** The stores of the current schema without v12's targetSearch: what version 11 wrote. */
function v11Stores(): Record<string, string> {
  const probe = new InspectorDatabase('schema-probe');
  const out: Record<string, string> = {};
  for (const t of probe.tables) if (t.name !== 'targetSearch') out[t.name] = [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src)].join(', ');
  return out;
}

const t = '2024-06-01T00:00:00.000Z';
const base = { address: '', contactPhone: '', note: '', parentId: null, createdAt: t, updatedAt: t, deletedAt: null, deleted: 0 };
const unit = (input: Partial<TargetInput>): TargetInput => ({ name: '', kind: '政府部门', region: '大洼区', address: '', contactPerson: '', contactPhone: '', disclosurePhones: [], note: '', ...input });

let name = '';
afterEach(async () => {
  await Dexie.delete(name);
});

describe('database migration v11 → v12 (the units list reads keys, then one page of rows)', () => {
  it('indexes every unit of a v11 database: the list filters, searches and pages as before', async () => {
    name = `mig12-${Math.random().toString(36).slice(2)}`;
    const v11 = new Dexie(name);
    v11.version(11).stores(v11Stores());
    await v11.open();
    await v11.table('targets').bulkPut([
      { ...base, id: 'mz', name: '大洼区民政局', kind: '政府部门', region: '大洼区', contactPerson: '张三', disclosurePhones: ['0427-6881234'] },
      { ...base, id: 'jy', name: '大洼区教育局', kind: '政府部门', region: '大洼区', contactPerson: '李四', disclosurePhones: [] },
      { ...base, id: 'ps', name: '盘山县民政局', kind: '政府部门', region: '盘山县', contactPerson: '王五', disclosurePhones: [] },
      { ...base, id: 'old', name: '大洼区旧局', kind: '政府部门', region: '大洼区', contactPerson: '', disclosurePhones: [], deletedAt: t, deleted: 1 },
    ]);
    v11.close();

    const s = await openSession(new InspectorDatabase(name));
    expect(s.db.verno).toBe(12);
    expect(await s.db.targets.count()).toBe(4);
    expect(await s.db.targetSearch.count()).toBe(4);
    const repo = new TargetRepository(s.db, s.logger);
    expect((await repo.list({ region: '大洼区' })).map((u) => u.name)).toEqual(['大洼区教育局', '大洼区民政局']);
    expect((await repo.list({ search: '民政' })).map((u) => u.name)).toEqual(['大洼区民政局', '盘山县民政局']);
    // The search reaches the contact person and the phones, as before.
    expect((await repo.list({ search: '李四' })).map((u) => u.id)).toEqual(['jy']);
    expect((await repo.list({ search: '6881234' })).map((u) => u.id)).toEqual(['mz']);
    expect((await repo.list({ deleted: true })).map((u) => u.id)).toEqual(['old']);
    expect(await repo.page({ kind: '政府部门' }, 1, 1)).toMatchObject({ total: 3, rows: [{ name: '大洼区民政局' }] });
    s.db.close();
  });

  it('keeps the list in step with every write: new, edited, deleted, restored units, written by the app or raw', async () => {
    name = `mig12w-${Math.random().toString(36).slice(2)}`;
    const s = await saveProfile(await openSession(new InspectorDatabase(name)), { name: '王明', organisation: '办', team: '组' });
    const repo = new TargetRepository(s.db, s.logger);
    const made = await repo.createMany(Array.from({ length: 45 }, (_, i) => unit({ name: `测试局${String(i).padStart(2, '0')}`, contactPerson: i === 7 ? '赵六' : '' })));
    const first = await repo.page({ region: '大洼区' }, 0, 20);
    expect(first.total).toBe(45);
    expect(first.rows.map((u) => u.name)).toEqual(Array.from({ length: 20 }, (_, i) => `测试局${String(i).padStart(2, '0')}`));
    expect((await repo.page({ region: '大洼区' }, 40, 20)).rows).toHaveLength(5);

    await repo.update(made[7].id, unit({ name: '测试局07', region: '盘山县', contactPerson: '孙七' }));
    expect((await repo.list({ search: '赵六' })).length).toBe(0);
    expect((await repo.list({ search: '孙七', region: '盘山县' })).map((u) => u.id)).toEqual([made[7].id]);
    await repo.softDelete(made[0].id);
    expect((await repo.page({ region: '大洼区' }, 0, 20)).total).toBe(43);
    expect((await repo.list({ deleted: true })).map((u) => u.id)).toEqual([made[0].id]);
    await repo.restore(made[0].id);
    expect((await repo.page({ kind: '政府部门', region: '大洼区' }, 0, 20)).total).toBe(44);
    // A raw write (a restore, a merge) keeps it in step too; so does a removal.
    await s.db.targets.put({ ...made[1], name: '改名局' });
    expect((await repo.list({ search: '改名' })).map((u) => u.id)).toEqual([made[1].id]);
    await s.db.targets.delete(made[1].id);
    expect(await repo.list({ search: '改名' })).toEqual([]);
    await s.db.targets.clear();
    expect(await s.db.targetSearch.where(':id').between([0], [1, []], true, true).count()).toBe(0);
    expect((await repo.page({}, 0, 20)).total).toBe(0);
    s.db.close();
  });

  it('shows what another window (another connection to the same database) wrote, though the list was read just before', async () => {
    name = `mig12x-${Math.random().toString(36).slice(2)}`;
    const s = await saveProfile(await openSession(new InspectorDatabase(name)), { name: '王明', organisation: '办', team: '组' });
    const repo = new TargetRepository(s.db, s.logger);
    await repo.createMany([unit({ name: '大洼区民政局' }), unit({ name: '大洼区教育局' })]);
    expect((await repo.page({ region: '大洼区' }, 0, 20)).total).toBe(2);
    expect((await repo.page({ region: '大洼区' }, 0, 20)).total).toBe(2);

    const other = await openSession(new InspectorDatabase(name));
    const otherRepo = new TargetRepository(other.db, other.logger);
    const [added] = await otherRepo.createMany([unit({ name: '大洼区财政局' })]);
    expect((await repo.page({ region: '大洼区' }, 0, 20)).rows.map((u) => u.name)).toEqual(['大洼区财政局', '大洼区教育局', '大洼区民政局']);
    expect((await repo.list({ search: '财政' })).map((u) => u.id)).toEqual([added.id]);
    // A rename there, then a raw removal there (as a restore writes): both seen here at once.
    await otherRepo.update(added.id, unit({ name: '大洼区审计局' }));
    expect((await repo.list({ search: '财政' })).length).toBe(0);
    expect((await repo.list({ search: '审计', region: '大洼区' })).map((u) => u.id)).toEqual([added.id]);
    await other.db.targets.delete(added.id);
    expect((await repo.page({ region: '大洼区' }, 0, 20)).total).toBe(2);
    other.db.close();
    s.db.close();
  });

  it('a failed write leaves the list as it was', async () => {
    name = `mig12f-${Math.random().toString(36).slice(2)}`;
    const s = await saveProfile(await openSession(new InspectorDatabase(name)), { name: '王明', organisation: '办', team: '组' });
    const repo = new TargetRepository(s.db, s.logger);
    const [u] = await repo.createMany([unit({ name: '大洼区民政局' })]);
    await expect(s.db.transaction('rw', s.db.targets, async () => {
      await s.db.targets.put({ ...u, name: '不应出现' });
      throw new Error('写入失败');
    })).rejects.toThrow('写入失败');
    expect((await repo.list({})).map((r) => r.name)).toEqual(['大洼区民政局']);
    expect(await repo.list({ search: '不应出现' })).toEqual([]);
    s.db.close();
  });
});
