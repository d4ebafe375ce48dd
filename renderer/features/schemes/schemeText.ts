import { formatPoints, tryParsePoints, type Points } from '../../../shared/points/points';
import { RULE_FEED_LABELS, RULE_KIND_LABELS, type GradeBand, type Rule, type Scheme } from '../../../shared/scheme/model';
import { lagLimitText } from '../../../shared/scoring/explain';

/** Counts shown in the list and in import previews. */
export function schemeCounts(scheme: Scheme): { sections: number; indicators: number; rules: number } {
  let indicators = 0;
  let rules = 0;
  for (const s of scheme.sections) {
    indicators += s.indicators.length;
    for (const i of s.indicators) rules += i.rules.length;
  }
  return { sections: scheme.sections.length, indicators, rules };
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 20 → 二十 (enough for section numbers). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n];
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  return String(n);
}

export const pts = (p: Points) => `${formatPoints(p)}分`;

/** 最高减5分 / 不限 */
export function capText(cap: Points | null, what: '减分' | '加分'): string {
  return cap === null ? '不限' : `最高${what === '减分' ? '减' : '加'}${formatPoints(cap)}分`;
}

/** 净得分范围: −5 分 至 0 分 / 不低于 0 分 / 不限. */
export function rangeText(min: Points | null, max: Points | null): string {
  if (min === null && max === null) return '不限';
  if (min === null) return `不高于 ${formatPoints(max!)} 分`;
  if (max === null) return `不低于 ${formatPoints(min)} 分`;
  return `${formatPoints(min)} 分 至 ${formatPoints(max)} 分`;
}

/** 优秀：90分及以上 … 不合格：低于60分. */
export function gradeTexts(grades: GradeBand[]): string[] {
  return grades.map((g, i) => {
    if (g.min !== null) {
      const upper = i > 0 ? grades[i - 1].min : null;
      return upper === null ? `${g.label}：${formatPoints(g.min)}分及以上` : `${g.label}：${formatPoints(g.min)}分（含）至${formatPoints(upper)}分`;
    }
    const prev = i > 0 ? grades[i - 1].min : null;
    return prev === null ? `${g.label}` : `${g.label}：低于${formatPoints(prev)}分`;
  });
}

/** Extra facts about a rule beyond its one-line template (dates, feeds, calls). */
export function ruleDetails(rule: Rule): string[] {
  const out: string[] = [];
  if (rule.kind === 'lag') {
    out.push(`比较「${rule.fromLabel}」与「${rule.toLabel}」，超过${lagLimitText(rule.limit, rule.limitUnit)}为滞后`);
  }
  if (rule.kind === 'phone') out.push(`每季度应拨测不少于${rule.minCalls}次`);
  if (rule.kind === 'occurrence' && rule.feed) out.push(`次数由问题整改记录自动计入（${RULE_FEED_LABELS[rule.feed]}）`);
  if (rule.note) out.push(rule.note);
  return out;
}

export const KIND_LABEL = RULE_KIND_LABELS;

export const KIND_COLORS: Record<Rule['kind'], string> = {
  fixed: 'volcano',
  occurrence: 'orange',
  range: 'gold',
  lag: 'purple',
  phone: 'geekblue',
  weighted: 'green',
  rating: 'cyan',
};

const AMOUNT_FIELDS = ['points', 'cap', 'min', 'max', 'unansweredPoints', 'wrongAnswerPoints'] as const;

/** A stored point value (thousandths) or a typed one (decimal text) as thousandths, or null. */
function amountOf(v: unknown): Points | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : null;
  if (typeof v === 'string' && v.trim()) {
    const p = tryParsePoints(v);
    return p.ok ? p.value : null;
  }
  return null;
}

/**
 * The amounts (…分) that an indicator's 评分方式（原文表述） names but none of
 * its rules, its 指标满分 or its 加分上限 uses: after a copy's rule was changed
 * from 减1分 to 减0.8分, the source wording still says 减1分 → ['1'].
 */
export function scoringTextMismatch(indicator: { scoringText: string; weight: unknown; bonusCap: unknown; rules: readonly object[] }): string[] {
  const used = new Set<Points>();
  const add = (v: unknown) => {
    const p = amountOf(v);
    if (p !== null) used.add(p);
  };
  add(indicator.weight);
  add(indicator.bonusCap);
  for (const rule of indicator.rules) {
    const r = rule as Record<string, unknown>;
    for (const f of AMOUNT_FIELDS) add(r[f]);
    if (Array.isArray(r.options)) for (const o of r.options) add((o as { points?: unknown }).points);
  }
  const out: string[] = [];
  const text = indicator.scoringText.normalize('NFKC');
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(?:\s*[-~至到]\s*(\d+(?:\.\d+)?))?\s*分/g)) {
    for (const n of [m[1], m[2]]) {
      if (n === undefined) continue;
      const p = amountOf(n);
      if (p !== null && !used.has(p) && !out.includes(formatPoints(p))) out.push(formatPoints(p));
    }
  }
  return out;
}
