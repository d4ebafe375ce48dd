import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../shared/domain/findings';
import type { BulletinRecord } from '../../../shared/domain/year';
import { complaint } from './yearFixtures';
import { BulletinRecordRowSchema, ComplaintCaseRowSchema } from '../../../shared/domain/year';
import { PhoneCallRowSchema } from '../../../shared/domain/inspections';
import { derivedRuleIds, withDerivedResponses } from '../../../shared/inspections/derived';
import { callsCountedBy, complaintFeeds, findingsByRule, roundAsOf, unqualifiedBulletins } from '../../../shared/inspections/yearRecords';
import { PANJIN_2024_COUNTY, PANJIN_2024_DEPARTMENT } from '../../../shared/scheme';
import { scoreAssessment } from '../../../shared/scoring/engine';

function bulletin(over: Partial<BulletinRecord> = {}): BulletinRecord {
  return {
    id: over.id ?? 'b1',
    targetId: 't1',
    year: 2024,
    date: '2024-04-20',
    number: '盘政办通〔2024〕5号',
    channel: '政府网站',
    subject: '大洼区人民政府门户网站',
    unqualified: true,
    note: '',
    createdAt: '2024-04-20T00:00:00.000Z',
    updatedAt: '2024-04-20T00:00:00.000Z',
    deletedAt: null,
    deleted: 0,
    ...over,
  };
}

const finding = (over: Partial<Finding>): Pick<Finding, 'ruleId' | 'deleted' | 'checklistItemId' | 'indicatorId'> & { id: string } => ({
  id: 'f',
  ruleId: null,
  checklistItemId: null,
  indicatorId: null,
  deleted: 0,
  ...over,
});

describe('complaint cases feed only the complaint rules', () => {
  const cases = [
    // replied late, confirmed, required in writing, not rectified
    complaint({ id: 'late', repliedAt: '2024-03-20', verifiedAt: '2024-03-25', problemConfirmed: true, rectificationRequiredAt: '2024-03-26', rectificationDeadline: '2024-04-26', rectified: false, rectificationCheckedAt: '2024-05-06' }),
    // replied on time, confirmed, rectified
    complaint({ id: 'fixed', verifiedAt: '2024-03-20', problemConfirmed: true, rectificationRequiredAt: '2024-03-21', rectified: true, rectificationCheckedAt: '2024-04-30' }),
    // never replied, deadline passed
    complaint({ id: 'silent', receivedAt: '2024-08-01', inquirySentAt: '2024-08-02', replyDeadline: '2024-08-12', repliedAt: null }),
    // verified: no real problem
    complaint({ id: 'none', verifiedAt: '2024-03-20', problemConfirmed: false }),
    complaint({ id: 'gone', repliedAt: null, deleted: 1, deletedAt: '2024-09-01T00:00:00.000Z' }),
  ];

  it('counts each stage of a case under its own rule', () => {
    expect(complaintFeeds(cases)).toEqual({ inquiryNotAnswered: ['late', 'silent'], rectificationRequired: ['late', 'fixed'], notRectified: ['late'] });
  });

  it('a mid-year round counts only what was known by its end date', () => {
    expect(complaintFeeds(cases, '2024-06-30')).toEqual({ inquiryNotAnswered: ['late'], rectificationRequired: ['late', 'fixed'], notRectified: ['late'] });
    // Before the reply deadline nothing is late yet; before the written requirement nothing is required.
    expect(complaintFeeds(cases, '2024-03-14')).toEqual({ inquiryNotAnswered: [], rectificationRequired: [], notRectified: [] });
    // Reply still missing on 3月18日, deadline 3月15日: late.
    expect(complaintFeeds(cases, '2024-03-18').inquiryNotAnswered).toEqual(['late']);
  });

  it('feeds the county scheme exactly: 2 × −0.5, 2 × −0.1, 1 × −0.3 = −1.5, and nothing else', () => {
    const { responses, derived } = withDerivedResponses(PANJIN_2024_COUNTY, {}, { phoneCalls: [], complaintCases: cases });
    expect(Object.fromEntries(derived)).toEqual({
      'pj24c.complaints.no-reply': { count: 2 },
      'pj24c.complaints.rectify-required': { count: 2 },
      'pj24c.complaints.not-rectified': { count: 1 },
    });
    const r = scoreAssessment(PANJIN_2024_COUNTY, responses);
    expect(r.totalText).toBe('−1.5');
    expect(r.indicators.filter((i) => i.points !== 0).map((i) => i.id)).toEqual(['pj24c.complaints']);
  });

  it('feeds the department scheme the same way', () => {
    const { derived } = withDerivedResponses(PANJIN_2024_DEPARTMENT, {}, { phoneCalls: [], complaintCases: cases });
    expect([...derived.keys()].sort()).toEqual(['pj24d.complaints.no-reply', 'pj24d.complaints.not-rectified', 'pj24d.complaints.rectify-required']);
  });
});

describe('通报 records', () => {
  it('only 不合格 entries count, each −0.1 under 被通报为不合格', () => {
    const list = [bulletin({ id: 'a' }), bulletin({ id: 'b', date: '2024-10-10' }), bulletin({ id: 'ok', unqualified: false }), bulletin({ id: 'x', deleted: 1 })];
    expect(unqualifiedBulletins(list)).toEqual(['a', 'b']);
    expect(unqualifiedBulletins(list, '2024-06-30')).toEqual(['a']);
    const { responses, derived } = withDerivedResponses(PANJIN_2024_COUNTY, {}, { phoneCalls: [], bulletins: list });
    expect(Object.fromEntries(derived)).toEqual({ 'pj24c.platform.unqualified': { count: 2 } });
    expect(scoreAssessment(PANJIN_2024_COUNTY, responses).totalText).toBe('−0.2');
  });

  it('the fed rules cannot be typed in', () => {
    const ids = derivedRuleIds(PANJIN_2024_COUNTY);
    for (const id of ['pj24c.platform.unqualified', 'pj24c.complaints.no-reply', 'pj24c.complaints.rectify-required', 'pj24c.complaints.not-rectified', 'pj24c.platform.phone']) expect(ids.has(id)).toBe(true);
  });
});

describe('a finding feeds at most one rule', () => {
  it('counts under the rule it was recorded under, never under a complaint rule or a bonus', () => {
    const list = [
      finding({ id: 'doc1', ruleId: 'pj24c.documents.not-updated' }),
      finding({ id: 'doc2', ruleId: 'pj24c.documents.not-updated' }),
      finding({ id: 'cmp', ruleId: 'pj24c.complaints.rectify-required' }),
      finding({ id: 'bonus', ruleId: 'pj24c.interpretation.video' }),
      finding({ id: 'hall', checklistItemId: 'fu.sign.visible' }),
      finding({ id: 'ind', indicatorId: 'pj24c.documents' }),
      finding({ id: 'del', ruleId: 'pj24c.documents.not-updated', deleted: 1 }),
    ];
    const by = findingsByRule(PANJIN_2024_COUNTY, list);
    expect([...by.keys()]).toEqual(['pj24c.documents.not-updated']);
    expect(by.get('pj24c.documents.not-updated')!.map((f) => f.id)).toEqual(['doc1', 'doc2']);
    const all = [...by.values()].flat().map((f) => f.id);
    expect(new Set(all).size).toBe(all.length);
  });

  it('a 五统一 finding with the hall bonus: +0.1 only, no −0.1', () => {
    const { responses } = withDerivedResponses(
      PANJIN_2024_COUNTY,
      { 'pj24c.platform.hall': { value: '0.1', reason: '五统一达标 18/22 项' } },
      { phoneCalls: [], findings: [finding({ checklistItemId: 'fu.sign.visible' })], complaintCases: [], bulletins: [] },
    );
    expect(scoreAssessment(PANJIN_2024_COUNTY, responses).totalText).toBe('0');
    // In a pure deduction scheme bonuses stay inside [−5, 0]; with one deduction the bonus shows.
    const r = scoreAssessment(PANJIN_2024_COUNTY, { ...responses, 'pj24c.documents.not-updated': { count: 1 } });
    expect(r.totalText).toBe('−0.1');
    expect(r.deductions).toBe(200);
    expect(r.bonuses).toBe(100);
  });
});

describe('rounds and the year', () => {
  const calls = [
    { id: '1', assessmentId: 'a-mid', targetId: 't1', year: 2024, deleted: 0 as const },
    { id: '2', assessmentId: '', targetId: 't1', year: 2024, deleted: 0 as const },
    { id: '3', assessmentId: '', targetId: 't1', year: 2023, deleted: 0 as const },
    { id: '4', assessmentId: '', targetId: 't2', year: 2024, deleted: 0 as const },
    { id: '5', assessmentId: 'a-mid', targetId: 't1', year: 2024, deleted: 1 as const },
  ];
  it('a round counts its own calls; the year-end assessment counts every call of the unit’s year', () => {
    expect(callsCountedBy({ kind: '年中考核', year: 2024 }, { id: 'a-mid', targetId: 't1' }, calls).map((c) => c.id)).toEqual(['1']);
    expect(callsCountedBy({ kind: '年终考核', year: 2024 }, { id: 'a-end', targetId: 't1' }, calls).map((c) => c.id)).toEqual(['1', '2']);
    expect(roundAsOf({ kind: '年中考核', endDate: '2024-06-30' })).toBe('2024-06-30');
    expect(roundAsOf({ kind: '年终考核', endDate: '2024-12-20' })).toBeNull();
  });

  it('row schemas accept good rows and refuse bad ones', () => {
    expect(ComplaintCaseRowSchema.safeParse(complaint()).success).toBe(true);
    expect(ComplaintCaseRowSchema.safeParse({ ...complaint(), receivedAt: '3月1日' }).success).toBe(false);
    expect(BulletinRecordRowSchema.safeParse(bulletin()).success).toBe(true);
    expect(BulletinRecordRowSchema.safeParse({ ...bulletin(), channel: '报纸' }).success).toBe(false);
    const call = { id: 'p', assessmentId: '', inspectionId: '', targetId: 't1', year: 2024, quarter: 'Q3', number: '0427-1', at: '2024-07-10T09:00', answered: false, correct: null, caller: '王明', note: '', createdAt: 'x', updatedAt: 'x', deletedAt: null, deleted: 0 };
    expect(PhoneCallRowSchema.safeParse(call).success).toBe(true);
    expect(PhoneCallRowSchema.safeParse({ ...call, year: undefined }).success).toBe(false);
  });
});
