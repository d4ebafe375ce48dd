/**
 * Which rule of the round's frozen scheme a check's result feeds: the rules a
 * check can feed, a sensible first choice by the rule's wording, and the
 * response written for a count.
 */
import { walkRules, type FixedRule, type LagRule, type OccurrenceRule, type Scheme } from '../../../shared/scheme/model';
import { ruleExplanationTemplate } from '../../../shared/scoring/explain';
import type { LagItem, RuleResponse } from '../../../shared/scoring/responses';
import type { FeedSlot } from './types';

export type FeedableRule = FixedRule | OccurrenceRule | LagRule;

export interface RuleOption {
  rule: FeedableRule;
  ruleId: string;
  indicatorId: string;
  indicatorTitle: string;
  sectionTitle: string;
  /** e.g. 主动公开事项目录未按统一标准编制（每家减0.05分） */
  label: string;
}

/**
 * Rules a check can feed: fixed, per-occurrence and time-limit rules. Rules fed
 * by the findings (整改) are left out: their counts come from the findings.
 */
export function feedableRules(scheme: Scheme): RuleOption[] {
  const out: RuleOption[] = [];
  for (const { section, indicator, rule } of walkRules(scheme)) {
    if (rule.kind !== 'fixed' && rule.kind !== 'occurrence' && rule.kind !== 'lag') continue;
    if (rule.kind === 'occurrence' && rule.feed) continue;
    out.push({
      rule,
      ruleId: rule.id,
      indicatorId: indicator.id,
      indicatorTitle: indicator.title,
      sectionTitle: section.title,
      label: `${rule.text}（${ruleExplanationTemplate(rule)}）`,
    });
  }
  return out;
}

/** Rules offered for a slot: time-limit rules only make sense for the timeliness lists. */
export function rulesForSlot(options: readonly RuleOption[], slot: FeedSlot): RuleOption[] {
  const timeliness = slot === 'interpretation' || slot === 'submission';
  return options.filter((o) => timeliness || o.rule.kind !== 'lag');
}

interface Keyword {
  word: string | RegExp;
  weight: number;
}

/** Words that identify the rule of each slot in a scheme's wording; the first is required. */
const KEYWORDS: Record<FeedSlot, { required: (string | RegExp)[]; bonus: Keyword[]; penalty: Keyword[]; preferLag?: boolean }> = {
  catalogue: {
    required: ['目录'],
    bonus: [{ word: /标准|规范/, weight: 3 }, { word: '编制', weight: 1 }],
    penalty: [{ word: /指导|监督|部门未编制|未编制本/, weight: 2 }],
  },
  'ledger.missing': {
    required: [/未及时更新|未公开|更新不及时/],
    bonus: [{ word: /规范性文件|现行有效/, weight: 2 }],
    penalty: [{ word: /目录|解读/, weight: 4 }],
  },
  'ledger.inconsistent': {
    required: [/不一致|不相符|不符/],
    bonus: [{ word: '台账', weight: 3 }, { word: /规范性文件|网站/, weight: 1 }],
    penalty: [{ word: /目录|解读/, weight: 4 }],
  },
  'ledger.unmarked': {
    required: [/标注|标明/],
    bonus: [{ word: /废止|失效|修改/, weight: 3 }],
    penalty: [{ word: /目录|解读/, weight: 4 }],
  },
  interpretation: {
    required: ['解读'],
    bonus: [{ word: /超过|时限|日内|及时/, weight: 3 }, { word: '发布', weight: 1 }],
    penalty: [{ word: /质量|视频|返工|未对/, weight: 3 }],
    preferLag: true,
  },
  submission: {
    required: ['报送'],
    bonus: [{ word: /印发|超过|时限/, weight: 3 }],
    penalty: [{ word: /每月|未按要求/, weight: 2 }],
    preferLag: true,
  },
};

function has(text: string, word: string | RegExp): boolean {
  return typeof word === 'string' ? text.includes(word) : word.test(text);
}

/** A first choice for a slot by the rules' wording, or null when no rule fits. */
export function suggestRule(options: readonly RuleOption[], slot: FeedSlot): string | null {
  const k = KEYWORDS[slot];
  let best: { id: string; score: number } | null = null;
  for (const o of rulesForSlot(options, slot)) {
    const text = o.rule.text;
    if (!k.required.every((w) => has(text, w))) continue;
    let score = 10;
    for (const b of k.bonus) if (has(text, b.word)) score += b.weight;
    for (const p of k.penalty) if (has(text, p.word)) score -= p.weight;
    if (k.preferLag && o.rule.kind === 'lag') score += 4;
    if (o.rule.direction === 'bonus') score -= 8;
    if (!best || score > best.score) best = { id: o.ruleId, score };
  }
  return best ? best.id : null;
}

/**
 * The remembered choice if it still names a rule offered for the slot (the
 * scheme may differ between rounds), else the suggestion. `undefined` in the
 * memory means "never chosen"; null means "chosen: feeds no rule".
 */
export function initialRule(options: readonly RuleOption[], slot: FeedSlot, remembered: string | null | undefined): string | null {
  if (remembered === null) return null;
  if (remembered && rulesForSlot(options, slot).some((o) => o.ruleId === remembered)) return remembered;
  return suggestRule(options, slot);
}

/** The response written into a rule for a count (and, for a time-limit rule, the documents checked). */
export function responseFor(rule: FeedableRule, count: number, lagItems: LagItem[] = []): RuleResponse {
  if (rule.kind === 'fixed') return { applies: count > 0 };
  if (rule.kind === 'occurrence') return { count };
  return { items: lagItems };
}

/** How the written response reads to the inspector. */
export function responseText(rule: FeedableRule, count: number, lagItems: number): string {
  if (rule.kind === 'fixed') return count > 0 ? '记为“存在该情形”' : '记为“不存在该情形”';
  if (rule.kind === 'occurrence') return `记为 ${count} ${rule.unit}`;
  return `写入 ${lagItems} 件文件的日期（超时 ${count} 件，由评分规则按方案时限计算）`;
}
