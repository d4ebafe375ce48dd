import { describe, expect, it } from 'vitest';
import type { PhoneCallRow } from '../../../shared/domain/inspections';
import type { BulletinRecord } from '../../../shared/domain/year';
import { derivedOverrides, withDerivedResponses } from '../../../shared/inspections/derived';
import { normalizePhoneOverride, phoneOverrideProblem, type PhoneOverride } from '../../../shared/inspections/phoneCalls';
import { applyOffers, monthDay, phoneOverridePreview, prefillYearEnd, type YearSources } from '../../../shared/inspections/prefill';
import { formatSigned } from '../../../shared/points/points';
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

describe('overriding the 拨测 rule in the year-end pre-fill', () => {
  const PHONE = 'pj24c.platform.phone';
  const calls = () => year().phoneCalls;
  const total = (override: PhoneOverride, list = calls()) =>
    scoreAssessment(PANJIN_2024_COUNTY, withDerivedResponses(PANJIN_2024_COUNTY, {}, { phoneCalls: list, overrides: new Map([[PHONE, override]]) }).responses).total;

  it('scores the calls as judged, exactly as the preview says', () => {
    // From the records: Q2 both unanswered −0.2, Q3 one wrong answer −0.1.
    expect(scoreAssessment(PANJIN_2024_COUNTY, withDerivedResponses(PANJIN_2024_COUNTY, {}, { phoneCalls: calls() }).responses).total).toBe(-300);
    const cases: [PhoneOverride, number][] = [
      [{ calls: { p2: 'answered' } }, -100],
      [{ calls: { p1: 'excluded', p2: 'excluded' } }, -100],
      [{ calls: { p3: 'answered' } }, -200],
      [{ calls: { p4: 'wrong' } }, -400],
      [{ calls: { p1: 'excluded', p2: 'excluded', p3: 'excluded', p4: 'excluded' } }, 0],
    ];
    for (const [override, points] of cases) {
      expect(total(override)).toBe(points);
      const preview = phoneOverridePreview(PANJIN_2024_COUNTY, PHONE, calls(), override);
      expect(preview.recorded!.pointsText).toBe('−0.3');
      // What the preview shows is what the year-end score counts.
      expect(preview.overridden!.pointsText).toBe(formatSigned(points));
      expect(scoreAssessment(PANJIN_2024_COUNTY, { [PHONE]: preview.response }).total).toBe(points);
    }
    // Every call left out: answered, with no deduction (not 未评).
    expect(phoneOverridePreview(PANJIN_2024_COUNTY, PHONE, calls(), cases[4][0]).overridden).toMatchObject({ answered: true, pointsText: '0' });
  });

  it('names each changed call with what its record says and what it was changed to', () => {
    const override: PhoneOverride = { calls: { p3: 'answered', p1: 'excluded', p4: 'answered' } };
    expect(phoneOverridePreview(PANJIN_2024_COUNTY, PHONE, calls(), override).lines).toEqual([
      '第二季度 5月10日 09:00 的拨测：记录为无人接听，改为不计入',
      '第三季度 8月6日 10:00 的拨测：记录为接听，回答存在明显问题，改为接听，回答无明显问题',
    ]);
    // A judgment equal to the record is no change and is not kept.
    expect(normalizePhoneOverride(calls(), override)).toEqual({ calls: { p1: 'excluded', p3: 'answered' } });
  });

  it('keeps counting calls logged after the override and drops deleted ones', () => {
    const override: PhoneOverride = { calls: { p3: 'answered' } };
    const later = [...calls(), call('p5', '2024-11-05T09:30', false), call('p6', '2024-11-06T15:00', false)];
    expect(total(override, later)).toBe(-400);
    const deleted = calls().map((c) => (c.id === 'p1' || c.id === 'p2' ? { ...c, deleted: 1 as const } : c));
    expect(total(override, deleted)).toBe(0);
  });

  it('refuses an override that changes nothing or names a call the year does not hold, with a Chinese message', () => {
    expect(phoneOverrideProblem(calls(), { calls: { p1: 'unanswered' } })).toBe('改动后与拨测记录相同，如无改动请点「确认」');
    expect(phoneOverrideProblem(calls(), { calls: {} })).toBe('改动后与拨测记录相同，如无改动请点「确认」');
    expect(phoneOverrideProblem(calls(), { calls: { gone: 'excluded' } })).toBe('改动的拨测记录不存在或已删除，请重新打开后再改动');
    expect(phoneOverrideProblem(calls(), { calls: { p1: 'maybe' } } as unknown as PhoneOverride)).toBe('拨测改动的内容无法识别');
    expect(phoneOverrideProblem(calls(), { calls: { p1: 'excluded' } })).toBeNull();
  });

  it('reads overrides back from the stored decisions; a damaged one leaves the records to count', () => {
    const overrides = derivedOverrides([
      { ruleId: PHONE, decision: 'overridden', response: JSON.stringify({ calls: { p1: 'excluded' } }) },
      { ruleId: 'pj24c.complaints.no-reply', decision: 'overridden', response: '{"count":0}' },
      { ruleId: 'pj24c.platform.unqualified', decision: 'overridden', response: '{"calls":{"p1":"nope"}}' },
      { ruleId: 'pj24c.complaints.not-rectified', decision: 'confirmed', response: null },
    ]);
    expect([...overrides]).toEqual([
      [PHONE, { calls: { p1: 'excluded' } }],
      ['pj24c.complaints.no-reply', { count: 0 }],
    ]);
    // A count on the 拨测 rule is not a 拨测 override: the calls count as logged.
    const r = withDerivedResponses(PANJIN_2024_COUNTY, {}, { phoneCalls: calls(), overrides: new Map([[PHONE, { count: 0 }]]) });
    expect(scoreAssessment(PANJIN_2024_COUNTY, r.responses).total).toBe(-300);
  });
});
