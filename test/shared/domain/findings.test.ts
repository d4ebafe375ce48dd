import { describe, expect, it } from 'vitest';
import { carriedOverFindings, findingsDue, isOverdue, isUnclosed, type Finding, type FindingStatus } from '../../../shared/domain/findings';
import { buildRectificationLedger, LEDGER_COLUMNS } from '../../../shared/documents/rectificationLedger';

let n = 0;
function finding(status: FindingStatus, extra: Partial<Finding> = {}): Finding {
  n++;
  return {
    id: `f${String(n).padStart(3, '0')}`,
    inspectionId: 'mid2024',
    assessmentId: 'a1',
    targetId: 'dawa',
    indicatorId: null,
    ruleId: null,
    checklistItemId: null,
    description: `问题${n}`,
    severity: '一般',
    requirement: '限期整改',
    deadline: '2024-07-20',
    status,
    noticeId: null,
    followUpNote: '',
    createdBy: '王明',
    createdAt: '2024-07-01T01:00:00.000Z',
    updatedAt: '2024-07-01T01:00:00.000Z',
    deletedAt: null,
    deleted: 0,
    ...extra,
  };
}

describe('未销号 and due findings', () => {
  it('only a verified rectification closes a finding: 已整改 without verification is still 未销号', () => {
    expect(isUnclosed(finding('已整改'))).toBe(true);
    expect(isUnclosed(finding('整改不到位'))).toBe(true);
    expect(isUnclosed(finding('已复核销号'))).toBe(false);
    expect(isUnclosed(finding('待整改', { deleted: 1 }))).toBe(false);
  });

  it('整改不到位 runs against its new deadline', () => {
    expect(isOverdue(finding('整改不到位', { deadline: '2024-10-31' }), '2024-10-15')).toBe(false);
    expect(isOverdue(finding('整改不到位', { deadline: '2024-10-31' }), '2024-11-01')).toBe(true);
  });

  it('lists what is due by a date: past the deadline or reported rectified, never closed, oldest deadline first', () => {
    const late = finding('已下发通知', { deadline: '2024-07-10' });
    const later = finding('待整改', { deadline: '2024-07-25' });
    const reported = finding('已整改', { deadline: '2024-09-30' });
    const closed = finding('已复核销号', { deadline: '2024-07-01' });
    const notYet = finding('已下发通知', { deadline: '2024-09-30' });
    expect(findingsDue([notYet, reported, closed, later, late], '2024-07-31').map((f) => f.id)).toEqual([late.id, later.id, reported.id]);
    expect(findingsDue([], '2024-07-31')).toEqual([]);
  });
});

describe('上年度整改不到位问题', () => {
  const rounds = [
    { id: 'mid2024', title: '2024年年中考核', year: 2024, startDate: '2024-07-01' },
    { id: 'q3-2024', title: '2024年三季度考核', year: 2024, startDate: '2024-10-08' },
    { id: 'mid2025', title: '2025年年中考核', year: 2025, startDate: '2025-07-01' },
  ];

  it('carries the unit’s unrectified and still-open findings of the previous year, with the reason in words', () => {
    const bad = finding('整改不到位', { inspectionId: 'q3-2024', verifiedAt: '2024-11-05', verifiedBy: '李华', deadline: '2024-11-30' });
    const overdue = finding('逾期未整改', { inspectionId: 'mid2024' });
    const unverified = finding('已整改', { inspectionId: 'mid2024' });
    const closed = finding('已复核销号', { inspectionId: 'mid2024' });
    const otherUnit = finding('逾期未整改', { targetId: 'panshan' });
    const thisYear = finding('逾期未整改', { inspectionId: 'mid2025' });
    const gone = finding('逾期未整改', { deleted: 1 });
    const out = carriedOverFindings([bad, overdue, unverified, closed, otherUnit, thisYear, gone], rounds, 'dawa', 2025);
    expect(out.map((c) => [c.finding.id, c.inspectionTitle, c.reason])).toEqual([
      [overdue.id, '2024年年中考核', '逾期未整改'],
      [unverified.id, '2024年年中考核', '未销号（已整改，未复核）'],
      [bad.id, '2024年三季度考核', '整改不到位（2024-11-05 回头看，李华）'],
    ]);
    expect(carriedOverFindings([bad], rounds, 'dawa', 2024)).toEqual([]);
  });
});

describe('问题整改台账', () => {
  it('has one row per finding with the reply, the check and 是否销号', () => {
    const f = finding('整改不到位', {
      replyReceivedAt: '2024-07-18',
      replyText: '已补充发布2件文件',
      verifiedBy: '李华',
      verifiedAt: '2024-08-01',
      outcome: '整改不到位',
      deadline: '2024-08-20',
    });
    const ok = finding('已复核销号', { outcome: '已整改销号' });
    const wb = buildRectificationLedger({
      title: '2024年年中考核问题整改台账',
      organisation: '盘锦市政务公开办',
      today: '2024-08-25',
      rows: [
        { finding: f, targetName: '大洼区人民政府', inspectionTitle: '2024年年中考核', subject: '规范性文件', noticeNumber: '盘政办公开改〔2024〕2号' },
        { finding: ok, targetName: '盘山县人民政府', inspectionTitle: '2024年年中考核', subject: '其他问题', noticeNumber: '' },
      ],
    });
    const ws = wb.getWorksheet('问题整改台账')!;
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    const col = (h: string) => LEDGER_COLUMNS.findIndex((c) => c.header === h) + 1;
    const r = ws.getRow(4);
    expect(r.getCell(col('被检查单位')).value).toBe('大洼区人民政府');
    expect(r.getCell(col('收到整改报告')).value).toBe('2024年7月18日');
    expect(r.getCell(col('整改情况')).value).toBe('已补充发布2件文件');
    expect(r.getCell(col('核查结果')).value).toBe('整改不到位');
    expect(r.getCell(col('是否销号')).value).toBe('未销号');
    expect(r.getCell(col('逾期天数')).value).toBe(5);
    expect(r.getCell(col('整改通知书文号')).value).toBe('盘政办公开改〔2024〕2号');
    expect(ws.getRow(5).getCell(col('是否销号')).value).toBe('已销号');
    expect(String(ws.getCell(2, 1).value)).toContain('共2个问题，未销号1个');
  });
});
