import { formatPoints, formatSigned, type Points } from '../points/points';
import { DIRECTION_LABELS, type Direction, type LagLimitUnit, type Rule } from '../scheme/model';

/** 减 / 加 */
export function verb(direction: Direction): string {
  return direction === 'deduct' ? '减' : '加';
}

/** "5日", "3个工作日", "1个月" */
export function lagLimitText(limit: number, unit: LagLimitUnit): string {
  if (unit === 'calendarDays') return `${limit}日`;
  if (unit === 'workingDays') return `${limit}个工作日`;
  return `${limit}个月`;
}

/**
 * A lag or limit in explanation lines, with spaces around the number and the day kind named,
 * so a reader knows how it was counted: "5 个自然日", "3 个工作日", "1 个月".
 */
export function lagAmountText(amount: number, unit: LagLimitUnit): string {
  if (unit === 'calendarDays') return `${amount} 个自然日`;
  if (unit === 'workingDays') return `${amount} 个工作日`;
  return `${amount} 个月`;
}

/**
 * One-line Chinese description of a rule as the scheme states it, for UIs:
 * "减1分", "每件减0.2分", "每件加0.02分,总加分不超过0.1分", "视情况减0.1-2分",
 * "超过5日的,每件减0.05分", "满分4分,按实际得分".
 */
export function ruleExplanationTemplate(rule: Rule): string {
  switch (rule.kind) {
    case 'fixed':
      return `${verb(rule.direction)}${formatPoints(rule.points)}分`;
    case 'occurrence': {
      const v = verb(rule.direction);
      const base = `每${rule.unit}${v}${formatPoints(rule.points)}分`;
      return rule.cap === null ? base : `${base}，总${v}分不超过${formatPoints(rule.cap)}分`;
    }
    case 'range':
      return `视情况${verb(rule.direction)}${formatPoints(rule.min)}-${formatPoints(rule.max)}分`;
    case 'lag': {
      const v = verb(rule.direction);
      const base = `超过${lagLimitText(rule.limit, rule.limitUnit)}的，每${rule.unit}${v}${formatPoints(rule.points)}分`;
      return rule.cap === null ? base : `${base}，总${v}分不超过${formatPoints(rule.cap)}分`;
    }
    case 'phone': {
      const base = `每季度拨测均无人接听减${formatPoints(rule.unansweredPoints)}分；回答存在明显问题的，每次减${formatPoints(rule.wrongAnswerPoints)}分`;
      return rule.cap === null ? base : `${base}，总减分不超过${formatPoints(rule.cap)}分`;
    }
    case 'weighted':
      return `满分${formatPoints(rule.max)}分，按实际得分`;
    case 'rating':
      return rule.options.map((o) => `${o.label}得${formatPoints(o.points)}分`).join('，');
  }
}

/** "每件减0.2分 × 3件 = −0.6分" */
export function perItemLine(direction: Direction, unit: string, points: Points, count: number, result: Points): string {
  return `每${unit}${verb(direction)}${formatPoints(points)}分 × ${count}${unit} = ${formatSigned(result)}分`;
}

/** "加分 0.12 分,超过上限,按 0.1 分计" */
export function capLine(direction: Direction, raw: Points, capped: Points, what = ''): string {
  return `${what}${DIRECTION_LABELS[direction]} ${formatPoints(raw)} 分，超过上限，按 ${formatPoints(capped)} 分计`;
}
