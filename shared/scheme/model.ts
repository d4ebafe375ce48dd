import { z } from 'zod';
import { TARGET_KINDS, type TargetKind } from '../domain/targets';
import { formatPoints, tryParsePoints, MAX_POINTS, type Points } from '../points/points';

/**
 * The assessment-scheme model (考核方案 / 实施细则): scheme → sections (节) →
 * indicators (考核指标) → rules (评分规则). All points are integer thousandths.
 * A scheme is data: built-ins and imported schemes use the same shape.
 */

export const RULE_KINDS = ['fixed', 'occurrence', 'range', 'lag', 'phone', 'weighted', 'rating'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** Names of the rule kinds as written in the Excel template (规则类型 column). */
export const RULE_KIND_LABELS: Record<RuleKind, string> = {
  fixed: '固定',
  occurrence: '按次',
  range: '视情况',
  lag: '时限',
  phone: '拨测',
  weighted: '百分制',
  rating: '评议',
};

export type Direction = 'deduct' | 'bonus';
export const DIRECTION_LABELS: Record<Direction, string> = { deduct: '减分', bonus: '加分' };

export const LAG_UNITS = ['calendarDays', 'workingDays', 'months'] as const;
export type LagLimitUnit = (typeof LAG_UNITS)[number];
export const LAG_UNIT_LABELS: Record<LagLimitUnit, string> = { calendarDays: '日', workingDays: '工作日', months: '月' };

/**
 * What a year-long record may feed into an occurrence rule's count. The three
 * 政务公开问题投诉 rules count complaint cases (意见箱来件 → 函询): replies not
 * on time (inquiryNotAnswered), problems confirmed and required in writing to be
 * rectified (rectificationRequired), and those not rectified as required
 * (notRectified). bulletinUnqualified counts 通报 records naming the unit's
 * website or new-media account 不合格. On-site findings feed none of these.
 */
export const RULE_FEEDS = ['rectificationRequired', 'notRectified', 'inquiryNotAnswered', 'bulletinUnqualified'] as const;
export type RuleFeed = (typeof RULE_FEEDS)[number];
export const RULE_FEED_LABELS: Record<RuleFeed, string> = {
  rectificationRequired: '整改要求',
  notRectified: '未整改',
  inquiryNotAnswered: '函询未及时回复',
  bulletinUnqualified: '通报不合格',
};

interface RuleBase {
  /** Stable id; the key of this rule's response. */
  id: string;
  /** The condition in the scheme's own words, e.g. 未编制本地区主动公开事项目录. */
  text: string;
  note: string;
}

/** 未编制…,减1分: applies or not. */
export interface FixedRule extends RuleBase {
  kind: 'fixed';
  direction: Direction;
  points: Points;
}

/** 每件减0.2分; 每件加0.02分(总加分不超过0.1分). */
export interface OccurrenceRule extends RuleBase {
  kind: 'occurrence';
  direction: Direction;
  points: Points;
  /** Counting word: 件, 家, 次 … */
  unit: string;
  /** Most this rule can deduct or add in total, or null. */
  cap: Points | null;
  feed: RuleFeed | null;
}

/** 视情况减0.1-2分: the inspector picks a value within [min, max] and gives a reason. */
export interface RangeRule extends RuleBase {
  kind: 'range';
  direction: Direction;
  min: Points;
  max: Points;
}

/** Per item, points when the gap between two dates exceeds the limit. */
export interface LagRule extends RuleBase {
  kind: 'lag';
  direction: Direction;
  points: Points;
  unit: string;
  /** Late when the gap is more than `limit` units (超过5日). */
  limit: number;
  limitUnit: LagLimitUnit;
  cap: Points | null;
  /** What the two dates are, e.g. 文件发布日期 / 解读发布日期. */
  fromLabel: string;
  toLabel: string;
  /** Word for the gap in explanations, e.g. 解读滞后. */
  lagLabel: string;
}

/** 拨测: per quarter all calls unanswered → unansweredPoints; each wrong answer → wrongAnswerPoints. Always a deduction. */
export interface PhoneRule extends RuleBase {
  kind: 'phone';
  unansweredPoints: Points;
  wrongAnswerPoints: Points;
  /** Calls expected per quarter (分2到3个不同时间段); fewer gives a warning. */
  minCalls: number;
  cap: Points | null;
}

/** 百分制 item: the inspector awards 0..max points. */
export interface WeightedRule extends RuleBase {
  kind: 'weighted';
  max: Points;
}

export interface RatingOption {
  label: string;
  points: Points;
}

/** Public evaluation: 满意 / 基本满意 / 不满意, each worth its points. */
export interface RatingRule extends RuleBase {
  kind: 'rating';
  options: RatingOption[];
}

export type Rule = FixedRule | OccurrenceRule | RangeRule | LagRule | PhoneRule | WeightedRule | RatingRule;

export interface Indicator {
  id: string;
  title: string;
  /** 考核内容, verbatim. */
  content: string;
  /** 考核方式, verbatim. */
  method: string;
  /** 评分方式, verbatim. */
  scoringText: string;
  /**
   * 指标满分. For a deduction indicator: it never loses more than this (扣完为止).
   * For an indicator with 百分制/评议 rules: its score stays within [0, weight].
   */
  weight: Points | null;
  /** Most the indicator's bonuses may add, or null. */
  bonusCap: Points | null;
  rules: Rule[];
}

export interface Section {
  id: string;
  title: string;
  deductionCap: Points | null;
  bonusCap: Points | null;
  indicators: Indicator[];
}

export interface SchemeTotals {
  /** Starting score: 0 for deduction schemes and for 百分制 schemes that add up awarded points. */
  base: Points;
  /** 最高减5分: total deductions are capped first … */
  deductionCap: Points | null;
  /** … then total bonuses … */
  bonusCap: Points | null;
  /** … then the net result is clamped to [min, max] (在减分框架内加分: max 0). */
  min: Points | null;
  max: Points | null;
}

export interface GradeBand {
  label: string;
  /** Lowest total in this band; null for the last band (everything below). */
  min: Points | null;
}

export interface Scheme {
  id: string;
  name: string;
  year: number;
  issuer: string;
  /** Where the rules come from (document title, issuer, date, section). */
  source: string;
  /** Increases with every edit; an inspection keeps a frozen copy of one version. */
  version: number;
  targetKinds: TargetKind[];
  builtin: boolean;
  description: string;
  /** Editorial notes, including every repair of garbled source text. */
  notes: string[];
  totals: SchemeTotals;
  grades: GradeBand[] | null;
  sections: Section[];
}

// ---------------------------------------------------------------------------
// zod schemas. The same structure validates the in-memory model (points as
// integer thousandths) and the JSON file (points as decimal text "0.05").

export type PointsSign = 'positive' | 'nonNegative' | 'any';
export type PointsEncoding = 'thousandths' | 'decimal';

const SIGN_MESSAGE: Record<PointsSign, string> = { positive: '应为正数', nonNegative: '不能为负数', any: '' };

function pointsField(encoding: PointsEncoding, sign: PointsSign): z.ZodType<number> {
  const base: z.ZodType<number> =
    encoding === 'thousandths'
      ? z.number().int().min(-MAX_POINTS).max(MAX_POINTS)
      : z.union([z.string(), z.number()]).transform((v, ctx) => {
          const r = tryParsePoints(v);
          if (!r.ok) {
            ctx.issues.push({ code: 'custom', message: r.message.replace(/^分值/, ''), input: v });
            return z.NEVER;
          }
          return r.value;
        });
  if (sign === 'positive') return base.refine((v) => v > 0, { message: SIGN_MESSAGE.positive });
  if (sign === 'nonNegative') return base.refine((v) => v >= 0, { message: SIGN_MESSAGE.nonNegative });
  return base;
}

const ID = z
  .string()
  .min(1, { message: '不能为空' })
  .max(80, { message: '不能超过80个字符' })
  .regex(/^[^\s]+$/, { message: '不能包含空格' });
const TEXT = z.string().min(1, { message: '不能为空' });
const FREE = z.string().default('');
const UNIT = z.string().min(1, { message: '不能为空' }).max(4, { message: '不能超过4个字' });
const DIRECTION = z.enum(['deduct', 'bonus']);

export function buildSchemeSchemas(encoding: PointsEncoding) {
  const pos = pointsField(encoding, 'positive');
  const nonNeg = pointsField(encoding, 'nonNegative');
  const any = pointsField(encoding, 'any');
  const optPos = pos.nullable().default(null);
  const optAny = any.nullable().default(null);

  const fixed = z.object({
    id: ID,
    kind: z.literal('fixed'),
    text: TEXT,
    direction: DIRECTION,
    points: pos,
    note: FREE,
  });
  const occurrence = z.object({
    id: ID,
    kind: z.literal('occurrence'),
    text: TEXT,
    direction: DIRECTION,
    points: pos,
    unit: UNIT.default('件'),
    cap: optPos,
    feed: z.enum(RULE_FEEDS).nullable().default(null),
    note: FREE,
  });
  const range = z.object({
    id: ID,
    kind: z.literal('range'),
    text: TEXT,
    direction: DIRECTION,
    min: pos,
    max: pos,
    note: FREE,
  });
  const lag = z.object({
    id: ID,
    kind: z.literal('lag'),
    text: TEXT,
    direction: DIRECTION.default('deduct'),
    points: pos,
    unit: UNIT.default('件'),
    limit: z.number().int().min(0, { message: '不能为负数' }).max(3650, { message: '过大' }),
    limitUnit: z.enum(LAG_UNITS),
    cap: optPos,
    fromLabel: z.string().default('起始日期'),
    toLabel: z.string().default('完成日期'),
    lagLabel: z.string().default('滞后'),
    note: FREE,
  });
  const phone = z.object({
    id: ID,
    kind: z.literal('phone'),
    text: TEXT,
    unansweredPoints: pos,
    wrongAnswerPoints: pos,
    minCalls: z.number().int().min(1, { message: '应不小于1' }).max(20, { message: '应不大于20' }).default(2),
    cap: optPos,
    note: FREE,
  });
  const weighted = z.object({
    id: ID,
    kind: z.literal('weighted'),
    text: TEXT,
    max: pos,
    note: FREE,
  });
  const rating = z.object({
    id: ID,
    kind: z.literal('rating'),
    text: TEXT,
    options: z
      .array(z.object({ label: TEXT, points: nonNeg }))
      .min(2, { message: '至少应有两个选项' }),
    note: FREE,
  });
  const rule = z.discriminatedUnion('kind', [fixed, occurrence, range, lag, phone, weighted, rating]);
  const indicator = z.object({
    id: ID,
    title: TEXT,
    content: FREE,
    method: FREE,
    scoringText: FREE,
    weight: optPos,
    bonusCap: optPos,
    rules: z.array(rule).min(1, { message: '至少应有一条规则' }),
  });
  const section = z.object({
    id: ID,
    title: TEXT,
    deductionCap: optPos,
    bonusCap: optPos,
    indicators: z.array(indicator).min(1, { message: '至少应有一项指标' }),
  });
  const totals = z.object({
    base: any.default(0),
    deductionCap: optPos,
    bonusCap: optPos,
    min: optAny,
    max: optAny,
  });
  const grade = z.object({ label: TEXT, min: optAny });
  const scheme = z
    .object({
      id: ID,
      name: TEXT,
      year: z.number().int().min(2000, { message: '应为2000年以后的年份' }).max(2100, { message: '应为2100年以前的年份' }),
      issuer: FREE,
      source: FREE,
      version: z.number().int().min(1, { message: '应为正整数' }).default(1),
      targetKinds: z.array(z.enum(TARGET_KINDS)).min(1, { message: '至少应选择一类被考核单位' }),
      builtin: z.boolean().default(false),
      description: FREE,
      notes: z.array(z.string()).default([]),
      totals: totals.default({ base: 0, deductionCap: null, bonusCap: null, min: null, max: null }),
      grades: z.array(grade).min(1, { message: '至少应有一个等次' }).nullable().default(null),
      sections: z.array(section).min(1, { message: '至少应有一节' }),
    })
    .superRefine((s, ctx) => checkScheme(s as Scheme, ctx));
  return { scheme, section, indicator, rule };
}

type Ctx = { addIssue(issue: { code: 'custom'; message: string; path: (string | number)[] }): void };

/** Cross-field checks that a field-by-field schema cannot express. */
function checkScheme(s: Scheme, ctx: Ctx): void {
  const add = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', message, path });
  const seen = new Map<string, string>();
  const claim = (id: string, path: (string | number)[], what: string) => {
    const prev = seen.get(id);
    if (prev) add([...path, 'id'], `「${id}」与${prev}重复`);
    else seen.set(id, what);
  };
  const feeds = new Set<string>();
  s.sections.forEach((sec, i) => {
    claim(sec.id, ['sections', i], `第${i + 1}节的编号`);
    sec.indicators.forEach((ind, j) => {
      const ip = ['sections', i, 'indicators', j];
      claim(ind.id, ip, `第${i + 1}节第${j + 1}项指标的编号`);
      let awardMax = 0;
      ind.rules.forEach((r, k) => {
        const rp = [...ip, 'rules', k];
        claim(r.id, rp, `第${i + 1}节第${j + 1}项指标第${k + 1}条规则的编号`);
        if (r.kind === 'range' && r.max < r.min) add([...rp, 'max'], '应不小于最小值');
        if (r.kind === 'occurrence' && r.feed) {
          if (feeds.has(r.feed)) add([...rp, 'feed'], `「${RULE_FEED_LABELS[r.feed]}」只能用于一条规则`);
          feeds.add(r.feed);
        }
        if (r.kind === 'occurrence' && r.cap !== null && r.cap < r.points) add([...rp, 'cap'], '应不小于每次分值');
        if (r.kind === 'lag' && r.cap !== null && r.cap < r.points) add([...rp, 'cap'], '应不小于每件分值');
        if (r.kind === 'weighted') awardMax += r.max;
        if (r.kind === 'rating') {
          const labels = new Set<string>();
          r.options.forEach((o, n) => {
            if (labels.has(o.label)) add([...rp, 'options', n, 'label'], `「${o.label}」重复`);
            labels.add(o.label);
          });
          awardMax += Math.max(...r.options.map((o) => o.points));
        }
      });
      const hasAward = ind.rules.some((r) => r.kind === 'weighted' || r.kind === 'rating');
      if (hasAward && ind.weight === null) add([...ip, 'weight'], '含百分制或评议规则的指标应填写指标满分');
      if (hasAward && ind.weight !== null && awardMax > ind.weight) {
        add([...ip, 'weight'], `小于各条规则满分之和（${formatPoints(awardMax)}分）`);
      }
    });
  });
  const t = s.totals;
  if (t.min !== null && t.max !== null && t.min > t.max) add(['totals', 'max'], '应不小于得分下限');
  if (s.grades) {
    const labels = new Set<string>();
    s.grades.forEach((g, n) => {
      if (labels.has(g.label)) add(['grades', n, 'label'], `「${g.label}」重复`);
      labels.add(g.label);
      const last = n === s.grades!.length - 1;
      if (last && g.min !== null) add(['grades', n, 'min'], '最后一个等次的下限应留空（低于上一等次即为该等次）');
      if (!last && g.min === null) add(['grades', n, 'min'], '不能为空（只有最后一个等次可以留空）');
      const prev = n > 0 ? s.grades![n - 1].min : null;
      if (n > 0 && g.min !== null && prev !== null && g.min >= prev) add(['grades', n, 'min'], '应低于上一等次的下限');
    });
  }
}

const MODEL = buildSchemeSchemas('thousandths');
/** Validates a scheme held in memory or in the database (points in thousandths). */
export const SchemeSchema = MODEL.scheme as unknown as z.ZodType<Scheme>;
export const RuleSchema = MODEL.rule as unknown as z.ZodType<Rule>;

// ---------------------------------------------------------------------------
// Helpers used across the scheme and scoring modules.

export function isAwardRule(rule: Rule): rule is WeightedRule | RatingRule {
  return rule.kind === 'weighted' || rule.kind === 'rating';
}

/** Every rule of a scheme with where it sits. */
export function* walkRules(scheme: Scheme): Generator<{ section: Section; indicator: Indicator; rule: Rule }> {
  for (const section of scheme.sections)
    for (const indicator of section.indicators) for (const rule of indicator.rules) yield { section, indicator, rule };
}

export function countRules(scheme: Scheme): number {
  let n = 0;
  for (const s of scheme.sections) for (const i of s.indicators) n += i.rules.length;
  return n;
}

export function findRule(scheme: Scheme, ruleId: string): Rule | undefined {
  for (const { rule } of walkRules(scheme)) if (rule.id === ruleId) return rule;
  return undefined;
}
