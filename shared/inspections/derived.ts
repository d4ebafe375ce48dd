import type { PhoneCallRow } from '../domain/inspections';
import type { BulletinRecord, ComplaintCase } from '../domain/year';
import { walkRules, type Scheme } from '../scheme/model';
import { feedRuleIds, withFeedCounts } from '../scoring/rectification';
import type { Responses, RuleResponse } from '../scoring/responses';
import { phoneResponseFromCalls } from './phoneCalls';
import { yearFeedCounts } from './yearRecords';

/**
 * Responses that are not typed in but derived from other records:
 * - every phone rule ← the 拨测 log (when at least one call is logged);
 * - the three 政务公开问题投诉 rules ← complaint cases (when given);
 * - the 通报为不合格 rule ← 通报 records (when given).
 * On-site findings derive nothing here: a finding is counted under the rule it
 * was recorded under, by the inspector (or offered by the year-end pre-fill).
 * A kind of record not given leaves the stored response of its rules as it is
 * (callers that do not load them read what the assessment screen stored).
 */
export interface DerivedResponses {
  responses: Responses;
  /** ruleId → the derived response, for the rules derived here. */
  derived: Map<string, RuleResponse>;
}

export interface DerivedSources {
  phoneCalls: readonly Pick<PhoneCallRow, 'quarter' | 'at' | 'answered' | 'correct' | 'deleted'>[];
  /** Accepted for compatibility and ignored: findings feed no derived rule. */
  findings?: readonly unknown[];
  complaintCases?: readonly Pick<
    ComplaintCase,
    'id' | 'receivedAt' | 'inquirySentAt' | 'replyDeadline' | 'repliedAt' | 'problemConfirmed' | 'rectificationRequiredAt' | 'rectified' | 'rectificationCheckedAt' | 'deleted'
  >[];
  bulletins?: readonly Pick<BulletinRecord, 'id' | 'date' | 'unqualified' | 'deleted'>[];
  /** Count year-long records up to this date (inclusive); null or absent: the whole year. */
  asOf?: string | null;
  /** ruleId → the inspector's override (year-end pre-fill, with a reason): it stands in place of what the records derive. */
  overrides?: ReadonlyMap<string, RuleResponse>;
}

export function phoneRuleIds(scheme: Scheme): string[] {
  const ids: string[] = [];
  for (const { rule } of walkRules(scheme)) if (rule.kind === 'phone') ids.push(rule.id);
  return ids;
}

export function withDerivedResponses(scheme: Scheme, stored: Responses, sources: DerivedSources): DerivedResponses {
  const derived = new Map<string, RuleResponse>();
  const phone = phoneResponseFromCalls(sources.phoneCalls);
  if (phone) for (const id of phoneRuleIds(scheme)) derived.set(id, phone);
  const fed = withFeedCounts(scheme, {}, yearFeedCounts(sources, sources.asOf ?? null));
  for (const [id, r] of Object.entries(fed)) derived.set(id, r);
  if (sources.overrides?.size) {
    const ids = derivedRuleIds(scheme);
    for (const [id, r] of sources.overrides) if (ids.has(id)) derived.set(id, r);
  }
  if (derived.size === 0) return { responses: stored, derived };
  const responses: Responses = { ...stored };
  for (const [id, r] of derived) responses[id] = r;
  return { responses, derived };
}

/** Rule ids whose response is derived rather than typed (fed rules and phone rules, always). */
export function derivedRuleIds(scheme: Scheme): Set<string> {
  const out = new Set<string>(phoneRuleIds(scheme));
  for (const id of Object.values(feedRuleIds(scheme))) if (id) out.add(id);
  return out;
}

/**
 * The overrides of derived rules among an assessment's pre-fill decisions
 * (ruleId → the inspector's response). A decision whose stored response
 * does not parse is left out (the records then count).
 */
export function derivedOverrides(decisions: readonly { ruleId: string; decision: string; response?: string | null }[]): Map<string, RuleResponse> {
  const out = new Map<string, RuleResponse>();
  for (const d of decisions) {
    if (d.decision !== 'overridden' || !d.response) continue;
    try {
      const r = JSON.parse(d.response) as unknown;
      if (r && typeof r === 'object' && 'count' in r && Number.isInteger((r as { count: unknown }).count) && (r as { count: number }).count >= 0) out.set(d.ruleId, { count: (r as { count: number }).count });
    } catch {
      // A damaged row: the records count.
    }
  }
  return out;
}
