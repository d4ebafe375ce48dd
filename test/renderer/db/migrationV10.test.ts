import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession } from '../../../renderer/db/session';
import { currentMember, deviceKeys, officeDataKey } from '../../../renderer/features/trust/officeKeys';
import { bundleSigner } from '../../../renderer/features/trust/bundleSigning';

let name = '';
afterEach(async () => {
  await Dexie.delete(name);
});

describe('database migration v8 → v10 (team identity)', () => {
  it('opens a database written by v8 with every row kept; the laptop is a lone laptop until it joins', async () => {
    name = `mig10-${Math.random().toString(36).slice(2)}`;
    // v10 only adds the `trust` table: v8's layout is the current one without it.
    const v8 = new Dexie(name);
    const current = new InspectorDatabase(`${name}-layout`);
    const stores: Record<string, string> = {};
    for (const t of current.tables) if (t.name !== 'trust') stores[t.name] = [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src)].join(', ');
    current.close();
    await Dexie.delete(`${name}-layout`);
    v8.version(8).stores(stores);
    await v8.open();
    const t = '2024-06-01T00:00:00.000Z';
    await v8.table('meta').put({ key: 'device', value: { deviceId: 'dev-old', createdAt: t } });
    await v8.table('targets').put({ id: 'dw', name: '大洼区人民政府', kind: '县区政府', region: '大洼区', address: '', contactPerson: '', contactPhone: '', disclosurePhones: [], note: '', createdAt: t, updatedAt: t, deletedAt: null, deleted: 0 });
    await v8.table('changes').put({ id: '1717200000000-00000-dev-old#000', hlc: '1717200000000-00000-dev-old', table: 'targets', rowId: 'dw', field: 'name', value: '大洼区人民政府', author: '王明', deviceId: 'dev-old' });
    v8.close();

    const db = new InspectorDatabase(name);
    const session = await openSession(db);
    expect(db.verno).toBe(12);
    expect(session.device.deviceId).toBe('dev-old');
    expect((await db.targets.get('dw'))?.name).toBe('大洼区人民政府');
    expect(await db.changes.count()).toBe(1);
    expect(await db.trust.count()).toBe(0);
    expect(await currentMember(db)).toBeNull();
    expect(await officeDataKey(db)).toBeNull();
    expect(await bundleSigner(db, 'dev-old')).toBeNull();
    // The laptop's keys are made on first use and kept, the private half not readable.
    const keys = await deviceKeys(db);
    expect(keys.signPrivate.extractable).toBe(false);
    expect((await deviceKeys(db)).signPublic).toEqual(keys.signPublic);
    db.close();
  });
});
