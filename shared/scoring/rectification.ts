import type { Scheme, RuleFeed, OccurrenceRule } from '../scheme/model';
import { walkRules } from '../scheme/model';
import type { Responses } from './responses';

/**
 * Rectification feeds the score. In Panjin 2024, 经核实确有问题并书面要求进行整改,每次减0.1分
 * and 未按要求进行整改,每次减0.3分 are ordinary occurrence rules marked with a `feed`
 * (rectificationRequired / notRectified); the findings feature counts findings
 * and writes those counts into the responses with the functions below. Any
 * imported scheme can mark its own rules the same way.
 */
export interface RectificationRuleIds {
  rectificationRequired: string | null;
  notRectified: string | null;
}

export function rectificationRuleIds(scheme: Scheme): RectificationRuleIds {
  const out: RectificationRuleIds = { rectificationRequired: null, notRectified: null };
  for (const { rule } of walkRules(scheme)) {
    if (rule.kind === 'occurrence' && rule.feed) out[rule.feed] = rule.id;
  }
  return out;
}

export function feedRule(scheme: Scheme, feed: RuleFeed): OccurrenceRule | null {
  for (const { rule } of walkRules(scheme)) if (rule.kind === 'occurrence' && rule.feed === feed) return rule;
  return null;
}

export interface RectificationCounts {
  /** Findings confirmed and required in writing to be rectified. */
  rectificationRequired: number;
  /** Findings not rectified as required (回头看). */
  notRectified: number;
}

/**
 * Returns new responses with the counts of the scheme's rectification rules set
 * from findings. Rules the scheme does not have are skipped; other responses are
 * kept as they are.
 */
export function withRectificationCounts(scheme: Scheme, responses: Responses, counts: RectificationCounts): Responses {
  const ids = rectificationRuleIds(scheme);
  const next: Responses = { ...responses };
  for (const feed of ['rectificationRequired', 'notRectified'] as const) {
    const id = ids[feed];
    const count = counts[feed];
    if (!id) continue;
    if (!Number.isSafeInteger(count) || count < 0) throw new Error(`整改次数应为非负整数：${count}`);
    next[id] = { count };
  }
  return next;
}
