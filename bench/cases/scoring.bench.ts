// Scores 200 targets with random but realistic responses against the full
// Panjin 2024 county scheme (30 rules: counts, fixed items, ranges, date lags,
// phone logs), as the summary sheet of a large inspection does.
import { createWorkCalendar, dateFromDayNumber, dayNumber } from '../../shared/calendar/workCalendar';
import { walkRules, type Rule } from '../../shared/scheme/model';
import { PANJIN_2024_COUNTY } from '../../shared/schemes';
import { QUARTERS, scoreAssessment, type Responses, type RuleResponse } from '../../shared/scoring';
import { medianMs, type BenchCase } from '../types';

/** Small deterministic PRNG (mulberry32) so every run scores the same data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function realisticResponse(rule: Rule, r: () => number): RuleResponse {
  const int = (n: number) => Math.floor(r() * n);
  const start = dayNumber('2024-01-02');
  switch (rule.kind) {
    case 'fixed':
      return { applies: r() < 0.1 };
    case 'occurrence':
      return { count: r() < 0.6 ? 0 : 1 + int(5) };
    case 'range':
      return r() < 0.7 ? { value: 0, reason: '' } : { value: rule.min + int((rule.max - rule.min) / 10 + 1) * 10, reason: '现场查看,有具体材料' };
    case 'lag':
      return {
        items: Array.from({ length: 3 + int(6) }, (_, n) => {
          const from = start + int(300);
          return { label: `关于做好第${n + 1}项重点工作的通知`, from: dateFromDayNumber(from), to: dateFromDayNumber(from + int(12)) };
        }),
      };
    case 'phone':
      return {
        quarters: QUARTERS.slice(0, 2 + int(3)).map((quarter, q) => ({
          quarter,
          calls: Array.from({ length: 2 + int(2) }, (_, c) => {
            const answered = r() < 0.8;
            return {
              at: `${dateFromDayNumber(dayNumber(`2024-${String(q * 3 + 1).padStart(2, '0')}-05`) + c * 7 + int(5))}T${String(9 + int(8)).padStart(2, '0')}:30`,
              answered,
              correct: answered ? r() < 0.9 : null,
            };
          }),
        })),
      };
    case 'weighted':
      return { awarded: int(rule.max + 1) };
    case 'rating':
      return { option: rule.options[int(rule.options.length)].label };
  }
}

export default {
  title: 'Scoring engine',
  async run() {
    const scheme = PANJIN_2024_COUNTY;
    const calendar = createWorkCalendar();
    const r = rng(20240722);
    const targets: Responses[] = Array.from({ length: 200 }, () => {
      const responses: Responses = {};
      for (const { rule } of walkRules(scheme)) if (r() < 0.85) responses[rule.id] = realisticResponse(rule, r);
      return responses;
    });
    let check = 0;
    const scoreAll = () => {
      for (const t of targets) check += scoreAssessment(scheme, t, { calendar }).total;
    };
    scoreAll(); // warm-up
    const ms = await medianMs(scoreAll, 9);
    if (!Number.isFinite(check)) throw new Error('scoring produced no totals');
    return { 'scoring.200targets.ms': { value: ms, unit: 'ms' } };
  },
} satisfies BenchCase;
