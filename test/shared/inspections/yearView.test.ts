import { describe, expect, it } from 'vitest';
import { buildYearView, daysBetween, type YearEndEntry } from '../../../shared/inspections/yearView';

const entry = (id: string, total: number, submitted: boolean, kind: YearEndEntry['kind'] = '县区政府', deductions = -total): YearEndEntry => ({
  assessmentId: id,
  targetId: `t-${id}`,
  targetName: `${id}区`,
  kind,
  submitted,
  result: { total, grade: null, indicators: [{ title: '政策解读', deductions } as YearEndEntry['result']['indicators'][number]] },
  progress: { answered: submitted ? 6 : 2, total: 6 },
});

describe('the year view', () => {
  const view = buildYearView({
    yearEnd: [entry('甲', -1100, true), entry('乙', -500, true), entry('丙', 0, false), entry('局', -300, true, '政府部门')],
    findings: [
      { id: 'f1', status: '逾期未整改', deadline: '2024-07-20', deleted: 0, description: '未更新文件', targetId: 't-甲' },
      { id: 'f2', status: '已下发通知', deadline: '2024-12-01', deleted: 0, description: '解读滞后', targetId: 't-乙' },
      { id: 'f3', status: '已复核销号', deadline: '2024-07-01', deleted: 0, description: '', targetId: 't-乙' },
      { id: 'f4', status: '待整改', deadline: '2024-07-01', deleted: 1, description: '', targetId: 't-乙' },
    ],
    targetNames: new Map([['t-甲', '甲区'], ['t-乙', '乙区']]),
    phoneCalls: [
      { targetId: 't-甲', quarter: 'Q2', deleted: 0 },
      { targetId: 't-甲', quarter: 'Q2', deleted: 0 },
      { targetId: 't-乙', quarter: 'Q3', deleted: 0 },
      { targetId: 't-外', quarter: 'Q3', deleted: 0 },
    ],
    phoneUnits: ['t-甲', 't-乙', 't-丙'],
    today: '2024-12-10',
  });

  it('ranks only submitted assessments within their kind; an empty one is 未完成 without a rank', () => {
    const county = view.byKind.find((k) => k.kind === '县区政府')!.rows;
    expect(county.map((r) => [r.targetName, r.rank, r.totalText])).toEqual([
      ['乙区', 1, '−0.5'],
      ['甲区', 2, '−1.1'],
      ['丙区', null, '0'],
    ]);
    expect(county[2].progressText).toBe('未完成（已评 2/6 项）');
    expect(view.byKind.find((k) => k.kind === '政府部门')!.rows[0].rank).toBe(1);
  });

  it('sums deductions by indicator exactly, counts findings by status, lists overdue with days overdue', () => {
    expect(view.deductionsByIndicator).toEqual([{ title: '政策解读', deductions: 1900, units: 3 }]);
    expect(view.findingsByStatus.find((s) => s.status === '逾期未整改')!.count).toBe(1);
    expect(view.findingsByStatus.reduce((n, s) => n + s.count, 0)).toBe(3);
    expect(view.overdue).toEqual([
      { findingId: 'f1', targetName: '甲区', description: '未更新文件', deadline: '2024-07-20', daysOverdue: 143 },
      { findingId: 'f2', targetName: '乙区', description: '解读滞后', deadline: '2024-12-01', daysOverdue: 9 },
    ]);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
  });

  it('phone-test coverage counts each expected unit once per quarter', () => {
    expect(view.phoneCoverage.map((q) => `${q.quarter}:${q.tested}/${q.units}`)).toEqual(['Q1:0/3', 'Q2:1/3', 'Q3:1/3', 'Q4:0/3']);
  });
});
