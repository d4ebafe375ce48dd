import type { Finding } from '../domain/findings';
import type { PhoneCallRow } from '../domain/inspections';
import type { BulletinRecord, ComplaintCase } from '../domain/year';
import { walkRules, type Scheme } from '../scheme/model';
import { feedRuleIds } from '../scoring/rectification';
import { scoreAssessment, type RuleResult } from '../scoring/engine';
import { QUARTER_LABELS, QUARTERS, type RuleResponse } from '../scoring/responses';
import { phoneRuleIds } from './derived';
import { applyPhoneOverride, phoneOverrideLines, phoneResponseFromCalls, type PhoneOverride } from './phoneCalls';
import { complaintFeeds, findingsByRule, unqualifiedBulletins } from './yearRecords';

/**
 * The year-end assessment pre-filled from the year (全年考核时,对照指标事项,逐项考核并评分):
 * every rule a year-long record feeds starts with the count or items the year
 * produced, each line citing its records, e.g.
 * 第二季度拨测 2 次均无人接听（5月10日、5月14日）. Pure; the inspector confirms
 * or overrides each offer with a reason. A record is cited under one rule only.
 */

export type PrefillSource = 'phone' | 'complaint' | 'bulletin' | 'finding';

export interface PrefillOffer {
  ruleId: string;
  indicatorId: string;
  source: PrefillSource;
  /** The response offered for the rule. */
  response: RuleResponse;
  /** How many the year produced (calls for a phone rule). */
  count: number;
  /** One line per record group, citing the records. */
  lines: string[];
  /** The records cited (ids), each under one rule only. */
  recordIds: string[];
  /** Derived rules follow their records (the inspector corrects the records); others take the offer as the rule's count. */
  derived: boolean;
}

export interface YearSources {
  phoneCalls: readonly Pick<PhoneCallRow, 'id' | 'quarter' | 'at' | 'answered' | 'correct' | 'deleted'>[];
  complaintCases: readonly ComplaintCase[];
  bulletins: readonly BulletinRecord[];
  /** Findings of every visit of the year to the unit (the year-end assessment's own included). */
  findings: readonly Pick<Finding, 'id' | 'ruleId' | 'inspectionId' | 'description' | 'deleted' | 'status'>[];
  /** inspectionId → round title, for citing findings. */
  roundTitles: ReadonlyMap<string, string>;
}

/** 2024-05-10… → 5月10日 */
export function monthDay(date: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})/.exec(date);
  return m ? `${Number(m[1])}月${Number(m[2])}日` : date;
}

function quote(text: string, max = 30): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return `“${t.length > max ? `${t.slice(0, max)}…` : t}”`;
}

/** One line per quarter with a call, citing the dates. */
export function phoneLines(calls: YearSources['phoneCalls']): string[] {
  const live = calls.filter((c) => c.deleted !== 1);
  const out: string[] = [];
  for (const q of QUARTERS) {
    const inQ = live.filter((c) => c.quarter === q).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    if (inQ.length === 0) continue;
    const answered = inQ.filter((c) => c.answered);
    const wrong = answered.filter((c) => c.correct === false);
    const dates = (list: typeof inQ) => list.map((c) => monthDay(c.at)).join('、');
    if (answered.length === 0) out.push(`${QUARTER_LABELS[q]}拨测 ${inQ.length} 次均无人接听（${dates(inQ)}）`);
    else if (wrong.length > 0) out.push(`${QUARTER_LABELS[q]}拨测 ${inQ.length} 次，接听 ${answered.length} 次，其中回答存在明显问题 ${wrong.length} 次（${dates(wrong)}）`);
    else out.push(`${QUARTER_LABELS[q]}拨测 ${inQ.length} 次，接听 ${answered.length} 次，回答无明显问题（${dates(inQ)}）`);
  }
  return out;
}

export function prefillYearEnd(scheme: Scheme, sources: YearSources): PrefillOffer[] {
  const indicatorOf = new Map<string, string>();
  for (const { indicator, rule } of walkRules(scheme)) indicatorOf.set(rule.id, indicator.id);
  const offers: PrefillOffer[] = [];
  const add = (o: Omit<PrefillOffer, 'indicatorId'>) => offers.push({ ...o, indicatorId: indicatorOf.get(o.ruleId) ?? '' });

  // 拨测: the whole year's calls, quarter by quarter.
  const phone = phoneResponseFromCalls(sources.phoneCalls);
  if (phone) {
    const ids = sources.phoneCalls.filter((c) => c.deleted !== 1).map((c) => c.id);
    for (const ruleId of phoneRuleIds(scheme)) add({ ruleId, source: 'phone', response: phone, count: ids.length, lines: phoneLines(sources.phoneCalls), recordIds: ids, derived: true });
  }

  // Complaint cases: only the three complaint rules.
  const feeds = feedRuleIds(scheme);
  const cases = new Map(sources.complaintCases.map((c) => [c.id, c]));
  const cf = complaintFeeds(sources.complaintCases);
  const caseLine = (head: string, ids: string[], detail: (c: ComplaintCase) => string) =>
    `${head} ${ids.length} 次：${ids.map((id) => `${quote(cases.get(id)!.summary)}（${detail(cases.get(id)!)}）`).join('；')}`;
  const complaintRules: [string | null, string[], string, (c: ComplaintCase) => string][] = [
    [
      feeds.inquiryNotAnswered,
      cf.inquiryNotAnswered,
      '函询未及时回复',
      (c) => `${monthDay(c.receivedAt)}来件，回复期限${monthDay(c.replyDeadline ?? '')}，${c.repliedAt ? `${monthDay(c.repliedAt)}回复` : '未回复'}`,
    ],
    [feeds.rectificationRequired, cf.rectificationRequired, '经核实确有问题并书面要求整改', (c) => `${monthDay(c.rectificationRequiredAt ?? '')}书面要求整改`],
    [
      feeds.notRectified,
      cf.notRectified,
      '未按要求整改',
      (c) => `整改期限${monthDay(c.rectificationDeadline ?? c.rectificationRequiredAt ?? '')}${c.rectificationCheckedAt ? `，${monthDay(c.rectificationCheckedAt)}核查未整改` : '，未整改'}`,
    ],
  ];
  for (const [ruleId, ids, head, detail] of complaintRules) {
    if (!ruleId) continue;
    add({ ruleId, source: 'complaint', response: { count: ids.length }, count: ids.length, lines: ids.length ? [caseLine(head, ids, detail)] : ['本年度无此类投诉件'], recordIds: ids, derived: true });
  }

  // 通报为不合格.
  if (feeds.bulletinUnqualified) {
    const byId = new Map(sources.bulletins.map((b) => [b.id, b]));
    const ids = unqualifiedBulletins(sources.bulletins);
    const line = ids.length
      ? `被通报为不合格 ${ids.length} 次：${ids.map((id) => `${byId.get(id)!.number}（${monthDay(byId.get(id)!.date)}，${byId.get(id)!.subject}）`).join('；')}`
      : '本年度无通报为不合格的记录';
    add({ ruleId: feeds.bulletinUnqualified, source: 'bulletin', response: { count: ids.length }, count: ids.length, lines: [line], recordIds: ids, derived: true });
  }

  // On-site findings: each under the one rule it was recorded under.
  for (const [ruleId, list] of findingsByRule(scheme, sources.findings)) {
    const byRound = new Map<string, typeof list>();
    for (const f of list) byRound.set(f.inspectionId, [...(byRound.get(f.inspectionId) ?? []), f]);
    const lines = [...byRound].map(([rid, fs]) => `${sources.roundTitles.get(rid) ?? '现场检查'}发现 ${fs.length} 件：${fs.map((f) => `${quote(f.description)}（${f.status}）`).join('、')}`);
    add({ ruleId, source: 'finding', response: { count: list.length }, count: list.length, lines, recordIds: list.map((f) => f.id), derived: false });
  }
  return offers;
}

/** The stored responses with every offer laid over (what the year-end score starts from). */
export function applyOffers(stored: Readonly<Record<string, RuleResponse>>, offers: readonly PrefillOffer[]): Record<string, RuleResponse> {
  const out: Record<string, RuleResponse> = { ...stored };
  for (const o of offers) out[o.ruleId] = o.response;
  return out;
}

/** One rule scored on its own, as the year-end score counts it. */
function ruleResult(scheme: Scheme, ruleId: string, response: RuleResponse): RuleResult | null {
  for (const i of scoreAssessment(scheme, { [ruleId]: response }).indicators) for (const r of i.rules) if (r.ruleId === ruleId) return r;
  return null;
}

export interface PhoneOverridePreview {
  /** The response the rule is scored on under the override (every call left out: answered with no deduction). */
  response: RuleResponse;
  /** The rule's points from the records and under the override (signed thousandths). */
  recorded: RuleResult | null;
  overridden: RuleResult | null;
  /** One line per call the override changes. */
  lines: string[];
}

/**
 * What a 拨测 override does to its rule, for the inspector to see before
 * saving and beside the decision afterwards: the same calls and the same
 * engine as the year-end score, so the points shown are the points counted.
 */
export function phoneOverridePreview(scheme: Scheme, ruleId: string, calls: YearSources['phoneCalls'], override: PhoneOverride): PhoneOverridePreview {
  const response = phoneResponseFromCalls(applyPhoneOverride(calls, override)) ?? { quarters: [] };
  return {
    response,
    recorded: ruleResult(scheme, ruleId, phoneResponseFromCalls(calls) ?? { quarters: [] }),
    overridden: ruleResult(scheme, ruleId, response),
    lines: phoneOverrideLines(calls, override),
  };
}
