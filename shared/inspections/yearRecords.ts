import type { Finding } from '../domain/findings';
import type { Inspection, PhoneCallRow } from '../domain/inspections';
import type { BulletinRecord, ComplaintCase } from '../domain/year';
import { walkRules, type Rule, type Scheme } from '../scheme/model';
import type { FeedCounts } from '../scoring/rectification';

/**
 * How the year-long records of a unit feed the scheme's rules:
 * - complaint cases feed only the three 政务公开问题投诉 rules (feeds
 *   inquiryNotAnswered, rectificationRequired, notRectified);
 * - 通报 records marked 不合格 feed only the rule marked bulletinUnqualified;
 * - an on-site finding feeds at most one rule: the rule it was recorded under,
 *   when that is a per-occurrence deduction not fed by year-long records.
 *   A 五统一 finding (checklist item only) feeds no rule: the walk-through
 *   suggests the hall bonus instead, so it never both earns and costs points.
 *
 * `asOf` (an ISO date, inclusive) limits the records to what a round could
 * know: a mid-year round counts what happened by its end date; null counts the
 * whole year.
 */

type CaseLike = Pick<
  ComplaintCase,
  'id' | 'receivedAt' | 'inquirySentAt' | 'replyDeadline' | 'repliedAt' | 'problemConfirmed' | 'rectificationRequiredAt' | 'rectified' | 'rectificationCheckedAt' | 'deleted'
>;

function onOrBefore(date: string | null, asOf: string | null): boolean {
  return date !== null && (asOf === null || date <= asOf);
}

/** The reply to a 函询 was late: after the deadline, or still missing once the deadline has passed. */
export function replyLate(c: Pick<CaseLike, 'inquirySentAt' | 'replyDeadline' | 'repliedAt'>, asOf: string | null): boolean {
  if (!c.inquirySentAt || !c.replyDeadline || !onOrBefore(c.inquirySentAt, asOf)) return false;
  if (onOrBefore(c.repliedAt, asOf)) return c.repliedAt! > c.replyDeadline;
  return asOf !== null ? c.replyDeadline < asOf : c.repliedAt === null;
}

export function requiredInWriting(c: Pick<CaseLike, 'problemConfirmed' | 'rectificationRequiredAt'>, asOf: string | null): boolean {
  return c.problemConfirmed === true && onOrBefore(c.rectificationRequiredAt, asOf);
}

export function notRectified(c: Pick<CaseLike, 'problemConfirmed' | 'rectificationRequiredAt' | 'rectified' | 'rectificationCheckedAt'>, asOf: string | null): boolean {
  return requiredInWriting(c, asOf) && c.rectified === false && (c.rectificationCheckedAt === null || onOrBefore(c.rectificationCheckedAt, asOf));
}

export interface ComplaintFeeds {
  inquiryNotAnswered: string[];
  rectificationRequired: string[];
  notRectified: string[];
}

/** The complaint cases (ids, in input order) each complaint rule counts. Deleted cases never count. */
export function complaintFeeds(cases: readonly CaseLike[], asOf: string | null = null): ComplaintFeeds {
  const out: ComplaintFeeds = { inquiryNotAnswered: [], rectificationRequired: [], notRectified: [] };
  for (const c of cases) {
    if (c.deleted === 1 || !onOrBefore(c.receivedAt, asOf)) continue;
    if (replyLate(c, asOf)) out.inquiryNotAnswered.push(c.id);
    if (requiredInWriting(c, asOf)) out.rectificationRequired.push(c.id);
    if (notRectified(c, asOf)) out.notRectified.push(c.id);
  }
  return out;
}

type BulletinLike = Pick<BulletinRecord, 'id' | 'date' | 'unqualified' | 'deleted'>;

/** 通报 records that name the unit 不合格 (ids). */
export function unqualifiedBulletins(bulletins: readonly BulletinLike[], asOf: string | null = null): string[] {
  return bulletins.filter((b) => b.deleted !== 1 && b.unqualified && onOrBefore(b.date, asOf)).map((b) => b.id);
}

/** Counts for withFeedCounts from the year-long records given (a kind of record not given is not fed). */
export function yearFeedCounts(sources: { complaintCases?: readonly CaseLike[]; bulletins?: readonly BulletinLike[] }, asOf: string | null = null): FeedCounts {
  const counts: FeedCounts = {};
  if (sources.complaintCases) {
    const f = complaintFeeds(sources.complaintCases, asOf);
    counts.inquiryNotAnswered = f.inquiryNotAnswered.length;
    counts.rectificationRequired = f.rectificationRequired.length;
    counts.notRectified = f.notRectified.length;
  }
  if (sources.bulletins) counts.bulletinUnqualified = unqualifiedBulletins(sources.bulletins, asOf).length;
  return counts;
}

/** The rule an on-site finding counts under, or null: at most one rule, the one it was recorded under. */
export function findingRule(scheme: Scheme, finding: Pick<Finding, 'ruleId'>, rules: ReadonlyMap<string, Rule> = rulesById(scheme)): string | null {
  if (!finding.ruleId) return null;
  const rule = rules.get(finding.ruleId);
  if (!rule || rule.kind !== 'occurrence' || rule.feed || rule.direction !== 'deduct') return null;
  return rule.id;
}

export function rulesById(scheme: Scheme): Map<string, Rule> {
  const m = new Map<string, Rule>();
  for (const { rule } of walkRules(scheme)) m.set(rule.id, rule);
  return m;
}

/** ruleId → the findings (live ones) that count under it; each finding appears under one rule at most. */
export function findingsByRule<F extends Pick<Finding, 'ruleId' | 'deleted'>>(scheme: Scheme, findings: readonly F[]): Map<string, F[]> {
  const rules = rulesById(scheme);
  const out = new Map<string, F[]>();
  for (const f of findings) {
    if (f.deleted === 1) continue;
    const id = findingRule(scheme, f, rules);
    if (!id) continue;
    const list = out.get(id);
    if (list) list.push(f);
    else out.set(id, [f]);
  }
  return out;
}

/**
 * The date up to which a round counts year-long records: its end date, or
 * null (the whole year) for the year-end assessment.
 */
export function roundAsOf(inspection: Pick<Inspection, 'kind' | 'endDate'>): string | null {
  return inspection.kind === '年终考核' ? null : inspection.endDate || null;
}

/**
 * The 拨测 calls a round's phone rule counts for one assessment: the calls
 * logged in that assessment; for the year-end assessment every call of the
 * unit's year (拨测 is quarterly and independent of visits).
 */
export function callsCountedBy<C extends Pick<PhoneCallRow, 'assessmentId' | 'targetId' | 'year' | 'deleted'>>(
  inspection: Pick<Inspection, 'kind' | 'year'>,
  assessment: { id: string; targetId: string },
  calls: readonly C[],
): C[] {
  if (inspection.kind === '年终考核') return calls.filter((c) => c.deleted !== 1 && c.targetId === assessment.targetId && c.year === inspection.year);
  return calls.filter((c) => c.deleted !== 1 && c.assessmentId === assessment.id);
}
