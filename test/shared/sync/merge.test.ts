import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChangeLogEntry } from '../../../shared/domain/changeLog';
import { deleteEditConflict, fieldState, fieldValueKey, headsOf, materializeRow, prevFor, rowHeadStamps } from '../../../shared/sync/merge';

let n = 0;
function entry(device: string, ms: number, value: unknown, prev?: string[]): ChangeLogEntry {
  const hlc = `${String(ms).padStart(13, '0')}-${String(n++ % 100000).padStart(5, '0')}-${device}`;
  return { id: `${hlc}#000`, hlc, table: 'targets', rowId: 'r1', field: 'name', value, author: device, deviceId: device, ...(prev ? { prev } : {}) };
}

describe('merging field histories', () => {
  it('a later edit that saw the earlier value replaces it: no conflict', () => {
    const a = entry('A', 1000, '教育局');
    const b = entry('B', 2000, '盘锦市教育局', [a.hlc]);
    const s = fieldState([a, b])!;
    expect(s.winner.value).toBe('盘锦市教育局');
    expect(s.conflict).toBeNull();
  });

  it('two laptops changing the same field without seeing each other: a visible conflict, last writer shown', () => {
    const base = entry('A', 1000, '教育局');
    const a = entry('A', 3000, '盘锦市教育局', [base.hlc]);
    const b = entry('B', 2000, '盘锦市教育委员会', [base.hlc]);
    const s = fieldState([base, a, b])!;
    expect(s.winner.value).toBe('盘锦市教育局');
    expect(s.conflict!.map((e) => e.value)).toEqual(['盘锦市教育委员会', '盘锦市教育局']);
  });

  it('the same value typed on both laptops is not a conflict', () => {
    const base = entry('A', 1000, 'x');
    expect(fieldState([base, entry('A', 3000, 'y', [base.hlc]), entry('B', 2000, 'y', [base.hlc])])!.conflict).toBeNull();
  });

  it('settling a conflict replaces both heads; a device always supersedes its own earlier values', () => {
    const base = entry('A', 1000, 'x');
    const a = entry('A', 3000, 'y', [base.hlc]);
    const b = entry('B', 2000, 'z', [base.hlc]);
    const settled = entry('B', 4000, 'z', prevFor([base, a, b]));
    expect(fieldState([base, a, b, settled])!.conflict).toBeNull();
    expect(headsOf([base, a, b, settled]).map((e) => e.value)).toEqual(['z']);
    expect(headsOf([entry('A', 1, 'p'), entry('A', 2, 'q')]).map((e) => e.value)).toEqual(['q']);
  });

  it('is independent of the order entries arrive in, and of duplicates (property)', () => {
    const pool = fc.array(fc.record({ device: fc.constantFrom('A', 'B', 'C'), ms: fc.integer({ min: 1, max: 50 }), value: fc.constantFrom('x', 'y', 'z') }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(pool, fc.integer(), (specs, seed) => {
        const entries: ChangeLogEntry[] = [];
        for (const s of specs) entries.push(entry(s.device, s.ms, s.value, entries.length && s.ms % 2 ? [entries[entries.length - 1].hlc] : undefined));
        const shuffled = [...entries, ...entries.slice(0, 2)].sort((p, q) => ((p.id.charCodeAt(15) * seed) % 7) - ((q.id.charCodeAt(15) * seed) % 7));
        const dedup = [...new Map(shuffled.map((e) => [e.id, e])).values()];
        const x = fieldState(entries)!;
        const y = fieldState(dedup)!;
        expect(y.winner.id).toBe(x.winner.id);
        expect(y.conflict?.map((e) => e.id) ?? null).toEqual(x.conflict?.map((e) => e.id) ?? null);
        expect(materializeRow('r1', dedup)).toEqual(materializeRow('r1', entries));
      }),
    );
  });
});

describe('heads, deletes and edits', () => {
  const at = (device: string, ms: number, field: string, value: unknown, prev?: string[]): ChangeLogEntry => {
    const hlc = `${String(ms).padStart(13, '0')}-00000-${device}`;
    return { id: `${hlc}#${field.length.toString().padStart(3, '0')}`, hlc, table: 'targets', rowId: 'r1', field, value, author: device, deviceId: device, ...(prev ? { prev } : {}) };
  };

  it('a replaced value never wins, however far ahead its laptop’s clock was', () => {
    const future = at('B', 3_000_000_000_000, 'note', '来自未来');
    const later = at('A', 1_000, 'note', '已核实', [future.hlc]);
    const s = fieldState([future, later])!;
    expect(s.winner.value).toBe('已核实');
    expect(s.conflict).toBeNull();
    expect(materializeRow('r1', [future, later]).note).toBe('已核实');
  });

  it('two deletes at different times are the same decision', () => {
    const a = at('A', 2_000, 'deletedAt', '2026-06-01T08:00:00.000Z');
    const b = at('B', 3_000, 'deletedAt', '2026-06-02T09:00:00.000Z');
    expect(fieldState([a, b], fieldValueKey('deletedAt'))!.conflict).toBeNull();
    expect(fieldState([a, at('B', 3_000, 'deletedAt', null)], fieldValueKey('deletedAt'))!.conflict).not.toBeNull();
  });

  it('an edit the delete had not seen is 一人删除、一人修改; one it had seen is not', () => {
    const create = [at('A', 1_000, 'name', '教育局'), at('A', 1_000, 'deleted', 0)];
    const seenEdit = at('B', 1_500, 'note', '已核实', []);
    const del = at('A', 2_000, 'deleted', 1, rowHeadStamps([...create, seenEdit]));
    expect(deleteEditConflict([...create, seenEdit, del])).toBeNull();
    const unseen = at('C', 1_800, 'note', '地址已变更', [seenEdit.hlc]);
    const de = deleteEditConflict([...create, seenEdit, del, unseen])!;
    expect(de.deletes.map((d) => d.deviceId)).toEqual(['A']);
    expect(de.edits.map((e) => e.value)).toEqual(['地址已变更']);
    // Restoring (a later value of deleted that saw the delete) ends it.
    const restore = at('C', 2_500, 'deleted', 0, [del.hlc]);
    expect(deleteEditConflict([...create, seenEdit, del, unseen, restore])).toBeNull();
  });
});
