import { describe, expect, it } from 'vitest';
import type { PhoneCallRow } from '../../../shared/domain/inspections';
import type { BulletinRecord } from '../../../shared/domain/year';
import { applyOffers, monthDay, prefillYearEnd, type YearSources } from '../../../shared/inspections/prefill';
import { PANJIN_2024_COUNTY } from '../../../shared/scheme';
import { scoreAssessment } from '../../../shared/scoring/engine';
import { complaint } from './yearFixtures';

const call = (id: string, at: string, answered: boolean, correct: boolean | null = null): Pick<PhoneCallRow, 'id' | 'quarter' | 'at' | 'answered' | 'correct' | 'deleted'> => ({
  id,
  at,
  answered,
  correct,
  quarter: (['Q1', 'Q1', 'Q1', 'Q2', 'Q2', 'Q2', 'Q3', 'Q3', 'Q3', 'Q4', 'Q4', 'Q4'] as const)[Number(at.slice(5, 7)) - 1],
  deleted: 0,
});

const bulletin: BulletinRecord = {
  id: 'b1', targetId: 't1', year: 2024, date: '2024-04-20', number: '盘政办通〔2024〕5号', channel: '政府网站', subject: '大洼区人民政府门户网站',
  unqualified: true, note: '', createdAt: '', updatedAt: '', deletedAt: null, deleted: 0,
};

function year(): YearSources {
  return {
    phoneCalls: [call('p1', '2024-05-10T09:00', false), call('p2', '2024-05-14T15:00', false), call('p3', '2024-08-06T10:00', true, false), call('p4', '2024-08-08T14:30', true, true)],
    complaintCases: [
      complaint({ id: 'c1', summary: '网站未公开征地补偿标准', receivedAt: '2024-08-01', inquirySentAt: '2024-08-02', replyDeadline: '2024-08-12', repliedAt: '2024-08-20', problemConfirmed: true, verifiedAt: '2024-08-22', rectificationRequiredAt: '2024-08-23', rectificationDeadline: '2024-09-23', rectified: false, rectificationCheckedAt: '2024-09-30' }),
    ],
    bulletins: [bulletin],
    findings: [
      { id: 'f1', ruleId: 'pj24c.documents.not-updated', inspectionId: 'mid', description: '未及时更新现行有效行政规范性文件', deleted: 0, status: '逾期未整改' },
      { id: 'f2', ruleId: 'pj24c.documents.not-updated', inspectionId: 'q3', description: '规范性文件库缺少2024年文件', deleted: 0, status: '已整改' },
      { id: 'f3', ruleId: null, inspectionId: 'mid', description: '专区标识不醒目', deleted: 0, status: '已下发通知' },
    ],
    roundTitles: new Map([['mid', '2024年年中考核'], ['q3', '2024年三季度考核']]),
  };
}

describe('year-end pre-fill', () => {
  it('cites its records in each line', () => {
    const offers = prefillYearEnd(PANJIN_2024_COUNTY, year());
    const by = new Map(offers.map((o) => [o.ruleId, o]));
    expect(by.get('pj24c.platform.phone')!.lines).toEqual([
      '第二季度拨测 2 次均无人接听（5月10日、5月14日）',
      '第三季度拨测 2 次，接听 2 次，其中回答存在明显问题 1 次（8月6日）',
    ]);
    expect(by.get('pj24c.complaints.no-reply')!.lines).toEqual(['函询未及时回复 1 次：“网站未公开征地补偿标准”（8月1日来件，回复期限8月12日，8月20日回复）']);
    expect(by.get('pj24c.complaints.rectify-required')!.lines).toEqual(['经核实确有问题并书面要求整改 1 次：“网站未公开征地补偿标准”（8月23日书面要求整改）']);
    expect(by.get('pj24c.complaints.not-rectified')!.lines).toEqual(['未按要求整改 1 次：“网站未公开征地补偿标准”（整改期限9月23日，9月30日核查未整改）']);
    expect(by.get('pj24c.platform.unqualified')!.lines).toEqual(['被通报为不合格 1 次：盘政办通〔2024〕5号（4月20日，大洼区人民政府门户网站）']);
    expect(by.get('pj24c.documents.not-updated')).toMatchObject({
      count: 2,
      derived: false,
      lines: ['2024年年中考核发现 1 件：“未及时更新现行有效行政规范性文件”（逾期未整改）', '2024年三季度考核发现 1 件：“规范性文件库缺少2024年文件”（已整改）'],
    });
  });

  it('cites every record under one rule at most, and never findings under a complaint rule', () => {
    const offers = prefillYearEnd(PANJIN_2024_COUNTY, year());
    const findingIds = new Set(['f1', 'f2', 'f3']);
    for (const o of offers) if (o.source !== 'finding') expect(o.recordIds.some((id) => findingIds.has(id))).toBe(false);
    const cited = offers.filter((o) => o.source === 'finding').flatMap((o) => o.recordIds);
    expect(cited.sort()).toEqual(['f1', 'f2']);
  });

  it('sums exactly: −0.2 −0.1 (拨测) −0.5 −0.1 −0.3 (投诉) −0.1 (通报) −0.4 (2 件) = −1.7', () => {
    const offers = prefillYearEnd(PANJIN_2024_COUNTY, year());
    const r = scoreAssessment(PANJIN_2024_COUNTY, applyOffers({}, offers));
    expect(r.total).toBe(-1700);
    expect(r.totalText).toBe('−1.7');
  });

  it('a year with no records offers zero counts with a line that says so, and a total of 0', () => {
    const offers = prefillYearEnd(PANJIN_2024_COUNTY, { phoneCalls: [], complaintCases: [], bulletins: [], findings: [], roundTitles: new Map() });
    expect(offers.find((o) => o.ruleId === 'pj24c.complaints.no-reply')!.lines).toEqual(['本年度无此类投诉件']);
    expect(offers.some((o) => o.ruleId === 'pj24c.platform.phone')).toBe(false);
    expect(scoreAssessment(PANJIN_2024_COUNTY, applyOffers({}, offers)).total).toBe(0);
    expect(monthDay('2024-01-05T08:00')).toBe('1月5日');
  });
});
