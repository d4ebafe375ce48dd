// Row entries (a new row's fields in one change entry) next to the per-field
// entries the previous release wrote: bundles of either kind merge, and edits
// made after either keep the per-field guarantees.
import { afterEach, describe, expect, it } from 'vitest';
import { entryFields, ROW_FIELD, type ChangeLogEntry } from '../../../shared/domain/changeLog';
import { importSyncBundle, listConflicts } from '../../../renderer/features/sync/syncService';
import { bundleOf, closeAll, exchange, laptop, unit, type Laptop } from './laptops';

afterEach(closeAll);

/** Rewrite a laptop's log as the previous release stored it: one entry per field, ids `${hlc}#000`, `#001`… */
async function asPreviousRelease(l: Laptop): Promise<void> {
  const { db } = l.session;
  const all = await db.changes.toArray();
  const old: ChangeLogEntry[] = [];
  for (const e of all) {
    if (e.field !== ROW_FIELD) {
      old.push(e);
      continue;
    }
    entryFields(e).forEach((f, n) => old.push({ ...e, id: `${e.hlc}#${String(n).padStart(3, '0')}`, field: f.field, value: f.value }));
  }
  await db.transaction('rw', db.changes, async () => {
    await db.changes.clear();
    await db.changes.bulkAdd(old);
  });
}

const rowOf = async (l: Laptop, name: string) => (await l.session.db.targets.toArray()).find((t) => t.name === name);

describe('row entries and the previous release’s per-field entries', () => {
  it('a bundle made the old way merges, and later edits on both sides converge', async () => {
    const old = await laptop('旧版');
    const created = await old.repo.create(unit('盘锦市民政局', { contactPhone: '0427-1000000', disclosurePhones: ['0427-2000000'] }));
    await asPreviousRelease(old);
    expect((await old.session.db.changes.toArray()).every((e) => e.field !== ROW_FIELD)).toBe(true);
    const office = await laptop('汇总');
    const first = await exchange(office, old);
    expect(first.newChanges).toBe(11);
    const merged = await rowOf(office, '盘锦市民政局');
    expect(merged).toMatchObject({ id: created.id, contactPhone: '0427-1000000', disclosurePhones: ['0427-2000000'], deleted: 0 });
    // The office edits a field after seeing the old entries: no conflict when the old laptop merges it.
    await office.repo.update(created.id, { ...unit('盘锦市民政局'), contactPhone: '0427-3000000', disclosurePhones: ['0427-2000000'] });
    await exchange(old, office);
    expect((await rowOf(old, '盘锦市民政局'))?.contactPhone).toBe('0427-3000000');
    expect(await listConflicts(old.session.db)).toEqual([]);
  });

  it('a row created with a row entry, edited concurrently on two laptops, conflicts on that field only', async () => {
    const a = await laptop('王明');
    const b = await laptop('李华');
    const t = await a.repo.create(unit('盘锦市教育局'));
    const entries = await a.session.db.changes.toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0].field).toBe(ROW_FIELD);
    await exchange(b, a);
    await a.repo.update(t.id, { ...unit('盘锦市教育局'), contactPhone: '0427-1111111' });
    await b.repo.update(t.id, { ...unit('盘锦市教育局'), contactPhone: '0427-2222222', note: '李华补充' });
    await exchange(a, b);
    await exchange(b, a);
    for (const l of [a, b]) {
      const conflicts = await listConflicts(l.session.db);
      expect(conflicts.map((c) => c.field)).toEqual(['contactPhone']);
      expect((await rowOf(l, '盘锦市教育局'))?.note).toBe('李华补充');
    }
    const { updatedAt: _a, ...onA } = (await rowOf(a, '盘锦市教育局'))!;
    const { updatedAt: _b, ...onB } = (await rowOf(b, '盘锦市教育局'))!;
    expect(onA).toEqual(onB);
  });

  it('a deleted row edited elsewhere without seeing the delete is a delete-versus-edit conflict', async () => {
    const a = await laptop('王明');
    const b = await laptop('李华');
    const t = await a.repo.create(unit('盘锦市财政局'));
    await exchange(b, a);
    await a.repo.softDelete(t.id);
    await b.repo.update(t.id, { ...unit('盘锦市财政局'), note: '已核实' });
    await exchange(a, b);
    const conflicts = await listConflicts(a.session.db);
    expect(conflicts.map((c) => c.kind)).toEqual(['deleteEdit']);
    expect(conflicts[0].options.map((o) => o.text)).toContain('删除了此记录');
  });

  it('refuses a bundle whose row entry has a bad field, naming the field, and changes nothing', async () => {
    const a = await laptop('王明');
    await a.repo.create(unit('盘锦市审计局'));
    const [entry] = await a.session.db.changes.toArray();
    await a.session.db.changes.put({ ...entry, value: { ...(entry.value as object), kind: '外星机构' } });
    const office = await laptop('汇总');
    await expect(importSyncBundle(office.session, 'a.zwgksync', await bundleOf(a))).rejects.toThrow(/盘锦市审计局」的「类别」）：值应为以下之一/);
    expect(await office.session.db.targets.count()).toBe(0);
    expect(await office.session.db.changes.count()).toBe(0);
  });
});
