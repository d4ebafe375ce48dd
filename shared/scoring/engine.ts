import { createWorkCalendar, lag as lagBetween, type WorkCalendar } from '../calendar/workCalendar';
import { formatPoints, formatSigned, mulPoints, tryParsePoints, type Points } from '../points/points';
import type {
  Indicator,
  LagRule,
  PhoneRule,
  RangeRule,
  Rule,
  RuleKind,
  Scheme,
  Section,
  WeightedRule,
  RatingRule,
  FixedRule,
  OccurrenceRule,
} from '../scheme/model';
import { capLine, lagAmountText, perItemLine, ruleExplanationTemplate, verb } from './explain';
import { QUARTER_LABELS, QUARTERS, type PhoneCall, type Quarter, type Responses } from './responses';

/**
 * The scoring engine: a pure function of (scheme, responses, calendar).
 *
 * Order of application (each level explained in Chinese lines):
 * 1. rule: its points (×count, per late item, per quarter/call …), then its own cap;
 * 2. indicator: deductions never exceed its weight (扣完为止), bonuses its bonus cap;
 *    an indicator with 百分制/评议 rules stays within [0, weight];
 * 3. section: its deduction and bonus caps;
 * 4. scheme: deductions capped first (最高减5分), then bonuses, then the net
 *    result base + awarded − deductions + bonuses is clamped to [min, max]
 *    (Panjin: [−5, 0], bonuses only inside the deduction frame).
 */

export interface ScoreOptions {
  /** Working-day calendar for lag rules counted in working days; defaults to the State Council arrangement. */
  calendar?: WorkCalendar;
}

export interface ScoreWarning {
  ruleId: string | null;
  indicatorId: string | null;
  message: string;
}

export interface RuleResult {
  ruleId: string;
  kind: RuleKind;
  text: string;
  /** ruleExplanationTemplate(rule), e.g. 每件减0.2分. */
  template: string;
  answered: boolean;
  /** Signed points before the rule's own cap (awarded points for 百分制/评议). */
  raw: Points;
  /** Signed points after the rule's cap. */
  points: Points;
  pointsText: string;
  lines: string[];
}

export interface IndicatorResult {
  id: string;
  sectionId: string;
  title: string;
  weight: Points | null;
  /** Deductions after the indicator's caps (a positive amount). */
  deductions: Points;
  bonuses: Points;
  /** Points awarded by 百分制/评议 rules. */
  awarded: Points;
  /** awarded − deductions + bonuses: what the indicator contributes before section and scheme caps. */
  points: Points;
  pointsText: string;
  answered: number;
  totalRules: number;
  /** The rule lines, each rule's first line prefixed with its text, then the indicator's cap lines. */
  lines: string[];
  rules: RuleResult[];
}

export interface SectionResult {
  id: string;
  title: string;
  deductions: Points;
  bonuses: Points;
  awarded: Points;
  points: Points;
  pointsText: string;
  answered: number;
  totalRules: number;
  lines: string[];
  indicatorIds: string[];
}

export interface ScoreResult {
  schemeId: string;
  schemeVersion: number;
  /** The final score (thousandths), after every cap and the clamp. */
  total: Points;
  totalText: string;
  /** Total deductions after caps, as a positive amount. */
  deductions: Points;
  deductionsText: string;
  /** Total bonuses after caps (before the clamp; see `adjustment`). */
  bonuses: Points;
  bonusesText: string;
  awarded: Points;
  awardedText: string;
  /** total − (base + awarded − deductions + bonuses): what the clamp took off or added (0 if none). */
  adjustment: Points;
  /** Grade label for graded schemes, else null. */
  grade: string | null;
  answered: number;
  totalRules: number;
  sections: SectionResult[];
  indicators: IndicatorResult[];
  /** Scheme-level lines: totals, caps, clamp. */
  lines: string[];
  warnings: ScoreWarning[];
}

let defaultCalendar: WorkCalendar | null = null;
function getDefaultCalendar(): WorkCalendar {
  defaultCalendar ??= createWorkCalendar();
  return defaultCalendar;
}

interface Ctx {
  calendar: WorkCalendar | undefined;
  warnings: ScoreWarning[];
  indicatorId: string;
}

interface Eval {
  answered: boolean;
  raw: Points;
  lines: string[];
  /** Sign of the rule's effect, for caps. */
  direction: 'deduct' | 'bonus' | 'award';
  cap: Points | null;
}

const NONE = (direction: Eval['direction']): Eval => ({ answered: false, raw: 0, lines: [], direction, cap: null });

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function warn(ctx: Ctx, rule: Rule, message: string): void {
  ctx.warnings.push({ ruleId: rule.id, indicatorId: ctx.indicatorId, message: `「${rule.text}」${message}` });
}

function signOf(direction: 'deduct' | 'bonus'): 1 | -1 {
  return direction === 'deduct' ? -1 : 1;
}

function parseValue(v: unknown): { ok: true; value: Points } | { ok: false; message: string } {
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) return { ok: false, message: `取值「${v}」无法识别（数值应以千分之一分为单位）` };
    return { ok: true, value: v };
  }
  if (typeof v === 'string') {
    const r = tryParsePoints(v);
    return r.ok ? r : { ok: false, message: r.message.replace(/^分值/, '取值') };
  }
  return { ok: false, message: '取值应为数字' };
}

function evalFixed(rule: FixedRule, resp: Record<string, unknown>, ctx: Ctx): Eval {
  if (typeof resp.applies !== 'boolean') {
    warn(ctx, rule, '的记录无法识别（应为“是/否”），按未评分处理');
    return NONE(rule.direction);
  }
  if (!resp.applies) return { answered: true, raw: 0, lines: [], direction: rule.direction, cap: null };
  return {
    answered: true,
    raw: signOf(rule.direction) * rule.points,
    lines: [`${verb(rule.direction)}${formatPoints(rule.points)}分`],
    direction: rule.direction,
    cap: null,
  };
}

const MAX_COUNT = 100_000;

function evalOccurrence(rule: OccurrenceRule, resp: Record<string, unknown>, ctx: Ctx): Eval {
  const count = resp.count;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0 || count > MAX_COUNT) {
    warn(ctx, rule, `的次数「${String(count)}」应为0到${MAX_COUNT}之间的整数，按未评分处理`);
    return NONE(rule.direction);
  }
  const raw = signOf(rule.direction) * mulPoints(rule.points, count);
  const lines = count === 0 ? [] : [perItemLine(rule.direction, rule.unit, rule.points, count, raw)];
  return { answered: true, raw, lines, direction: rule.direction, cap: rule.cap };
}

function evalRange(rule: RangeRule, resp: Record<string, unknown>, ctx: Ctx): Eval {
  const parsed = parseValue(resp.value);
  if (!parsed.ok) {
    warn(ctx, rule, `${parsed.message}，按未评分处理`);
    return NONE(rule.direction);
  }
  let value = parsed.value;
  if (value < 0) {
    warn(ctx, rule, `取值不能为负数（加减由规则决定），按未评分处理`);
    return NONE(rule.direction);
  }
  if (value === 0) return { answered: true, raw: 0, lines: [], direction: rule.direction, cap: null };
  const span = `${formatPoints(rule.min)}-${formatPoints(rule.max)}`;
  if (value < rule.min || value > rule.max) {
    const fixed = value < rule.min ? rule.min : rule.max;
    warn(ctx, rule, `取值 ${formatPoints(value)} 分超出 ${span} 分范围，按 ${formatPoints(fixed)} 分计`);
    value = fixed;
  }
  const reason = typeof resp.reason === 'string' ? resp.reason.trim() : '';
  if (!reason) warn(ctx, rule, '未填写理由（视情况扣分或加分须说明理由）');
  const raw = signOf(rule.direction) * value;
  const line = `视情况${verb(rule.direction)}${span}分，本次${verb(rule.direction)}${formatPoints(value)}分 = ${formatSigned(raw)}分${reason ? `（理由：${reason}）` : ''}`;
  return { answered: true, raw, lines: [line], direction: rule.direction, cap: null };
}

function addMonthsClamped(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a valid ISO date, or null; one parse per date (the hot path of lag rules). */
function dayOf(s: unknown): number | null {
  if (typeof s !== 'string') return null;
  const m = ISO_DATE.exec(s);
  if (!m) return null;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCDate() !== d || back.getUTCMonth() !== mo - 1) return null;
  return Math.round(t / 86_400_000);
}

function evalLag(rule: LagRule, resp: Record<string, unknown>, ctx: Ctx): Eval {
  if (!Array.isArray(resp.items)) {
    warn(ctx, rule, '的记录无法识别（应为文件清单），按未评分处理');
    return NONE(rule.direction);
  }
  let calendar: WorkCalendar | undefined;
  let covered: Set<number> | undefined;
  const uncovered = new Set<number>();
  const lateLines: string[] = [];
  let late = 0;
  resp.items.forEach((item: unknown, n: number) => {
    const label = isObject(item) && typeof item.label === 'string' && item.label.trim() ? item.label.trim() : `第${n + 1}件`;
    const title = label.startsWith('《') ? label : `《${label}》`;
    const a = isObject(item) ? dayOf(item.from) : null;
    const b = isObject(item) ? dayOf(item.to) : null;
    if (a === null || b === null) {
      warn(ctx, rule, `中${title}的${rule.fromLabel}或${rule.toLabel}不是有效日期（YYYY-MM-DD），未计入`);
      return;
    }
    const from = (item as { from: string }).from;
    const to = (item as { to: string }).to;
    if (b < a) {
      warn(ctx, rule, `中${title}的${rule.toLabel}早于${rule.fromLabel}，请核对`);
      return;
    }
    let isLate: boolean;
    let shown: string;
    if (rule.limitUnit === 'months') {
      isLate = to > addMonthsClamped(from, rule.limit);
      shown = lagAmountText(b - a, 'calendarDays');
    } else if (rule.limitUnit === 'calendarDays') {
      isLate = b - a > rule.limit;
      shown = lagAmountText(b - a, 'calendarDays');
    } else {
      calendar ??= ctx.calendar ?? getDefaultCalendar();
      covered ??= new Set(calendar.coveredYears());
      for (const y of [Number(from.slice(0, 4)), Number(to.slice(0, 4))]) if (!covered.has(y)) uncovered.add(y);
      const amount = lagBetween(from, to, 'workingDays', calendar);
      isLate = amount > rule.limit;
      shown = lagAmountText(amount, 'workingDays');
    }
    if (isLate) {
      late++;
      lateLines.push(`${title}${rule.lagLabel} ${shown}，超过 ${lagAmountText(rule.limit, rule.limitUnit)}`);
    }
  });
  for (const y of [...uncovered].sort()) {
    warn(ctx, rule, `涉及${y}年，工作日历未收录该年节假日安排，按周六、周日休息计算`);
  }
  const raw = signOf(rule.direction) * mulPoints(rule.points, late);
  const lines = late === 0 ? [] : [perItemLine(rule.direction, rule.unit, rule.points, late, raw), ...lateLines];
  return { answered: true, raw, lines, direction: rule.direction, cap: rule.cap };
}

const DATETIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/;

function evalPhone(rule: PhoneRule, resp: Record<string, unknown>, ctx: Ctx): Eval {
  if (!Array.isArray(resp.quarters)) {
    warn(ctx, rule, '的记录无法识别（应为按季度的拨测记录），按未评分处理');
    return NONE('deduct');
  }
  const byQuarter = new Map<Quarter, PhoneCall[]>();
  for (const q of resp.quarters as unknown[]) {
    if (!isObject(q) || !QUARTERS.includes(q.quarter as Quarter) || !Array.isArray(q.calls)) {
      warn(ctx, rule, '中有一条季度记录无法识别，未计入');
      continue;
    }
    const list = byQuarter.get(q.quarter as Quarter) ?? [];
    for (const c of q.calls as unknown[]) {
      if (!isObject(c) || typeof c.answered !== 'boolean') {
        warn(ctx, rule, `中${QUARTER_LABELS[q.quarter as Quarter]}有一次拨测记录无法识别，未计入`);
        continue;
      }
      list.push({ at: typeof c.at === 'string' ? c.at : '', answered: c.answered, correct: c.correct === true ? true : c.correct === false ? false : null });
    }
    byQuarter.set(q.quarter as Quarter, list);
  }
  let silentQuarters = 0;
  let wrong = 0;
  const detail: string[] = [];
  for (const quarter of QUARTERS) {
    const calls = byQuarter.get(quarter);
    if (!calls || calls.length === 0) continue;
    const qName = QUARTER_LABELS[quarter];
    if (calls.length < rule.minCalls) {
      warn(ctx, rule, `${qName}拨测 ${calls.length} 次，少于规定的 ${rule.minCalls} 次（应在不同时间段拨测）`);
    }
    calls.forEach((c, n) => {
      const m = DATETIME.exec(c.at);
      if (!m) warn(ctx, rule, `${qName}第${n + 1}次拨测的时间「${c.at}」无法识别`);
      else {
        const month = Number(m[1].slice(5, 7));
        if (`Q${Math.ceil(month / 3)}` !== quarter) warn(ctx, rule, `${qName}第${n + 1}次拨测的时间 ${m[1]} 不在该季度内`);
      }
    });
    if (calls.every((c) => !c.answered)) {
      silentQuarters++;
      detail.push(`${qName}拨测 ${calls.length} 次均无人接听，减${formatPoints(rule.unansweredPoints)}分`);
    }
    calls.forEach((c, n) => {
      if (c.answered && c.correct === false) {
        wrong++;
        const m = DATETIME.exec(c.at);
        const when = m ? ` ${m[1]} ${m[2]} ` : `第${n + 1}次`;
        detail.push(`${qName}${when}拨测回答存在明显问题，减${formatPoints(rule.wrongAnswerPoints)}分`);
      }
    });
  }
  const total = mulPoints(rule.unansweredPoints, silentQuarters) + mulPoints(rule.wrongAnswerPoints, wrong);
  const raw = -total;
  const lines =
    total === 0
      ? []
      : [
          `均无人接听每季度减${formatPoints(rule.unansweredPoints)}分 × ${silentQuarters}个季度 + 回答存在明显问题每次减${formatPoints(rule.wrongAnswerPoints)}分 × ${wrong}次 = ${formatSigned(raw)}分`,
          ...detail,
        ];
  return { answered: true, raw, lines, direction: 'deduct', cap: rule.cap };
}

function evalWeighted(rule: WeightedRule, resp: Record<string, unknown>, ctx: Ctx): Eval {
  const parsed = parseValue(resp.awarded);
  if (!parsed.ok) {
    warn(ctx, rule, `的得分${parsed.message.replace(/^取值/, '')}，按未评分处理`);
    return NONE('award');
  }
  let value = parsed.value;
  if (value < 0) {
    warn(ctx, rule, '的得分不能为负数，按未评分处理');
    return NONE('award');
  }
  if (value > rule.max) {
    warn(ctx, rule, `得分 ${formatPoints(value)} 分超过满分 ${formatPoints(rule.max)} 分，按 ${formatPoints(rule.max)} 分计`);
    value = rule.max;
  }
  return { answered: true, raw: value, lines: [`满分${formatPoints(rule.max)}分，得${formatPoints(value)}分`], direction: 'award', cap: null };
}

function evalRating(rule: RatingRule, resp: Record<string, unknown>, ctx: Ctx): Eval {
  const option = rule.options.find((o) => o.label === resp.option);
  if (!option) {
    warn(ctx, rule, `的评议结果「${String(resp.option)}」不是可选项（${rule.options.map((o) => o.label).join('、')}），按未评分处理`);
    return NONE('award');
  }
  return { answered: true, raw: option.points, lines: [`评议结果为${option.label}，得${formatPoints(option.points)}分`], direction: 'award', cap: null };
}

function evalRule(rule: Rule, response: unknown, ctx: Ctx): Eval {
  const dir: Eval['direction'] = rule.kind === 'weighted' || rule.kind === 'rating' ? 'award' : rule.kind === 'phone' ? 'deduct' : rule.direction;
  if (response === undefined || response === null) return NONE(dir);
  if (!isObject(response)) {
    warn(ctx, rule, '的记录无法识别，按未评分处理');
    return NONE(dir);
  }
  switch (rule.kind) {
    case 'fixed':
      return evalFixed(rule, response, ctx);
    case 'occurrence':
      return evalOccurrence(rule, response, ctx);
    case 'range':
      return evalRange(rule, response, ctx);
    case 'lag':
      return evalLag(rule, response, ctx);
    case 'phone':
      return evalPhone(rule, response, ctx);
    case 'weighted':
      return evalWeighted(rule, response, ctx);
    case 'rating':
      return evalRating(rule, response, ctx);
  }
}

function scoreRule(rule: Rule, response: unknown, ctx: Ctx): RuleResult {
  const e = evalRule(rule, response, ctx);
  let points = e.raw;
  const lines = e.lines;
  if (e.cap !== null && e.direction !== 'award' && Math.abs(e.raw) > e.cap) {
    points = e.direction === 'deduct' ? -e.cap : e.cap;
    lines.push(capLine(e.direction, Math.abs(e.raw), e.cap));
  }
  return {
    ruleId: rule.id,
    kind: rule.kind,
    text: rule.text,
    template: ruleExplanationTemplate(rule),
    answered: e.answered,
    raw: e.raw,
    points,
    pointsText: formatSigned(points),
    lines,
  };
}

function scoreIndicator(section: Section, ind: Indicator, responses: Responses, ctx: Ctx): IndicatorResult {
  ctx.indicatorId = ind.id;
  const rules: RuleResult[] = [];
  let d = 0;
  let b = 0;
  let a = 0;
  let answered = 0;
  let hasAward = false;
  const lines: string[] = [];
  for (const rule of ind.rules) {
    const r = scoreRule(rule, Object.prototype.hasOwnProperty.call(responses, rule.id) ? responses[rule.id] : undefined, ctx);
    rules.push(r);
    if (r.answered) answered++;
    if (rule.kind === 'weighted' || rule.kind === 'rating') {
      hasAward = true;
      a += r.points;
    } else if (r.points < 0) d -= r.points;
    else b += r.points;
    if (r.lines.length > 0) {
      lines.push(`${rule.text}：${r.lines[0]}`, ...r.lines.slice(1));
    }
  }
  const w = ind.weight;
  if (hasAward) {
    if (w !== null && a > w) {
      lines.push(`本项得分 ${formatPoints(a)} 分，超过指标满分，按 ${formatPoints(w)} 分计`);
      a = w;
    }
    if (d > a) {
      lines.push(`本项减分 ${formatPoints(d)} 分，超过所得分，按 ${formatPoints(a)} 分计（扣完为止）`);
      d = a;
    }
    if (w !== null && a - d + b > w) {
      const nb = Math.max(0, w - a + d);
      lines.push(`本项加分 ${formatPoints(b)} 分，得分不超过指标满分 ${formatPoints(w)} 分，按 ${formatPoints(nb)} 分计`);
      b = nb;
    }
  } else {
    if (w !== null && d > w) {
      lines.push(`本项减分 ${formatPoints(d)} 分，超过指标满分 ${formatPoints(w)} 分，按 ${formatPoints(w)} 分计（扣完为止）`);
      d = w;
    }
  }
  if (ind.bonusCap !== null && b > ind.bonusCap) {
    lines.push(capLine('bonus', b, ind.bonusCap, '本项'));
    b = ind.bonusCap;
  }
  const points = a - d + b;
  return {
    id: ind.id,
    sectionId: section.id,
    title: ind.title,
    weight: w,
    deductions: d,
    bonuses: b,
    awarded: a,
    points,
    pointsText: formatSigned(points),
    answered,
    totalRules: ind.rules.length,
    lines,
    rules,
  };
}

/** The grade of a total under the scheme's bands, or null for ungraded schemes. */
export function gradeFor(scheme: Scheme, total: Points): string | null {
  if (!scheme.grades || scheme.grades.length === 0) return null;
  for (const g of scheme.grades) if (g.min === null || total >= g.min) return g.label;
  return null;
}

/**
 * Scores one assessment. Pure: the same scheme, responses and calendar always
 * give the same result. Unanswered rules contribute 0 and count as unanswered.
 */
export function scoreAssessment(scheme: Scheme, responses: Responses, options: ScoreOptions = {}): ScoreResult {
  const warnings: ScoreWarning[] = [];
  const ctx: Ctx = { calendar: options.calendar, warnings, indicatorId: '' };
  const safeResponses: Responses = isObject(responses) ? responses : {};
  const sections: SectionResult[] = [];
  const indicators: IndicatorResult[] = [];
  const known = new Set<string>();
  let sd = 0;
  let sb = 0;
  let sa = 0;
  let answered = 0;
  let totalRules = 0;
  for (const section of scheme.sections) {
    let d = 0;
    let b = 0;
    let a = 0;
    let secAnswered = 0;
    let secRules = 0;
    const ids: string[] = [];
    for (const ind of section.indicators) {
      for (const r of ind.rules) known.add(r.id);
      const res = scoreIndicator(section, ind, safeResponses, ctx);
      indicators.push(res);
      ids.push(res.id);
      d += res.deductions;
      b += res.bonuses;
      a += res.awarded;
      secAnswered += res.answered;
      secRules += res.totalRules;
    }
    const lines: string[] = [];
    if (section.deductionCap !== null && d > section.deductionCap) {
      lines.push(capLine('deduct', d, section.deductionCap, '本节'));
      d = section.deductionCap;
    }
    if (section.bonusCap !== null && b > section.bonusCap) {
      lines.push(capLine('bonus', b, section.bonusCap, '本节'));
      b = section.bonusCap;
    }
    const points = a - d + b;
    sections.push({
      id: section.id,
      title: section.title,
      deductions: d,
      bonuses: b,
      awarded: a,
      points,
      pointsText: formatSigned(points),
      answered: secAnswered,
      totalRules: secRules,
      lines,
      indicatorIds: ids,
    });
    sd += d;
    sb += b;
    sa += a;
    answered += secAnswered;
    totalRules += secRules;
  }

  const t = scheme.totals;
  const lines: string[] = [];
  if (sa > 0) lines.push(`得分合计 ${formatPoints(sa)} 分`);
  if (sd > 0) lines.push(`减分合计 ${formatPoints(sd)} 分`);
  if (t.deductionCap !== null && sd > t.deductionCap) {
    lines.push(`减分 ${formatPoints(sd)} 分，超过最高减分 ${formatPoints(t.deductionCap)} 分，按 ${formatPoints(t.deductionCap)} 分计`);
    sd = t.deductionCap;
  }
  if (sb > 0) lines.push(`加分合计 ${formatPoints(sb)} 分`);
  if (t.bonusCap !== null && sb > t.bonusCap) {
    lines.push(`加分 ${formatPoints(sb)} 分，超过最高加分 ${formatPoints(t.bonusCap)} 分，按 ${formatPoints(t.bonusCap)} 分计`);
    sb = t.bonusCap;
  }
  const net = t.base + sa - sd + sb;
  let total = net;
  if (t.max !== null && total > t.max) {
    const frame = t.base === 0 && t.max === 0 ? '，在减分框架内加分' : '';
    lines.push(`加减相抵后为 ${formatSigned(net)} 分，高于上限 ${formatPoints(t.max)} 分${frame}，按 ${formatPoints(t.max)} 分计`);
    total = t.max;
  }
  if (t.min !== null && total < t.min) {
    lines.push(`加减相抵后为 ${formatSigned(net)} 分，低于下限 ${formatPoints(t.min)} 分，按 ${formatPoints(t.min)} 分计`);
    total = t.min;
  }
  lines.push(`最终得分 ${formatPoints(total)} 分`);

  for (const id of Object.keys(safeResponses)) {
    if (!known.has(id)) {
      warnings.push({ ruleId: id, indicatorId: null, message: `有一条记录（规则编号「${id}」）不属于本方案，未计入` });
    }
  }
  const grade = gradeFor(scheme, total);
  if (grade !== null) lines.push(`等次：${grade}`);
  return {
    schemeId: scheme.id,
    schemeVersion: scheme.version,
    total,
    totalText: formatPoints(total),
    deductions: sd,
    deductionsText: formatPoints(sd),
    bonuses: sb,
    bonusesText: formatPoints(sb),
    awarded: sa,
    awardedText: formatPoints(sa),
    adjustment: total - net,
    grade,
    answered,
    totalRules,
    sections,
    indicators,
    lines,
    warnings,
  };
}

