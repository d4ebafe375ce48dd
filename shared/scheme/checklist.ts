/**
 * A checklist definition: dimensions with concrete items an inspector ticks on
 * site (e.g. the 政务公开专区 五统一 standard). A checklist supports the judgement
 * of a scheme rule (linkedRuleIds) but does not score by itself: the inspector
 * still picks the rule's value, with the checklist result as the reason.
 */
export interface ChecklistItem {
  /** Stable id; the key of the item's tick in stored data. */
  id: string;
  text: string;
  /** A good practice mentioned in the source rather than a requirement. */
  optional: boolean;
}

export interface ChecklistDimension {
  id: string;
  title: string;
  /** The dimension's sentence from the source. */
  summary: string;
  items: ChecklistItem[];
}

export interface ChecklistDefinition {
  id: string;
  title: string;
  source: string;
  /** Rules this checklist informs, by rule id. */
  linkedRuleIds: string[];
  dimensions: ChecklistDimension[];
}

export interface ChecklistDimensionSummary {
  id: string;
  title: string;
  met: number;
  total: number;
  missing: string[];
}

export interface ChecklistSummary {
  /** Required items met / required items. Optional items are reported but not counted. */
  met: number;
  total: number;
  dimensions: ChecklistDimensionSummary[];
  /** e.g. "五统一达标 20/22 项;资料统一缺:提供政府公报" — usable as a reason text. */
  line: string;
}

/** Sums up ticks (itemId → met) against a checklist. */
export function summarizeChecklist(def: ChecklistDefinition, checks: Record<string, boolean>): ChecklistSummary {
  let met = 0;
  let total = 0;
  const dimensions = def.dimensions.map((d) => {
    const required = d.items.filter((i) => !i.optional);
    const ok = required.filter((i) => checks[i.id] === true).length;
    met += ok;
    total += required.length;
    return { id: d.id, title: d.title, met: ok, total: required.length, missing: required.filter((i) => checks[i.id] !== true).map((i) => i.text) };
  });
  const gaps = dimensions.filter((d) => d.missing.length > 0).map((d) => `${d.title}缺：${d.missing.join('、')}`);
  const line = `${def.title}达标 ${met}/${total} 项${gaps.length ? '；' + gaps.join('；') : ''}`;
  return { met, total, dimensions, line };
}
