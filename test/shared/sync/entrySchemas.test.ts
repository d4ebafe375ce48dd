import { describe, expect, it } from 'vitest';
import type { ChangeLogEntry } from '../../../shared/domain/changeLog';
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
