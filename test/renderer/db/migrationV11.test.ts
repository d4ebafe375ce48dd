import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { InspectorDatabase } from '../../../renderer/db/database';

/** The stores of the current schema without v11's noticeDrafts and v12's targetSearch: what version 8 wrote. */
function v8Stores(): Record<string, string> {
  const probe = new InspectorDatabase('schema-probe');
  const out: Record<string, string> = {};
  for (const t of probe.tables) if (t.name !== 'noticeDrafts' && t.name !== 'targetSearch') out[t.name] = [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src)].join(', ');
  return out;
}

describe('database migration v8 → v11 (notice drafts)', () => {
  it('opens a v8 database with its notices intact and an empty, usable draft table', async () => {
    const name = `mig11-${Math.random().toString(36).slice(2)}`;
    const v8 = new Dexie(name);
    v8.version(8).stores(v8Stores());
    await v8.open();
    await v8.table('notices').put({ id: 'n1', inspectionId: 'i1', assessmentId: 'a1', targetId: 't1', year: 2024, seq: 3, number: '盘政办公开改〔2024〕3号', findingIds: ['f1'], updatedAt: '2024-06-10T01:30:00.000Z' });
    v8.close();

    const db = new InspectorDatabase(name);
    await db.open();
    expect(db.verno).toBe(12);
    expect(await db.notices.get('n1')).toMatchObject({ number: '盘政办公开改〔2024〕3号', seq: 3 });
    expect(await db.noticeDrafts.count()).toBe(0);
    await db.noticeDrafts.put({ id: 'd1', inspectionId: 'i1', assessmentId: 'a1', targetId: 't1', year: 2024, findingIds: ['f2'], createdBy: '李华', createdAt: '2024-06-10T01:30:00.000Z', noticeId: null, updatedAt: '2024-06-10T01:30:00.000Z', deletedAt: null, deleted: 0 });
    expect((await db.noticeDrafts.where('inspectionId').equals('i1').toArray()).map((d) => d.id)).toEqual(['d1']);
    db.close();
    await Dexie.delete(name);
  });
});
