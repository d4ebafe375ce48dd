import { describe, expect, it } from 'vitest';
import { entryFields, fieldEntries, ROW_FIELD, type ChangeLogEntry } from '../../../shared/domain/changeLog';
import { deleteEditConflict, fieldState, groupByField, headsOf, materializeRow, rowHeadStamps } from '../../../shared/sync/merge';
import { ROW_SPECS } from '../../../shared/domain/rowSchemas';
import { badEntryMessage, entryProblem, firstBadEntry } from '../../../shared/sync/entrySchemas';

const hlc = '1780000000000-00003-dev-b';
const e = (over: Partial<ChangeLogEntry>): ChangeLogEntry => ({ id: `${hlc}#000`, hlc, table: 'targets', rowId: 'r1', field: 'name', value: '盘锦市民政局', author: '李华', deviceId: 'dev-b', ...over });

describe('checking incoming change entries against the row schemas', () => {
  it('accepts what the app writes', () => {
    expect(entryProblem(e({}))).toBeNull();
    expect(entryProblem(e({ field: 'deleted', value: 1 }))).toBeNull();
    expect(entryProblem(e({ field: 'disclosurePhones', value: ['0427-2800000'] }))).toBeNull();
    expect(entryProblem(e({ table: 'responses', field: 'response', value: { count: 3 } }))).toBeNull();
    expect(entryProblem(e({ table: 'checklistAnswers', field: 'status', value: 'met' }))).toBeNull();
  });

  it('refuses the identity, the local time, unknown tables, bad values and forged stamps', () => {
    expect(entryProblem(e({ field: 'id', value: 'other' }))).toBe('记录编号不可修改');
    expect(entryProblem(e({ field: 'updatedAt', value: '2026-01-01' }))).toMatch('不可通过合并写入');
    expect(entryProblem(e({ table: 'meta', field: 'value' }))).toBe('不认识的数据表');
    expect(entryProblem(e({ field: 'deleted', value: 'yes' }))).toMatch(/^值/);
    expect(entryProblem(e({ field: 'deleted', value: true }))).toMatch(/^值/);
    expect(entryProblem(e({ field: 'kind', value: '外星机构' }))).toMatch('应为以下之一');
    expect(entryProblem(e({ field: 'name', value: 42 }))).toBe('值应为文本');
    expect(entryProblem(e({ table: 'responses', field: 'response', value: { count: -1 } }))).toMatch(/^值/);
    expect(entryProblem(e({ deviceId: 'dev-c' }))).toBe('时间戳与所属电脑不符');
    expect(entryProblem(e({ id: 'some-local-id' }))).toBe('记录编号与时间戳不符');
  });

  it('keeps a field it does not know (a newer version’s), without checking it as data', () => {
    expect(entryProblem(e({ field: 'rectifiedAt', value: { any: 'thing' } }))).toBeNull();
  });

  it('names the first bad entry: table, row, field and why', () => {
    const entries = [e({}), e({ id: `${hlc}#001`, field: 'deleted', value: 'yes' })];
    const bad = firstBadEntry(entries)!;
    expect(bad.index).toBe(1);
    expect(badEntryMessage(bad, entries)).toMatch(/^同步数据包未合并，本机数据未改变：第 2 条修改记录（被检查单位「盘锦市民政局」的「删除标记」）：值/);
  });

  it('has a row schema for every table a round or a year is recorded in', () => {
    expect(Object.keys(ROW_SPECS).sort()).toEqual(
      [
        'assessments',
        'checkRuns',
        'checklistAnswers',
        'draws',
        'findings',
        'indicatorNotes',
        'inspections',
        'notices',
        'phoneCalls',
        'photoLinks',
        'photos',
        'responses',
        'schemes',
        'targets',
        'complaintCases',
        'bulletins',
        'prefillDecisions',
        'followUpTasks',
        'sharedSettings',
        'noticeBlocks',
        'noticeDrafts',
      ].sort(),
    );
  });
});

describe('row entries (a new row’s fields in one entry)', () => {
  const row = { name: '盘锦市民政局', kind: '政府部门', region: '市直', deleted: 0, deletedAt: null };
  it('accepts a row entry whose every field is valid, and expands it into its field changes', () => {
    const entry = e({ field: ROW_FIELD, value: row });
    expect(entryProblem(entry)).toBeNull();
    expect(entryFields(entry)).toEqual([
      { field: 'deleted', value: 0 },
      { field: 'deletedAt', value: null },
      { field: 'kind', value: '政府部门' },
      { field: 'name', value: '盘锦市民政局' },
      { field: 'region', value: '市直' },
    ]);
    expect(fieldEntries([entry]).map((f) => [f.id, f.hlc, f.field])).toContainEqual([`${hlc}#000`, hlc, 'kind']);
  });

  it('refuses a row entry with one bad field, naming that field in Chinese', () => {
    const entries = [e({ field: ROW_FIELD, value: { ...row, kind: '外星机构' } })];
    const bad = firstBadEntry(entries)!;
    expect(bad.field).toBe('kind');
    expect(badEntryMessage(bad, entries)).toMatch(/^同步数据包未合并，本机数据未改变：第 1 条修改记录（被检查单位「盘锦市民政局」的「类别」）：值应为以下之一/);
  });

  it('refuses a row entry that writes the identity or the local time, or is not an object', () => {
    expect(entryProblem(e({ field: ROW_FIELD, value: { ...row, id: 'other' } }))).toBe('记录编号不可修改');
    expect(entryProblem(e({ field: ROW_FIELD, value: { ...row, updatedAt: '2026-01-01' } }))).toMatch('不可通过合并写入');
    expect(entryProblem(e({ field: ROW_FIELD, value: ['a'] }))).toMatch('不是字段与值的对应表');
    expect(entryProblem(e({ field: ROW_FIELD, value: '盘锦' }))).toMatch('不是字段与值的对应表');
  });
});

describe('merge rules over row entries', () => {
  const rowEntry = e({ field: ROW_FIELD, value: { name: '盘锦市民政局', note: '' } });
  const later = (dev: string, n: number, field: string, value: unknown, prev?: string[]): ChangeLogEntry => {
    const h = `17800000000${n}0-00000-${dev}`;
    return { id: `${h}#000`, hlc: h, table: 'targets', rowId: 'r1', field, value, author: dev, deviceId: dev, ...(prev ? { prev } : {}) };
  };

  it('an edit that names the row entry replaces that field only', () => {
    const edit = later('dev-a', 1, 'name', '盘锦市民政局（新）', [hlc]);
    expect(materializeRow('r1', [rowEntry, edit])).toEqual({ id: 'r1', name: '盘锦市民政局（新）', note: '' });
    const heads = headsOf(fieldEntries([rowEntry, edit]).filter((x) => x.field === 'note'));
    expect(heads.map((h) => h.hlc)).toEqual([hlc]);
  });

  it('two edits of the same field that both saw only the row entry conflict; edits of different fields do not', () => {
    const a = later('dev-a', 1, 'name', '甲', [hlc]);
    const c = later('dev-c', 2, 'name', '丙', [hlc]);
    const note = later('dev-c', 3, 'note', '备注', [hlc]);
    const byField = groupByField([rowEntry, a, c, note]);
    const name = [...byField.values()].find((l) => l[0].field === 'name')!;
    expect(fieldState(name)!.conflict?.map((x) => x.value)).toEqual(['甲', '丙']);
    const noteList = [...byField.values()].find((l) => l[0].field === 'note')!;
    expect(fieldState(noteList)!.conflict).toBeNull();
  });

  it('a delete that saw the row entry, against an edit it did not see, is a delete-versus-edit conflict', () => {
    const del = later('dev-a', 1, 'deleted', 1, rowHeadStamps([rowEntry]));
    expect(del.prev).toEqual([hlc]);
    const edit = later('dev-c', 2, 'note', '改了', [hlc]);
    expect(deleteEditConflict([rowEntry, del])).toBeNull();
    expect(deleteEditConflict([rowEntry, del, edit])?.edits.map((x) => x.field)).toEqual(['note']);
  });
});
