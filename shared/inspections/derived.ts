import type { PhoneCallRow } from '../domain/inspections';
import type { BulletinRecord, ComplaintCase } from '../domain/year';
import { walkRules, type Scheme } from '../scheme/model';
import { feedRuleIds, withFeedCounts } from '../scoring/rectification';
import type { Responses, RuleResponse } from '../scoring/responses';
import { applyPhoneOverride, isPhoneOverride, phoneResponseFromCalls, type PhoneOverride } from './phoneCalls';
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

/**
 * The inspector's override of a derived rule in the year-end pre-fill: a count
 * (complaint and 通报 rules), or for a 拨测 rule the judgment of the calls it
 * changes.
 */
export type DerivedOverride = { count: number } | PhoneOverride;

export interface DerivedSources {
  /** With ids, a 拨测 override can judge them. */
  phoneCalls: readonly (Pick<PhoneCallRow, 'quarter' | 'at' | 'answered' | 'correct' | 'deleted'> & { id?: string })[];
  /** Accepted for compatibility and ignored: findings feed no derived rule. */
  findings?: readonly unknown[];
  complaintCases?: readonly Pick<
    ComplaintCase,
    'id' | 'receivedAt' | 'inquirySentAt' | 'replyDeadline' | 'repliedAt' | 'problemConfirmed' | 'rectificationRequiredAt' | 'rectified' | 'rectificationCheckedAt' | 'deleted'
  >[];
  bulletins?: readonly Pick<BulletinRecord, 'id' | 'date' | 'unqualified' | 'deleted'>[];
  /** Count year-long records up to this date (inclusive); null or absent: the whole year. */
  asOf?: string | null;
  /**
   * ruleId → the inspector's override (year-end pre-fill, with a reason): a
   * count stands in place of what the records derive; a 拨测 override judges
   * the calls it names, and every other call counts as logged.
   */
  overrides?: ReadonlyMap<string, DerivedOverride>;
}

export function phoneRuleIds(scheme: Scheme): string[] {
  const ids: string[] = [];
  for (const { rule } of walkRules(scheme)) if (rule.kind === 'phone') ids.push(rule.id);
  return ids;
}

export function withDerivedResponses(scheme: Scheme, stored: Responses, sources: DerivedSources): DerivedResponses {
  const derived = new Map<string, RuleResponse>();
  const phoneIds = phoneRuleIds(scheme);
  const phone = phoneResponseFromCalls(sources.phoneCalls);
  for (const id of phoneIds) {
    const o = sources.overrides?.get(id);
    // Overridden, the rule is scored on the calls as judged; with every call left out it is answered with no deduction.
    if (o && isPhoneOverride(o)) derived.set(id, phoneResponseFromCalls(applyPhoneOverride(sources.phoneCalls, o)) ?? { quarters: [] });
    else if (phone) derived.set(id, phone);
  }
  const fed = withFeedCounts(scheme, {}, yearFeedCounts(sources, sources.asOf ?? null));
  for (const [id, r] of Object.entries(fed)) derived.set(id, r);
  if (sources.overrides?.size) {
    const ids = derivedRuleIds(scheme);
    for (const [id, r] of sources.overrides) if (ids.has(id) && 'count' in r && !phoneIds.includes(id)) derived.set(id, { count: r.count });
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

type DecisionLike = { assessmentId?: string; ruleId: string; decision: string; response?: string | null };

/** A pre-fill decision's stored override, or null when it is none or does not parse (the records then count). */
export function parseDerivedOverride(d: Pick<DecisionLike, 'decision' | 'response'>): DerivedOverride | null {
  if (d.decision !== 'overridden' || !d.response) return null;
  try {
    const r = JSON.parse(d.response) as unknown;
    if (isPhoneOverride(r)) return { calls: { ...r.calls } };
    if (r && typeof r === 'object' && 'count' in r && Number.isInteger((r as { count: unknown }).count) && (r as { count: number }).count >= 0) return { count: (r as { count: number }).count };
  } catch {
    // A damaged row: the records count.
  }
  return null;
}

/** The overrides of derived rules among an assessment's pre-fill decisions (ruleId → the inspector's override). */
export function derivedOverrides(decisions: readonly DecisionLike[]): Map<string, DerivedOverride> {
  const out = new Map<string, DerivedOverride>();
  for (const d of decisions) {
    const o = parseDerivedOverride(d);
    if (o) out.set(d.ruleId, o);
  }
  return out;
}

/** The same, for many assessments at once: assessmentId → ruleId → override (views that score several units). */
export function derivedOverridesByAssessment(decisions: readonly (DecisionLike & { assessmentId: string })[]): Map<string, Map<string, DerivedOverride>> {
  const out = new Map<string, Map<string, DerivedOverride>>();
  for (const d of decisions) {
    const o = parseDerivedOverride(d);
    if (!o) continue;
    let m = out.get(d.assessmentId);
    if (!m) out.set(d.assessmentId, (m = new Map()));
    m.set(d.ruleId, o);
  }
  return out;
}
