import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../../shared/calendar/workCalendar';
import { checkTimeliness, previewTimeliness, previewTimelinessEntries, TIMELINESS_PRESETS, type TimelinessPreview } from '../../../shared/checks';
import { fixture } from './helpers';

async function interpretations(): Promise<TimelinessPreview> {
  const p = await previewTimeliness(fixture('interpretations.xlsx'), { kind: 'interpretation' });
  if (!p.ok) throw new Error(p.error.message);
  return p.value;
}

describe('interpretation timeliness', () => {
  it('reads every accepted date form and reports bad dates per row', async () => {
    const p = await interpretations();
    expect(p.rows.map((r) => [r.row, r.from, r.to])).toEqual([
      [2, '2024-03-05', '2024-03-08'], // 2024年3月5日 → 2024.3.8
      [3, '2024-09-27', '2024-10-08'], // 2024/09/27 → 2024-10-08
      [4, '2024-05-06', '2024-05-20'], // Excel date cells (serial numbers)
      [5, null, '2024-03-05'],
      [6, null, '2024-12-05'],
      [7, '2024-06-03', '2024-06-05'], // 二〇二四年六月三日
    ]);
    expect(p.rowIssues).toEqual([
      { row: 5, column: 'B', field: 'from', severity: 'error', message: '文件发布日期：日期不存在：「2024-02-30」（2024年2月只有29天）' },
      { row: 6, column: 'B', field: 'from', severity: 'error', message: '文件发布日期：日期无效：「2024.13.01」（月份应为1—12）' },
    ]);
  });

  it('Panjin 2024: over 5 calendar days is late', async () => {
    const r = checkTimeliness(await interpretations(), TIMELINESS_PRESETS.interpretationPanjin2024);
    expect(r.count).toBe(2);
    expect(r.late.map((i) => [i.row, i.lag, i.deadline, i.daysOverdue])).toEqual([
      [3, 11, '2024-10-02', 6],
      [4, 14, '2024-05-11', 9],
    ]);
    expect(r.late[0].message).toBe('解读晚于文件发布11个自然日，超过5个自然日的时限（应不晚于2024-10-02，逾期6天）');
    // Rows with bad dates are not judged, and say so.
    expect(r.items.map((i) => i.row)).toEqual([2, 3, 4, 7]);
    expect(r.rowIssues.map((x) => x.row)).toEqual([5, 6]);
  });

  it('Panjin 2017: 3 working days, counted across National Day 2024 with its 调休 Sunday', async () => {
    const r = checkTimeliness(await interpretations(), TIMELINESS_PRESETS.interpretationPanjin2017);
    const national = r.items.find((i) => i.row === 3)!;
    // 2024-09-27 (Fri) → 2024-10-08: 9-29 (Sun, 调休) , 9-30, 10-08 are the working days.
    expect(national).toMatchObject({ lag: 3, late: false, deadline: '2024-10-08' });
    expect(r.count).toBe(1);
    // 2024-05-06 → 2024-05-20: ten weekdays plus Saturday 2024-05-11, a 调休 working day.
    expect(r.late[0]).toMatchObject({ row: 4, lag: 11, late: true });
  });

  it('follows the office’s own calendar when it corrects a day', async () => {
    const own = createWorkCalendar([{ date: '2024-09-29', working: false, note: '本地调整' }]);
    const r = checkTimeliness(await interpretations(), { limit: 2, unit: 'workingDays', calendar: own });
    expect(r.items.find((i) => i.row === 3)).toMatchObject({ lag: 2, late: false });
    const standard = checkTimeliness(await interpretations(), { limit: 2, unit: 'workingDays' });
    expect(standard.items.find((i) => i.row === 3)).toMatchObject({ lag: 3, late: true });
  });

  it('a weekend day after the last working day is still within the working-day limit', () => {
    // Wednesday 2024-03-06 + 3 working days: Thu, Fri, Mon. Published Saturday: 2 working days.
    const p = previewTimelinessEntries('interpretation', [
      { title: '周六发布', from: '2024-03-06', to: '2024-03-09' },
      { title: '周二发布', from: '2024-03-06', to: '2024-03-12' },
    ]);
    const r = checkTimeliness(p, { limit: 3, unit: 'workingDays' });
    expect(r.items.map((i) => [i.lag, i.late, i.deadline])).toEqual([
      [2, false, '2024-03-11'],
      [4, true, '2024-03-11'],
    ]);
  });
});

describe('submission timeliness (months)', () => {
  it('over 1 month from 印发 to 报送 is late; exactly a month is not', async () => {
    const p = await previewTimeliness(fixture('submissions-gbk.csv'), { kind: 'submission' });
    if (!p.ok) throw new Error(p.error.message);
    expect(p.value.rowIssues).toEqual([{ row: 5, column: 'C', field: 'to', severity: 'error', message: '未填写报送日期' }]);
    const r = checkTimeliness(p.value, TIMELINESS_PRESETS.submissionPanjin2024);
    expect(r.items.map((i) => [i.row, i.lag, i.late, i.deadline])).toEqual([
      [2, 0, false, '2024-02-29'], // 1月31日 → 2月29日: end of month
      [3, 1, true, '2024-02-29'], // → 3月1日: one day over
      [4, 1, false, '2024-06-06'], // exactly one month
    ]);
    expect(r.count).toBe(1);
    expect(r.late[0].message).toBe('报送距文件印发1个月，超过1个月的时限（应不晚于2024-02-29，逾期1天）');
  });
});

describe('entered pairs', () => {
  it('accepts typed dates and serial numbers, reports bad ones per row, warns on reversed dates', () => {
    const p = previewTimelinessEntries('interpretation', [
      { title: '甲', from: '2024年3月5日', to: 45365 }, // 45365 = 2024-03-14
      { title: '乙', from: '2024-02-30', to: '2024-03-01' },
      { title: '丙', from: '2024-03-10', to: '2024-03-08' },
      { title: '', from: null, to: null },
    ]);
    expect(p.rows.map((r) => r.row)).toEqual([1, 2, 3]);
    expect(p.rowIssues).toEqual([{ row: 2, column: null, field: 'from', severity: 'error', message: '文件发布日期：日期不存在：「2024-02-30」（2024年2月只有29天）' }]);
    const r = checkTimeliness(p, TIMELINESS_PRESETS.interpretationPanjin2024);
    expect(r.items.map((i) => [i.row, i.lag, i.late])).toEqual([
      [1, 9, true],
      [3, -2, false],
    ]);
    expect(r.rowIssues.find((x) => x.row === 3)!.message).toContain('早于文件发布日期');
  });

  it('warns when working days fall in a year without published holidays', () => {
    const p = previewTimelinessEntries('interpretation', [{ title: '甲', from: '2099-03-02', to: '2099-03-06' }]);
    const r = checkTimeliness(p, { limit: 3, unit: 'workingDays' });
    expect(r.warnings).toEqual(['2099年的节假日安排尚未收录，该年按周六、周日休息计算工作日，请在工作日历中补充']);
    expect(() => checkTimeliness(p, { limit: -1, unit: 'calendarDays' })).toThrow('时限应为非负整数');
    expect(() => checkTimeliness(p, TIMELINESS_PRESETS.submissionPanjin2024)).toThrow('规则适用于主动公开文件报送时效，不能用于政策解读时效');
  });
});
