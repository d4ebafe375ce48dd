// The year the benchmarks measure: deterministic, valid by the row schemas a merge
// checks, and written through the change logger so its log replays every row.
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { FULL_YEAR, makeYear, writeYear, YEAR_TABLES, yearRowCount } from '../../../bench/shared/yearFixture';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile } from '../../../renderer/db/session';
import { importSyncBundle, exportSyncBundle } from '../../../renderer/features/sync/syncService';
import { entryFields, ROW_FIELD } from '../../../shared/domain/changeLog';
import { rowSpec } from '../../../shared/domain/rowSchemas';
import { materializeRow } from '../../../shared/sync/merge';

const names: string[] = [];
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});
async function laptop(who: string) {
  const name = `year-${who}-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  return saveProfile(await openSession(new InspectorDatabase(name)), { name: who, organisation: '盘锦市政务公开办', team: '一组' });
}

describe('the year fixture', () => {
  it('has a full year’s counts, the same every time, and every row passes its table’s schema', () => {
    const y = makeYear('office');
    expect(y.targets).toHaveLength(FULL_YEAR.units);
    expect(y.targets.filter((t) => t.parentId).length).toBe(8);
    expect(y.inspections.map((i) => i.kind)).toEqual(['年中考核', '三季度考核', '专项检查', '年终考核']);
    expect(y.assessments).toHaveLength(1200);
    expect(y.responses.length / y.assessments.length).toBeGreaterThanOrEqual(28);
    expect([y.findings.length, y.phoneCalls.length, y.complaintCases.length, y.photos.length]).toEqual([5000, 1200, 300, 3000]);
    expect(new Set(y.photos.map((p) => p.id)).size).toBe(3000);
    expect(JSON.stringify(makeYear('office').findings.slice(0, 50))).toBe(JSON.stringify(y.findings.slice(0, 50)));
    for (const table of YEAR_TABLES) {
      const spec = rowSpec(table)!;
      for (const row of y[table]) {
        const r = spec.row.safeParse(row);
        if (!r.success) throw new Error(`${table} ${(row as { id: string }).id}: ${r.error.message}`);
      }
    }
  }, 180_000);

  it('written through the app, logs one row entry per row that replays the row, and merges into another laptop', async () => {
    const small = makeYear('a', { units: 20, findings: 60, phoneCalls: 40, complaints: 10, photos: 12 });
    const a = await laptop('王明');
    await writeYear(a, small);
    const entries = await a.db.changes.toArray();
    expect(entries).toHaveLength(yearRowCount(small));
    expect(entries.every((e) => e.field === ROW_FIELD && e.author === '王明')).toBe(true);
    const f = small.findings[3];
    const entry = entries.find((e) => e.rowId === f.id)!;
    expect(materializeRow(f.id, [entry])).toMatchObject({ id: f.id, description: f.description, status: f.status });
    expect(entryFields(entry).map((x) => x.field)).not.toContain('updatedAt');

    const office = await laptop('汇总');
    const bundle = await exportSyncBundle(a, 'test');
    const r = await importSyncBundle(office, 'a.zwgksync', bundle.bytes);
    expect(r.newChanges).toBe(entries.length);
    expect(r.photosAdded).toBe(12);
    expect(await office.db.findings.count()).toBe(60);
    expect((await office.db.assessments.get(small.assessments[5].id))?.targetName).toBe(small.assessments[5].targetName);
  }, 180_000);
});
