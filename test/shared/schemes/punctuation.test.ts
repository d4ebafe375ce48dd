import { describe, expect, it } from 'vitest';
import type { Rule, Scheme } from '../../../shared/scheme/model';
import { summarizeChecklist } from '../../../shared/scheme/checklist';
import { BUILTIN_SCHEMES, FIVE_UNIFIED_CHECKLIST } from '../../../shared/schemes/index';
import { scoreAssessment } from '../../../shared/scoring/engine';
import { ruleExplanationTemplate } from '../../../shared/scoring/explain';
import type { Responses, RuleResponse } from '../../../shared/scoring/responses';

/** Half-width , ; : ( ) next to a Chinese character: what an official would not sign. */
const HALF_WIDTH_IN_CHINESE = /[\u3400-\u9fff“”《》][,;:()]|[,;:()][\u3400-\u9fff“”《》]/;

function strings(value: unknown, path: string, out: [string, string][]): [string, string][] {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, `${path}.${k}`, out);
  return out;
}

function offenders(entries: [string, string][]): string[] {
  return entries.filter(([, s]) => HALF_WIDTH_IN_CHINESE.test(s)).map(([p, s]) => `${p}: ${s}`);
}

/** A response for every rule that makes it produce explanation lines and warnings. */
function busyResponse(rule: Rule): RuleResponse {
  switch (rule.kind) {
    case 'fixed':
      return { applies: true };
    case 'occurrence':
      return { count: 99 };
    case 'range':
      return { value: '99', reason: '' };
    case 'lag':
      return { items: [{ label: '甲', from: '2024-01-01', to: '2024-12-31' }, { label: '乙', from: 'x', to: '2024-01-01' }, { label: '丙', from: '2024-03-01', to: '2024-02-01' }] };
    case 'phone':
      return {
        quarters: [
          { quarter: 'Q1', calls: [{ at: '2024-02-01T09:00', answered: false, correct: null }] },
          { quarter: 'Q2', calls: [{ at: '2024-05-01T09:00', answered: true, correct: false }, { at: '2024-05-02T15:00', answered: true, correct: false }] },
        ],
      };
    case 'weighted':
      return { awarded: '999' };
    case 'rating':
      return { option: '未列出的等次' };
  }
}

function allRules(scheme: Scheme): Rule[] {
  return scheme.sections.flatMap((s) => s.indicators.flatMap((i) => i.rules));
}

describe('built-in scheme texts use full-width Chinese punctuation', () => {
  it.each(BUILTIN_SCHEMES.map((s) => [s.name, s] as const))('%s: every string a person reads', (_name, scheme) => {
    expect(offenders(strings(scheme, 'scheme', []))).toEqual([]);
  });

  it('the 五统一 checklist and its summary line', () => {
    expect(offenders(strings(FIVE_UNIFIED_CHECKLIST, 'checklist', []))).toEqual([]);
    const summary = summarizeChecklist(FIVE_UNIFIED_CHECKLIST, {});
    expect(summary.line).toContain('；');
    expect(offenders([['line', summary.line]])).toEqual([]);
  });

  it.each(BUILTIN_SCHEMES.map((s) => [s.name, s] as const))('%s: rule templates and the engine’s explanation lines and warnings', (_name, scheme) => {
    const rules = allRules(scheme);
    const templates = rules.map((r): [string, string] => [r.id, ruleExplanationTemplate(r)]);
    const busy: Responses = Object.fromEntries(rules.map((r) => [r.id, busyResponse(r)]));
    // Ranges with a reason give the (理由：…) line; without, the warning.
    const withReason: Responses = Object.fromEntries(
      rules.filter((r) => r.kind === 'range').map((r) => [r.id, { value: '0.1', reason: '材料不全' }]),
    );
    const outputs: [string, string][] = [];
    for (const responses of [busy, withReason, { unknown: { count: 1 } } as Responses]) {
      const r = scoreAssessment(scheme, responses);
      outputs.push(...r.lines.map((l): [string, string] => ['total', l]));
      outputs.push(...r.warnings.map((w): [string, string] => ['warning', w.message]));
      for (const ind of r.indicators) outputs.push(...ind.lines.map((l): [string, string] => [ind.id, l]));
      for (const sec of r.sections) outputs.push(...sec.lines.map((l): [string, string] => [sec.id, l]));
    }
    expect(outputs.length).toBeGreaterThan(rules.length);
    expect(offenders([...templates, ...outputs])).toEqual([]);
    const reasonLine = outputs.find(([, l]) => l.includes('材料不全'));
    if (rules.some((r) => r.kind === 'range')) expect(reasonLine?.[1]).toMatch(/（理由：材料不全）$/);
  });
});
