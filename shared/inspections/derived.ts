import type { Finding } from '../domain/findings';
import type { PhoneCallRow } from '../domain/inspections';
import { walkRules, type Scheme } from '../scheme/model';
import { withRectificationCounts, rectificationRuleIds } from '../scoring/rectification';
import type { Responses, RuleResponse } from '../scoring/responses';
import { phoneResponseFromCalls } from './phoneCalls';
import { rectificationCountsFromFindings } from './rectification';

/**
 * Responses that are not typed in but derived from other records:
 * - every phone rule ← the 拨测 log (when at least one call is logged);
 * - the rules marked `feed` ← the findings' rectification statuses (always).
 * Stored responses are kept for every other rule.
 */
export interface DerivedResponses {
  responses: Responses;
  /** ruleId → the derived response, for the rules derived here. */
  derived: Map<string, RuleResponse>;
}

export function phoneRuleIds(scheme: Scheme): string[] {
  const ids: string[] = [];
  for (const { rule } of walkRules(scheme)) if (rule.kind === 'phone') ids.push(rule.id);
  return ids;
}

export function withDerivedResponses(
  scheme: Scheme,
  stored: Responses,
  sources: { phoneCalls: readonly Pick<PhoneCallRow, 'quarter' | 'at' | 'answered' | 'correct' | 'deleted'>[]; findings: readonly Pick<Finding, 'status' | 'deleted'>[] },
): DerivedResponses {
  const derived = new Map<string, RuleResponse>();
  const phone = phoneResponseFromCalls(sources.phoneCalls);
  if (phone) for (const id of phoneRuleIds(scheme)) derived.set(id, phone);
  const fed = withRectificationCounts(scheme, {}, rectificationCountsFromFindings(sources.findings));
  for (const [id, r] of Object.entries(fed)) derived.set(id, r);
  if (derived.size === 0) return { responses: stored, derived };
  const responses: Responses = { ...stored };
  for (const [id, r] of derived) responses[id] = r;
  return { responses, derived };
}

/** Rule ids whose response is derived rather than typed (feed rules always; phone rules always, from the log). */
export function derivedRuleIds(scheme: Scheme): Set<string> {
  const ids = rectificationRuleIds(scheme);
  const out = new Set<string>(phoneRuleIds(scheme));
  if (ids.rectificationRequired) out.add(ids.rectificationRequired);
  if (ids.notRectified) out.add(ids.notRectified);
  return out;
}
