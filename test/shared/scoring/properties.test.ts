import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateFromDayNumber, dayNumber } from '../../../shared/calendar/workCalendar';
import { walkRules, type Rule, type Scheme } from '../../../shared/scheme/model';
import { BUILTIN_SCHEMES, CHANGZHOU_2020_TEMPLATE, PANJIN_2024_COUNTY, PANJIN_2024_DEPARTMENT } from '../../../shared/schemes';
import { QUARTERS, scoreAssessment, type Responses, type RuleResponse } from '../../../shared/scoring';

const start = dayNumber('2024-01-01');

const lagItem = fc
  .record({ label: fc.constantFrom('甲', '乙', '丙', '丁'), from: fc.nat(360), gap: fc.nat(70) })
  .map(({ label, from, gap }) => ({ label, from: dateFromDayNumber(start + from), to: dateFromDayNumber(start + from + gap) }));

const quarterCalls = fc.uniqueArray(fc.constantFrom(...QUARTERS), { maxLength: 4 }).chain((qs) =>
  fc.tuple(
    ...qs.map((quarter) =>
      fc
        .array(fc.record({ day: fc.nat(80), answered: fc.boolean(), correct: fc.constantFrom(true, false, null) }), { maxLength: 3 })
        .map((calls) => ({
          quarter,
          calls: calls.map((c) => ({
            at: `${dateFromDayNumber(dayNumber(`2024-${String((QUARTERS.indexOf(quarter) * 3 + 1)).padStart(2, '0')}-01`) + c.day)}T10:00`,
            answered: c.answered,
            correct: c.answered ? c.correct : null,
          })),
        })),
    ),
  ),
);

function responseArb(rule: Rule): fc.Arbitrary<RuleResponse> {
  switch (rule.kind) {
    case 'fixed':
      return fc.record({ applies: fc.boolean() });
    case 'occurrence':
      return fc.record({ count: fc.nat(40) });
    case 'range':
      return fc.record({ value: fc.integer({ min: 0, max: rule.max * 2 }), reason: fc.constantFrom('', '有具体案例') });
    case 'lag':
      return fc.record({ items: fc.array(lagItem, { maxLength: 6 }) });
    case 'phone':
      return quarterCalls.map((quarters) => ({ quarters }));
    case 'weighted':
      return fc.record({ awarded: fc.integer({ min: 0, max: rule.max + 2000 }) });
    case 'rating':
      return fc.record({ option: fc.constantFrom(...rule.options.map((o) => o.label)) });
  }
}

function responsesArb(scheme: Scheme): fc.Arbitrary<Responses> {
  const shape: Record<string, fc.Arbitrary<RuleResponse>> = {};
  for (const { rule } of walkRules(scheme)) shape[rule.id] = responseArb(rule);
  return fc.record(shape, { requiredKeys: [] }) as fc.Arbitrary<Responses>;
}

const numbers = (s: Scheme, r: Responses) => {
  const x = scoreAssessment(s, r);
  return { total: x.total, deductions: x.deductions, bonuses: x.bonuses, indicators: x.indicators.map((i) => i.points), answered: x.answered };
};

describe('properties of the engine', () => {
  it('the Panjin result always stays within [−5, 0]', () => {
    for (const s of [PANJIN_2024_COUNTY, PANJIN_2024_DEPARTMENT]) {
      fc.assert(
        fc.property(responsesArb(s), (responses) => {
          const r = scoreAssessment(s, responses);
          expect(r.total).toBeGreaterThanOrEqual(-5000);
          expect(r.total).toBeLessThanOrEqual(0);
          expect(r.deductions).toBeLessThanOrEqual(5000);
        }),
      );
    }
  });

  it('any clamp and caps a scheme states are kept', () => {
    const totals = fc
      .record({
        a: fc.integer({ min: -20000, max: 20000 }),
        b: fc.integer({ min: -20000, max: 20000 }),
        deductionCap: fc.option(fc.integer({ min: 1, max: 10000 })),
        bonusCap: fc.option(fc.integer({ min: 1, max: 10000 })),
        base: fc.integer({ min: -1000, max: 1000 }),
      })
      .map(({ a, b, deductionCap, bonusCap, base }) => ({ min: Math.min(a, b), max: Math.max(a, b), deductionCap, bonusCap, base }));
    fc.assert(
      fc.property(totals, responsesArb(PANJIN_2024_COUNTY), (t, responses) => {
        const s: Scheme = { ...PANJIN_2024_COUNTY, totals: t };
        const r = scoreAssessment(s, responses);
        expect(r.total).toBeGreaterThanOrEqual(t.min);
        expect(r.total).toBeLessThanOrEqual(t.max);
        if (t.deductionCap !== null) expect(r.deductions).toBeLessThanOrEqual(t.deductionCap);
        if (t.bonusCap !== null) expect(r.bonuses).toBeLessThanOrEqual(t.bonusCap);
        expect(Number.isSafeInteger(r.total)).toBe(true);
      }),
    );
  });

  it('a 100-point result stays within [0, 100]', () => {
    fc.assert(
      fc.property(responsesArb(CHANGZHOU_2020_TEMPLATE), (responses) => {
        const r = scoreAssessment(CHANGZHOU_2020_TEMPLATE, responses);
        expect(r.total).toBeGreaterThanOrEqual(0);
        expect(r.total).toBeLessThanOrEqual(100000);
        for (const i of r.indicators) expect(i.points).toBeLessThanOrEqual(i.weight!);
      }),
    );
  });

  it('the order of responses, lag items and quarters does not change the result', () => {
    for (const s of BUILTIN_SCHEMES) {
      fc.assert(
        fc.property(responsesArb(s), fc.nat(), (responses, seed) => {
          const keys = Object.keys(responses);
          const shuffled = fc.sample(fc.shuffledSubarray(keys, { minLength: keys.length, maxLength: keys.length }), { seed, numRuns: 1 })[0];
          const reordered: Responses = {};
          for (const k of shuffled) {
            const v = responses[k];
            if ('items' in v) reordered[k] = { items: [...v.items].reverse() };
            else if ('quarters' in v) reordered[k] = { quarters: [...v.quarters].reverse().map((q) => ({ ...q, calls: [...q.calls].reverse() })) };
            else reordered[k] = v;
          }
          expect(numbers(s, reordered)).toEqual(numbers(s, responses));
        }),
      );
    }
  });

  it('raising a deduction count never raises the score', () => {
    for (const s of [PANJIN_2024_COUNTY, PANJIN_2024_DEPARTMENT]) {
      const deductions = [...walkRules(s)].map((x) => x.rule).filter((r) => (r.kind === 'occurrence' || r.kind === 'lag') && r.direction === 'deduct');
      fc.assert(
        fc.property(responsesArb(s), fc.constantFrom(...deductions), fc.integer({ min: 1, max: 10 }), (responses, rule, more) => {
          const before = scoreAssessment(s, responses).total;
          const next: Responses = { ...responses };
          if (rule.kind === 'occurrence') {
            const cur = responses[rule.id];
            next[rule.id] = { count: (cur && 'count' in cur ? cur.count : 0) + more };
          } else {
            const cur = responses[rule.id];
            const items = cur && 'items' in cur ? cur.items : [];
            next[rule.id] = { items: [...items, ...Array.from({ length: more }, () => ({ label: '新增', from: '2024-01-02', to: '2024-06-30' }))] };
          }
          expect(scoreAssessment(s, next).total).toBeLessThanOrEqual(before);
        }),
      );
    }
  });
});
