import Dexie from 'dexie';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile, type Session } from '../../../renderer/db/session';
import { createBackup } from '../../../renderer/features/sync/backupService';
import { exportSyncBundle, importSyncBundle, listConflicts, resolveConflict } from '../../../renderer/features/sync/syncService';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';

const names: string[] = [];
async function laptop(who: string): Promise<Session> {
  const name = `sync-${who}-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  return saveProfile(await openSession(new InspectorDatabase(name)), { name: who, organisation: '办', team: '一组' });
}
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});
const unit = { kind: '政府部门' as const, region: '市直', address: '', contactPerson: '', contactPhone: '', disclosurePhones: [], note: '' };
const bundle = async (s: Session) => (await exportSyncBundle(s, 'test')).bytes;
const names_ = async (s: Session) => (await s.db.targets.toArray()).map((t) => `${t.name}|${t.contactPhone}`).sort();

describe('merging laptops with sync bundles', () => {
  it('A then B equals B then A, and importing twice changes nothing', async () => {
    const a = await laptop('王明');
    const b = await laptop('李华');
    const office1 = await laptop('汇总1');
    const office2 = await laptop('汇总2');
    await new TargetRepository(a.db, a.logger).create({ ...unit, name: '盘锦市教育局' });
    await new TargetRepository(b.db, b.logger).create({ ...unit, name: '盘锦市民政局' });
    const ba = await bundle(a);
    const bb = await bundle(b);
    await importSyncBundle(office1, 'a', ba);
    await importSyncBundle(office1, 'b', bb);
    await importSyncBundle(office2, 'b', bb);
    await importSyncBundle(office2, 'a', ba);
    expect(await names_(office1)).toEqual(['盘锦市教育局|', '盘锦市民政局|']);
    expect(await names_(office2)).toEqual(await names_(office1));
    const again = await importSyncBundle(office1, 'a', ba);
    expect(again).toMatchObject({ newChanges: 0, rowsUpdated: 0 });
    expect(await names_(office1)).toEqual(['盘锦市教育局|', '盘锦市民政局|']);
  });

  it('keeps concurrent edits of one field as a conflict on both sides until a person settles it', async () => {
    const a = await laptop('王明');
    const b = await laptop('李华');
    const t = await new TargetRepository(a.db, a.logger).create({ ...unit, name: '盘锦市教育局' });
    await importSyncBundle(b, 'a', await bundle(a));
    await new TargetRepository(a.db, a.logger).update(t.id, { ...unit, name: '盘锦市教育局', contactPhone: '0427-1111111' });
    await new TargetRepository(b.db, b.logger).update(t.id, { ...unit, name: '盘锦市教育局', contactPhone: '0427-2222222' });
    await importSyncBundle(a, 'b', await bundle(b));
    await importSyncBundle(b, 'a', await bundle(a));
    // Both laptops show the same value and the same open conflict.
    expect(await names_(a)).toEqual(await names_(b));
    const [ca] = await listConflicts(a.db);
    expect(ca.field).toBe('contactPhone');
    expect(ca.candidates.map((c) => `${c.author}:${c.value}`).sort()).toEqual(['李华:0427-2222222', '王明:0427-1111111']);
    expect(await listConflicts(b.db)).toHaveLength(1);

    await resolveConflict(a, ca, '0427-2222222');
    expect(await listConflicts(a.db)).toHaveLength(0);
    await importSyncBundle(b, 'a', await bundle(a));
    expect(await listConflicts(b.db)).toHaveLength(0);
    expect((await b.db.targets.get(t.id))!.contactPhone).toBe('0427-2222222');
  });

  it('an edit made after seeing the other laptop’s change is not a conflict', async () => {
    const a = await laptop('王明');
    const b = await laptop('李华');
    const t = await new TargetRepository(a.db, a.logger).create({ ...unit, name: '盘锦市教育局' });
    await importSyncBundle(b, 'a', await bundle(a));
    await new TargetRepository(b.db, b.logger).update(t.id, { ...unit, name: '盘锦市教育局', note: '已核实' });
    await importSyncBundle(a, 'b', await bundle(b));
    await new TargetRepository(a.db, a.logger).update(t.id, { ...unit, name: '盘锦市教育局', note: '已核实，已整改' });
    await importSyncBundle(b, 'a', await bundle(a));
    expect(await listConflicts(b.db)).toHaveLength(0);
    expect((await b.db.targets.get(t.id))!.note).toBe('已核实，已整改');
  });

  it('refuses damaged bundles, backups and foreign files, and changes nothing', async () => {
    const a = await laptop('王明');
    const b = await laptop('李华');
    await new TargetRepository(a.db, a.logger).create({ ...unit, name: '盘锦市教育局' });
    const good = await bundle(a);
    const files = unzipSync(good);
    files['tables/changes.json'] = strToU8('[]');
    await expect(importSyncBundle(b, 'x', zipSync(files))).rejects.toThrow('同步数据包已损坏');
    await expect(importSyncBundle(b, 'x', good.slice(0, 100))).rejects.toThrow(/同步数据包已损坏|不是本软件的同步数据包/);
    await expect(importSyncBundle(b, 'x', (await createBackup(a, 'test')).bytes)).rejects.toThrow('这是备份文件');
    await expect(importSyncBundle(b, 'x', strToU8('hello'))).rejects.toThrow('不是本软件的同步数据包');
    expect(await b.db.targets.count()).toBe(0);
    expect(await b.db.changes.count()).toBe(0);
  });
});
