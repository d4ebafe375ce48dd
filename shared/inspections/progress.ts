import type { Indicator, Rule, Scheme } from '../scheme/model';
import type { ScoreResult } from '../scoring/engine';
import type { RuleResponse } from '../scoring/responses';

/**
 * Progress of one assessment. An indicator counts as answered when every one of
 * its rules has a usable response (including "not found": 否, 0件, 不适用);
 * rules fed by findings or phone logs count as answered once derived.
 */
export interface AssessmentProgress {
  answeredIndicators: number;
  totalIndicators: number;
  /** Indicators with some but not all rules answered. */
  partialIndicators: number;
  answeredRules: number;
  totalRules: number;
  /** 0..100, by indicators. */
  percent: number;
}

export function progressFromResult(result: Pick<ScoreResult, 'indicators'>): AssessmentProgress {
  let answeredIndicators = 0;
  let partialIndicators = 0;
  let answeredRules = 0;
  let totalRules = 0;
  for (const ind of result.indicators) {
    answeredRules += ind.answered;
    totalRules += ind.totalRules;
    if (ind.answered === ind.totalRules) answeredIndicators++;
    else if (ind.answered > 0) partialIndicators++;
  }
  const totalIndicators = result.indicators.length;
  return {
    answeredIndicators,
    totalIndicators,
    partialIndicators,
    answeredRules,
    totalRules,
    percent: totalIndicators === 0 ? 0 : Math.floor((answeredIndicators * 100) / totalIndicators),
  };
}

/**
 * The response meaning "nothing found" for a rule (本项无问题), or null where
 * no neutral answer exists (百分制 and 评议 need a real value).
 */
export function noProblemResponse(rule: Rule): RuleResponse | null {
  switch (rule.kind) {
    case 'fixed':
      return { applies: false };
    case 'occurrence':
      return { count: 0 };
    case 'range':
      return { value: 0, reason: '' };
    case 'lag':
      return { items: [] };
    case 'phone':
      return { quarters: [] };
    case 'weighted':
    case 'rating':
      return null;
  }
}

/** Every indicator of a scheme in order, with its section title. */
export function indicatorsInOrder(scheme: Scheme): { sectionId: string; sectionTitle: string; indicator: Indicator; number: number }[] {
  const out: { sectionId: string; sectionTitle: string; indicator: Indicator; number: number }[] = [];
  let n = 0;
  for (const s of scheme.sections) for (const indicator of s.indicators) out.push({ sectionId: s.id, sectionTitle: s.title, indicator, number: ++n });
  return out;
}
