import type { ChecklistStatus } from '../domain/inspections';
import { formatPoints, type Points } from '../points/points';
import type { ChecklistDefinition } from '../scheme/checklist';
import type { RangeRule } from '../scheme/model';

/**
 * The 五统一 walk-through: each item met / not met / not applicable. Only
 * required items count; an item marked not applicable leaves the count.
 */
export interface WalkThroughAnswer {
  itemId: string;
  status: ChecklistStatus | null;
}

export interface WalkThroughDimension {
  id: string;
  title: string;
  met: number;
  /** Required items that apply (not marked 不适用). */
  applicable: number;
  missing: string[];
}

export interface WalkThroughSummary {
  met: number;
  applicable: number;
  notMet: number;
  notApplicable: number;
  /** Items (required or optional) not yet ticked. */
  unanswered: number;
  /** All items, required and optional. */
  items: number;
  dimensions: WalkThroughDimension[];
  /** e.g. 五统一达标 20/22 项；资料统一未达标：提供政府公报 */
  line: string;
}

export function summarizeWalkThrough(def: ChecklistDefinition, answers: readonly WalkThroughAnswer[]): WalkThroughSummary {
  const status = new Map(answers.map((a) => [a.itemId, a.status]));
  let met = 0;
  let applicable = 0;
  let notMet = 0;
  let notApplicable = 0;
  let unanswered = 0;
  let items = 0;
  const dimensions = def.dimensions.map((d) => {
    let dMet = 0;
    let dApplicable = 0;
    const missing: string[] = [];
    for (const item of d.items) {
      items++;
      const s = status.get(item.id) ?? null;
      if (s === null) unanswered++;
      if (item.optional) continue;
      if (s === 'na') {
        notApplicable++;
        continue;
      }
      dApplicable++;
      if (s === 'met') dMet++;
      else {
        missing.push(item.text);
        if (s === 'notMet') notMet++;
      }
    }
    met += dMet;
    applicable += dApplicable;
    return { id: d.id, title: d.title, met: dMet, applicable: dApplicable, missing };
  });
  const gaps = dimensions.filter((d) => d.missing.length > 0).map((d) => `${d.title}未达标：${d.missing.join('、')}`);
  const line = `五统一达标 ${met}/${applicable} 项${gaps.length ? '；' + gaps.join('；') : ''}`;
  return { met, applicable, notMet, notApplicable, unanswered, items, dimensions, line };
}

export interface ChecklistSuggestion {
  /** Suggested value for the linked 视情况 rule (0 = no bonus). */
  value: Points;
  /** 五统一达标 N/M 项，建议加分 x 分 */
  text: string;
  /** Prefilled reason for the rule's response. */
  reason: string;
}

/**
 * Suggests the value of the linked 视情况加分 rule from the walk-through: every
 * applicable item met → the rule's maximum; at least four fifths met → its
 * minimum; otherwise no bonus. The inspector decides; this only prefills.
 */
export function checklistSuggestion(summary: WalkThroughSummary, rule: Pick<RangeRule, 'min' | 'max' | 'direction'>): ChecklistSuggestion {
  const { met, applicable } = summary;
  let value = 0;
  if (applicable > 0 && met === applicable) value = rule.max;
  else if (applicable > 0 && met * 5 >= applicable * 4) value = rule.min;
  const verb = rule.direction === 'bonus' ? '加分' : '减分';
  const head = `五统一达标 ${met}/${applicable} 项`;
  const text = value > 0 ? `${head}，建议${verb} ${formatPoints(value)} 分` : `${head}，未达到加分条件，建议不${verb}`;
  return { value, text, reason: summary.line };
}

export interface HallResult {
  name: string;
  /** The round the hall was visited in. */
  round: string;
  summary: WalkThroughSummary;
}

/**
 * The county's 实体政务公开场所 bonus (视情况加0.1-0.2分) suggested from the halls
 * visited in it (随机选取2个政务服务大厅): each hall's walk-through gives its own
 * suggestion, and the county gets the lowest of them (the standard is met as
 * far as every visited hall meets it). The reason names every hall and its result.
 */
export function hallsSuggestion(halls: readonly HallResult[], rule: Pick<RangeRule, 'min' | 'max' | 'direction'>): ChecklistSuggestion | null {
  if (halls.length === 0) return null;
  const each = halls.map((h) => ({ h, s: checklistSuggestion(h.summary, rule) }));
  const value = Math.min(...each.map((e) => e.s.value));
  const verb = rule.direction === 'bonus' ? '加分' : '减分';
  const parts = each.map(({ h, s }) => `${h.name}（${h.round}）${h.summary.line}，${s.value > 0 ? `可${verb} ${formatPoints(s.value)} 分` : `未达到${verb}条件`}`);
  const tail =
    value > 0
      ? `所查 ${halls.length} 个大厅均达到条件，按其中最低的 ${formatPoints(value)} 分计`
      : `所查大厅中有未达到条件的，建议不${verb}`;
  const reason = `${parts.join('；')}。${tail}`;
  const text = value > 0 ? `已查 ${halls.length} 个大厅，建议${verb} ${formatPoints(value)} 分` : `已查 ${halls.length} 个大厅，建议不${verb}`;
  return { value, text, reason };
}
