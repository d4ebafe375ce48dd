import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { InspectorDatabase, LOGGED_TABLES } from '../../../renderer/db/database';
import { ROW_SPECS } from '../../../shared/domain/rowSchemas';
import { acceptHeld, listConflicts, listHeld, refuseHeld, resolveConflict, settleDeleteEdit } from '../../../renderer/features/sync/applyBundle';
import { importSyncBundle } from '../../../renderer/features/sync/syncService';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';
import type { ChangeLogEntry } from '../../../shared/domain/changeLog';
import { formatHlc, parseHlc } from '../../../shared/sync/hlc';
import { bundleOf, closeAll, exchange, fullExchange, laptop, restart, unit, type Laptop } from './laptops';

afterEach(closeAll);

/** Everything a laptop holds, to show that a refused bundle wrote nothing. */
async function snapshot(l: Laptop) {
  const db = l.session.db;
  return {
    targets: await db.targets.toArray(),
    changes: await db.changes.count(),
    conflicts: await db.conflicts.count(),
    bundles: await db.importedBundles.count(),
    blobs: await db.photoBlobs.count(),
  };
}

/** A change entry as a forged or damaged bundle would carry it, written into the sender's log. */
async function forge(sender: Laptop, e: Partial<ChangeLogEntry> & Pick<ChangeLogEntry, 'rowId' | 'field' | 'value'>, ms?: number): Promise<void> {
  const hlc = formatHlc({ ms: ms ?? Date.UTC(2026, 5, 1), counter: 7, deviceId: sender.session.device.deviceId });
  await sender.session.db.changes.add({ id: `${hlc}#000`, hlc, table: 'targets', author: sender.who, deviceId: sender.session.device.deviceId, ...e });
}

describe('a merge checks every change before it writes anything', () => {
  it('every change-logged table registers its row schema', () => {
    expect(Object.keys(ROW_SPECS).sort()).toEqual([...LOGGED_TABLES].sort());
  });

  it('refuses a change of field id that would overwrite an unrelated unit, naming the entry', async () => {
    const a = await laptop('王明');
    const b = await laptop('李华');
    const mine = await a.repo.create(unit('盘锦市教育局', { contactPhone: '0427-1111111' }));
    const theirs = await b.repo.create(unit('盘锦市民政局'));
    await forge(b, { rowId: theirs.id, field: 'id', value: mine.id });
    const before = await snapshot(a);
    await expect(importSyncBundle(a.session, 'b', await bundleOf(b))).rejects.toThrow(/被检查单位「盘锦市民政局」的「编号」）：记录编号不可修改/);
    expect(await snapshot(a)).toEqual(before);
  });

  it('refuses deleted: "yes" and values of the wrong type, and writes nothing', async () => {
    const a = await laptop('王明');
    const b = await laptop('李华');
    await a.repo.create(unit('盘锦市教育局'));
    const t = await b.repo.create(unit('盘锦市民政局'));
    await forge(b, { rowId: t.id, field: 'deleted', value: 'yes' });
    const before = await snapshot(a);
    await expect(importSyncBundle(a.session, 'b', await bundleOf(b))).rejects.toThrow(/同步数据包未合并，本机数据未改变：第 \d+ 条修改记录（被检查单位「盘锦市民政局」的「删除标记」）/);
    expect(await snapshot(a)).toEqual(before);

    const c = await laptop('张强');
    const u = await c.repo.create(unit('盘锦市财政局'));
    await forge(c, { rowId: u.id, field: 'disclosurePhones', value: '0427-2800000' });
    await expect(importSyncBundle(a.session, 'c', await bundleOf(c))).rejects.toThrow(/「政府信息公开联系电话」）：值应为/);
    const d = await laptop('赵六');
    const v = await d.repo.create(unit('盘锦市审计局'));
    await forge(d, { rowId: v.id, field: 'kind', value: '外星机构' });
    await expect(importSyncBundle(a.session, 'd', await bundleOf(d))).rejects.toThrow(/「类别」）：值应为以下之一/);
    expect(await snapshot(a)).toEqual(before);
  });

  it('keeps a field it does not know in the log, but never shows it on the unit or as a conflict', async () => {
    const a = await laptop('王明');
    const b = await laptop('李华');
    const t = await b.repo.create(unit('盘锦市民政局'));
    await forge(b, { rowId: t.id, field: 'futureField', value: '<b>新版本的字段</b>' });
    await exchange(a, b);
    const row = (await a.session.db.targets.get(t.id)) as unknown as Record<string, unknown>;
    expect(row.name).toBe('盘锦市民政局');
    expect(row).not.toHaveProperty('futureField');
    expect(await a.session.db.changes.where('[table+rowId]').equals(['targets', t.id]).filter((e) => e.field === 'futureField').count()).toBe(1);
    expect(await listConflicts(a.session.db)).toEqual([]);
  });
});

describe('a bundle stamped far ahead of this laptop’s clock is held for a person', () => {
  it('holds it whole (nothing written, clock unchanged); refusing drops it, accepting merges it and later edits still win', async () => {
    const a = await laptop('王明');
    const b = await laptop('李华');
    const t = await b.repo.create(unit('盘锦市民政局'));
    await exchange(a, b);
    const fifty = Date.UTC(2076, 0, 1);
    await forge(b, { rowId: t.id, field: 'note', value: '来自2076年的修改' }, fifty);
    const before = await snapshot(a);
    const bytes = await bundleOf(b);
    const r = await importSyncBundle(a.session, 'b-2076.zwgksync', bytes);
    expect(r.held).toMatchObject({ fromAuthor: '李华', aheadCount: 1 });
    expect(r.held!.skewMs).toBeGreaterThan(49 * 365 * 86_400_000);
    expect(await snapshot(a)).toEqual(before);
    const [held] = await listHeld(a.session.db);
    expect(held).toMatchObject({ status: 'pending', fileName: 'b-2076.zwgksync', fromDevice: b.session.device.deviceId });
    // The clock did not move, not even after a restart.
    await restart(a);
    const stamp = parseHlc(a.session.logger.nextHlc()).ms;
    expect(new Date(stamp).getUTCFullYear()).toBe(2026);

    await refuseHeld(a.session, held.id);
    expect(await snapshot(a)).toEqual(before);
    expect((await listHeld(a.session.db))[0]).toMatchObject({ status: 'refused', decidedBy: '王明' });
    await expect(acceptHeld(a.session, held.id)).rejects.toThrow('这个数据包已经拒绝');

    // Importing it again holds it again; this time the person accepts.
    const again = await importSyncBundle(a.session, 'b-2076.zwgksync', bytes);
    await acceptHeld(a.session, again.held!.id);
    expect((await a.session.db.targets.get(t.id))!.note).toBe('来自2076年的修改');
    expect((await listHeld(a.session.db))[0]).toMatchObject({ status: 'accepted', decidedBy: '王明' });
    expect(new Date(parseHlc(a.session.logger.nextHlc()).ms).getUTCFullYear()).toBe(2026);
    await restart(a);
    expect(new Date(parseHlc(a.session.logger.nextHlc()).ms).getUTCFullYear()).toBe(2026);
    // A later edit of the field replaces the far-future value everywhere.
    await a.repo.update(t.id, unit('盘锦市民政局', { note: '已核实' }));
    await fullExchange([a, b]);
    expect((await b.session.db.targets.get(t.id))!.note).toBe('已核实');
    expect((await a.session.db.targets.get(t.id))!.note).toBe('已核实');
  });
});

describe('delete versus edit', () => {
  it('is a visible conflict 一人删除、一人修改, settled by a person either way', async () => {
    const a = await laptop('王明');
    const b = await laptop('李华');
    const t = await a.repo.create(unit('盘锦市教育局'));
    const u = await a.repo.create(unit('盘锦市民政局'));
    await exchange(b, a);
    await a.repo.softDelete(t.id);
    await a.repo.softDelete(u.id);
    await b.repo.update(t.id, unit('盘锦市教育局', { contactPhone: '0427-3333333' }));
    await b.repo.update(u.id, unit('盘锦市民政局', { note: '地址已变更' }));
    await fullExchange([a, b]);
    for (const l of [a, b]) {
      const list = await listConflicts(l.session.db);
      expect(list.map((c) => [c.kind, c.fieldLabel, c.rowLabel]).sort()).toEqual([
        ['deleteEdit', '一人删除、一人修改', '盘锦市教育局'],
        ['deleteEdit', '一人删除、一人修改', '盘锦市民政局'],
      ]);
      const c = list.find((x) => x.rowId === t.id)!;
      expect(c.options.map((o) => `${o.entry.author}:${o.text}`)).toEqual(['王明:删除了此记录', '李华:将「联系电话」改为 0427-3333333']);
    }
    const [ct, cu] = [t.id, u.id].map(async (id) => (await listConflicts(b.session.db)).find((c) => c.rowId === id)!);
    await settleDeleteEdit(b.session, await ct, 'restore');
    await settleDeleteEdit(b.session, await cu, 'delete');
    await fullExchange([a, b]);
    for (const l of [a, b]) {
      expect(await listConflicts(l.session.db)).toEqual([]);
      expect(await l.session.db.targets.get(t.id)).toMatchObject({ deleted: 0, contactPhone: '0427-3333333' });
      expect(await l.session.db.targets.get(u.id)).toMatchObject({ deleted: 1 });
    }
  });

  it('deleted on one laptop, deleted and restored on another: one choice settles flag and time together', async () => {
    const a = await laptop('王明');
    const b = await laptop('李华');
    const t = await a.repo.create(unit('盘锦市教育局'));
    await exchange(b, a);
    await a.repo.softDelete(t.id);
    await b.repo.softDelete(t.id);
    await b.repo.restore(t.id);
    await exchange(a, b);
    const list = await listConflicts(a.session.db);
    expect(list.map((c) => c.fieldLabel).sort()).toEqual(['删除时间', '删除标记']);
    const flag = list.find((c) => c.field === 'deleted')!;
    expect(flag.options.map((o) => o.text).sort()).toEqual(['已删除', '未删除']);
    await resolveConflict(a.session, flag, 0);
    expect(await listConflicts(a.session.db)).toEqual([]);
    await fullExchange([a, b]);
    for (const l of [a, b]) {
      expect(await l.session.db.targets.get(t.id)).toMatchObject({ deleted: 0, deletedAt: null });
      expect(await listConflicts(l.session.db)).toEqual([]);
    }
  });

  it('deleting the same unit on two laptops is not a conflict', async () => {
    const a = await laptop('王明');
    const b = await laptop('李华');
    const t = await a.repo.create(unit('盘锦市教育局'));
    await exchange(b, a);
    await a.repo.softDelete(t.id);
    await b.repo.softDelete(t.id);
    await fullExchange([a, b]);
    expect(await listConflicts(a.session.db)).toEqual([]);
    expect(await listConflicts(b.session.db)).toEqual([]);
    expect((await b.session.db.targets.get(t.id))!.deleted).toBe(1);
  });
});

describe('a merged row is the local row with the winning values applied', () => {
  it('keeps fields a migration wrote without logging; a new laptop fills them from the log', async () => {
    // A v1 database: a unit with one public phone, written through the v1 change log.
    const name = `sync-v1-${Math.random().toString(36).slice(2)}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ meta: 'key', targets: 'id, name, kind, region, updatedAt', changes: 'id, hlc, [table+rowId]' });
    const id = '0192888a-0000-7000-8000-000000000001';
    const hlc = formatHlc({ ms: Date.UTC(2024, 2, 1), counter: 0, deviceId: 'dev-old' });
    const v1row = { id, name: '盘山县人民政府', kind: '县区政府', region: '盘山县', address: '', contactPerson: '', contactPhone: '', publicPhone: '0427-5111111，0427-5222222', note: '', createdAt: '2024-03-01T00:00:00.000Z', updatedAt: '2024-03-01T00:00:00.000Z', deletedAt: null };
    await v1.table('meta').put({ key: 'device', value: { deviceId: 'dev-old', createdAt: '2024-03-01T00:00:00.000Z' } });
    await v1.table('targets').put(v1row);
    await v1.table('changes').bulkAdd(
      Object.keys(v1row)
        .filter((f) => f !== 'id' && f !== 'updatedAt')
        .map((field, n) => ({ id: `${hlc}#${String(n).padStart(3, '0')}`, hlc, table: 'targets', rowId: id, field, value: (v1row as Record<string, unknown>)[field], author: '老王', deviceId: 'dev-old' })),
    );
    v1.close();
    // The same laptop today (migrated to v2+), and a colleague who edits the unit.
    const old = await laptop('老王');
    old.session.db.close();
    old.dbName = name;
    await restart(old);
    expect((await old.session.db.targets.get(id))!.disclosurePhones).toEqual(['0427-5111111', '0427-5222222']);
    const b = await laptop('李华');
    await exchange(b, old);
    // The colleague's laptop never saw the migration: the merge fills the fields from the log.
    const seen = (await b.session.db.targets.get(id))!;
    expect(seen).toMatchObject({ name: '盘山县人民政府', disclosurePhones: ['0427-5111111', '0427-5222222'], deleted: 0, deletedAt: null });
    expect(seen).not.toHaveProperty('publicPhone');
    expect((await new TargetRepository(b.session.db, b.session.logger).list({})).map((t) => t.name)).toContain('盘山县人民政府');
    await b.repo.update(id, { ...unit('盘山县人民政府'), kind: '县区政府', region: '盘山县', disclosurePhones: seen.disclosurePhones, note: '已核实' });
    await exchange(old, b);
    // The old laptop keeps the fields the migration wrote (they were never logged).
    expect(await old.session.db.targets.get(id)).toMatchObject({ note: '已核实', disclosurePhones: ['0427-5111111', '0427-5222222'], deleted: 0 });
    old.session.db.close();
    await Dexie.delete(name);
  });

  it('a v4 database opens at v5 with its data and an empty 待确认 list', async () => {
    const name = `sync-v4-${Math.random().toString(36).slice(2)}`;
    const v4 = new InspectorDatabase(name);
    // Open with the v4 schema only: a database written by the previous version.
    const prev = new Dexie(name);
    prev.version(4).stores({ meta: 'key', targets: 'id, name, kind, region, updatedAt, deleted, [deleted+kind]', changes: 'id, hlc, [table+rowId]', conflicts: 'id, [table+rowId]', importedBundles: 'id, importedAt' });
    await prev.table('importedBundles').put({ id: 'x', fileName: '王明.zwgksync', importedAt: '2026-01-01T00:00:00.000Z' });
    prev.close();
    await v4.open();
    expect(v4.verno).toBe(12);
    expect(await v4.importedBundles.get('x')).toMatchObject({ fileName: '王明.zwgksync' });
    expect(await v4.quarantine.count()).toBe(0);
    v4.close();
    await Dexie.delete(name);
  });
});
