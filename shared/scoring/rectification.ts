import type { Scheme, RuleFeed, OccurrenceRule } from '../scheme/model';
import { RULE_FEEDS, walkRules } from '../scheme/model';
import type { Responses } from './responses';

/**
 * Year-long records feed the score. In Panjin 2024 the three 政务公开问题投诉
 * rules (未对函询进行及时回复 每次减0.5分; 经核实确有问题并书面要求进行整改 每次减0.1分;
 * 未按要求进行整改 每次减0.3分) count complaint cases, and 政府网站和政务新媒体被通报为
 * 不合格 每次减0.1分 counts 通报 records. Those are ordinary occurrence rules
 * marked with a `feed`; shared/inspections counts the records and writes the
 * counts into the responses with the functions below. Any imported scheme can
 * mark its own rules the same way. On-site findings never feed these rules.
 */
export interface RectificationRuleIds {
  rectificationRequired: string | null;
  notRectified: string | null;
}

export type FeedRuleIds = Record<RuleFeed, string | null>;

/** The rule each feed goes into (the first one marked with it), or null. */
export function feedRuleIds(scheme: Scheme): FeedRuleIds {
  const out = Object.fromEntries(RULE_FEEDS.map((f) => [f, null])) as FeedRuleIds;
  for (const { rule } of walkRules(scheme)) if (rule.kind === 'occurrence' && rule.feed && out[rule.feed] === null) out[rule.feed] = rule.id;
  return out;
}

export function rectificationRuleIds(scheme: Scheme): RectificationRuleIds {
  const ids = feedRuleIds(scheme);
  return { rectificationRequired: ids.rectificationRequired, notRectified: ids.notRectified };
}

export function feedRule(scheme: Scheme, feed: RuleFeed): OccurrenceRule | null {
  for (const { rule } of walkRules(scheme)) if (rule.kind === 'occurrence' && rule.feed === feed) return rule;
  return null;
}

export interface RectificationCounts {
  /** Complaint cases confirmed and required in writing to be rectified. */
  rectificationRequired: number;
  /** Complaint cases not rectified as required. */
  notRectified: number;
}

export type FeedCounts = Partial<Record<RuleFeed, number>>;

/**
 * Returns new responses with the counts of the scheme's fed rules set. Feeds
 * absent from `counts` and rules the scheme does not have are skipped; other
 * responses are kept as they are.
 */
export function withFeedCounts(scheme: Scheme, responses: Responses, counts: FeedCounts): Responses {
  const ids = feedRuleIds(scheme);
  const next: Responses = { ...responses };
  for (const feed of RULE_FEEDS) {
    const id = ids[feed];
    const count = counts[feed];
    if (!id || count === undefined) continue;
    if (!Number.isSafeInteger(count) || count < 0) throw new Error(`计数应为非负整数：${count}`);
    next[id] = { count };
  }
  return next;
}

/** The two rectification feeds only (kept for callers that set just those). */
export function withRectificationCounts(scheme: Scheme, responses: Responses, counts: RectificationCounts): Responses {
  return withFeedCounts(scheme, responses, { rectificationRequired: counts.rectificationRequired, notRectified: counts.notRectified });
}
