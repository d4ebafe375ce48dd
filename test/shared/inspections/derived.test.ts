import { describe, expect, it } from 'vitest';
import type { Finding, FindingStatus } from '../../../shared/domain/findings';
import { checklistSuggestion, hallsSuggestion, summarizeWalkThrough } from '../../../shared/inspections/checklist';
import { withDerivedResponses } from '../../../shared/inspections/derived';
import { noProblemResponse, progressFromResult } from '../../../shared/inspections/progress';
import { findingStatusCounts } from '../../../shared/inspections/rectification';
import { FIVE_UNIFIED_CHECKLIST, PANJIN_2024_COUNTY, findRule, type RangeRule } from '../../../shared/scheme';
import { scoreAssessment } from '../../../shared/scoring/engine';

const f = (status: FindingStatus, deleted: 0 | 1 = 0): Pick<Finding, 'status' | 'deleted'> => ({ status, deleted });

describe('findings and the complaint rules', () => {
  it('on-site findings of any status never feed 政务公开问题投诉', () => {
    const { responses, derived } = withDerivedResponses(PANJIN_2024_COUNTY, {}, {
      phoneCalls: [],
      findings: [f('已下发通知'), f('已下发通知'), f('已整改'), f('逾期未整改')],
    });
    expect(derived.size).toBe(0);
    expect(responses['pj24c.complaints.rectify-required']).toBeUndefined();
    expect(scoreAssessment(PANJIN_2024_COUNTY, responses).total).toBe(0);
  });

  it('counts findings by status for lists; deleted ones do not count', () => {
    const counts = findingStatusCounts([f('待整改'), f('已下发通知'), f('已整改'), f('已复核销号'), f('逾期未整改'), f('逾期未整改', 1)]);
    expect(counts).toEqual({ notified: 4, notRectified: 1 });
  });

  it('a typed count on a fed rule is replaced by the count of complaint cases', () => {
    const { responses } = withDerivedResponses(PANJIN_2024_COUNTY, { 'pj24c.complaints.rectify-required': { count: 9 } }, { phoneCalls: [], complaintCases: [] });
    expect(responses['pj24c.complaints.rectify-required']).toEqual({ count: 0 });
  });

  it('without complaint cases loaded the stored counts stay', () => {
    const { responses } = withDerivedResponses(PANJIN_2024_COUNTY, { 'pj24c.complaints.rectify-required': { count: 2 } }, { phoneCalls: [] });
    expect(responses['pj24c.complaints.rectify-required']).toEqual({ count: 2 });
  });
});

describe('progress', () => {
  it('counts an indicator only when all its rules are answered', () => {
    const ind = PANJIN_2024_COUNTY.sections[0].indicators[0];
    const partial = scoreAssessment(PANJIN_2024_COUNTY, { [ind.rules[0].id]: { applies: false } });
    expect(progressFromResult(partial)).toMatchObject({ answeredIndicators: 0, partialIndicators: 1, totalIndicators: 6, answeredRules: 1 });
    const all = Object.fromEntries(ind.rules.map((r) => [r.id, noProblemResponse(r)!]));
    const done = progressFromResult(scoreAssessment(PANJIN_2024_COUNTY, all));
    expect(done).toMatchObject({ answeredIndicators: 1, partialIndicators: 0, percent: 16 });
    expect(scoreAssessment(PANJIN_2024_COUNTY, all).total).toBe(0);
  });
});

describe('五统一 walk-through', () => {
  const allItems = FIVE_UNIFIED_CHECKLIST.dimensions.flatMap((d) => d.items);
  const required = allItems.filter((i) => !i.optional);
  const rule = findRule(PANJIN_2024_COUNTY, 'pj24c.platform.hall') as RangeRule;

  it('all required items met → the rule maximum', () => {
    const s = summarizeWalkThrough(FIVE_UNIFIED_CHECKLIST, required.map((i) => ({ itemId: i.id, status: 'met' })));
    expect(s.met).toBe(required.length);
    expect(s.applicable).toBe(required.length);
    const sug = checklistSuggestion(s, rule);
    expect(sug.text).toBe(`五统一达标 ${required.length}/${required.length} 项，建议加分 0.2 分`);
    expect(sug.value).toBe(200);
    expect(s.unanswered).toBe(allItems.length - required.length);
  });

  it('not applicable leaves the count; a gap is named in the reason; under four fifths → no bonus', () => {
    const answers = required.map((i, n) => ({ itemId: i.id, status: n === 0 ? ('na' as const) : n === 1 ? ('notMet' as const) : ('met' as const) }));
    const s = summarizeWalkThrough(FIVE_UNIFIED_CHECKLIST, answers);
    expect(s.applicable).toBe(required.length - 1);
    expect(s.met).toBe(required.length - 2);
    const sug = checklistSuggestion(s, rule);
    expect(sug.value).toBe(100);
    expect(sug.reason).toBe(`五统一达标 ${required.length - 2}/${required.length - 1} 项；标识统一未达标：标识醒目`);
    const few = summarizeWalkThrough(FIVE_UNIFIED_CHECKLIST, required.slice(0, 5).map((i) => ({ itemId: i.id, status: 'met' as const })));
    expect(checklistSuggestion(few, rule)).toMatchObject({ value: 0, text: `五统一达标 5/${required.length} 项，未达到加分条件，建议不加分` });
  });
});

describe('a county’s hall bonus from its visited halls', () => {
  const required = FIVE_UNIFIED_CHECKLIST.dimensions.flatMap((d) => d.items).filter((i) => !i.optional);
  const rule = findRule(PANJIN_2024_COUNTY, 'pj24c.platform.hall') as RangeRule;
  const hall = (name: string, notMet: number) => ({
    name,
    round: '2024年年中考核',
    summary: summarizeWalkThrough(FIVE_UNIFIED_CHECKLIST, required.map((i, n) => ({ itemId: i.id, status: n < notMet ? ('notMet' as const) : ('met' as const) }))),
  });

  it('takes the lowest hall suggestion and writes out every hall in the reason', () => {
    const s = hallsSuggestion([hall('大洼区政务服务中心', 0), hall('田家街道便民服务中心', 1)], rule)!;
    expect(s.value).toBe(100);
    expect(s.text).toBe('已查 2 个大厅，建议加分 0.1 分');
    expect(s.reason).toContain(`大洼区政务服务中心（2024年年中考核）五统一达标 ${required.length}/${required.length} 项，可加分 0.2 分`);
    expect(s.reason).toContain(`田家街道便民服务中心（2024年年中考核）五统一达标 ${required.length - 1}/${required.length} 项；标识统一未达标：统一命名为“政务公开专区”，可加分 0.1 分`);
    expect(s.reason.endsWith('所查 2 个大厅均达到条件，按其中最低的 0.1 分计')).toBe(true);
  });

  it('no bonus when one hall falls short; nothing to suggest without a hall', () => {
    expect(hallsSuggestion([hall('甲', 0), hall('乙', 10)], rule)).toMatchObject({ value: 0, text: '已查 2 个大厅，建议不加分' });
    expect(hallsSuggestion([], rule)).toBeNull();
  });
});
