/**
 * From a check's report and the inspector's confirmations to what is written:
 * the count per rule, the rule responses and the proposed findings. Pure.
 */
import {
  CATALOGUE_ELEMENT_LABELS,
  CATALOGUE_PRESETS,
  CATALOGUE_PROBLEM_CODES,
  CATALOGUE_PROBLEM_LABELS,
  catalogueIndicatorCount,
  type CatalogueCountUnit,
  type CatalogueProblemCode,
  type CataloguePresetId,
  type CatalogueReport,
} from '../../../shared/checks/catalogue';
import type { LedgerComparison, LedgerEntry } from '../../../shared/checks/ledger';
import { LAG_UNIT_LABELS, TIMELINESS_LABELS, type TimelinessItem, type TimelinessReport } from '../../../shared/checks/timeliness';
import { responseFor, type RuleOption } from './ruleChoice';
import type { FeedSlot, FindingDraft, RuleFeed } from './types';

/** Most items listed in one finding's description; the rest are summed up. */
const LIST_LIMIT = 30;

function listed(items: string[]): string {
  if (items.length <= LIST_LIMIT) return items.join('；');
  return `${items.slice(0, LIST_LIMIT).join('；')}；等，共${items.length}处`;
}

function feed(slots: FeedSlot[], option: RuleOption, count: number, lagItems: { label: string; from: string; to: string }[] = []): RuleFeed {
  return { slots, ruleId: option.ruleId, ruleText: option.rule.text, count, response: responseFor(option.rule, count, lagItems) };
}

// ---------------------------------------------------------------------------
// Catalogue

export const COUNT_UNIT_LABELS: Record<CatalogueCountUnit, string> = {
  catalogue: '按目录计（有问题计1家）',
  row: '按事项计（有问题的事项数）',
  problem: '按问题计（确认的问题数）',
};

export interface CatalogueOutcome {
  confirmedProblems: number;
  count: number;
  feeds: RuleFeed[];
}

export function catalogueOutcome(report: CatalogueReport, confirmed: ReadonlySet<string>, unit: CatalogueCountUnit, rule: RuleOption | null): CatalogueOutcome {
  const count = catalogueIndicatorCount(report, confirmed, unit);
  return {
    confirmedProblems: report.problems.filter((p) => confirmed.has(p.id)).length,
    count,
    feeds: rule ? [feed(['catalogue'], rule, count)] : [],
  };
}

const CATALOGUE_REQUIREMENTS: Record<CatalogueProblemCode, string> = {
  MISSING_COLUMN: '按照统一标准调整主动公开事项目录的体例，增设缺少的要素列，并逐项填写完整',
  MISSING_ELEMENT: '逐项补充填写目录中缺失的要素内容',
  PLACEHOLDER: '将以“无”“/”“详见…”等代替的要素改为实际内容',
  NO_TIME_EXPRESSION: '逐项明确公开时限（如“信息形成或变更之日起20个工作日内”）',
  TIME_LIMIT_AMBIGUOUS: '将只写明公开多长时间（如“长期”“1年”）的公开时限改为何时公开（如“信息形成或变更之日起20个工作日内”），公开时长另列',
  NO_LEGAL_BASIS: '逐项列明公开依据的法律、法规、规章或文件名称及条款',
  DUPLICATE: '合并或删除重复的事项，确保目录事项不重不漏',
};

/** One finding per kind of confirmed problem; its description lists the rows. */
export function catalogueFindingDrafts(report: CatalogueReport, confirmed: ReadonlySet<string>, preset: CataloguePresetId, rule: RuleOption | null): FindingDraft[] {
  const itemOf = new Map(report.rows.map((r) => [r.row, r.values.itemName || r.values.content || '']));
  const standard = CATALOGUE_PRESETS[preset];
  const file = report.source.fileName;
  const drafts: FindingDraft[] = [];
  for (const code of CATALOGUE_PROBLEM_CODES) {
    const hits = report.problems.filter((p) => p.code === code && confirmed.has(p.id));
    if (!hits.length) continue;
    const lines = hits.map((p) => {
      if (p.code === 'MISSING_COLUMN') return p.message;
      const item = itemOf.get(p.row);
      return `第${p.row}行${item ? `「${item}」` : ''}${p.message}`;
    });
    const what = code === 'MISSING_COLUMN' ? `缺少${hits.map((p) => (p.element ? `「${CATALOGUE_ELEMENT_LABELS[p.element]}」` : '')).join('')}要素列` : `存在“${CATALOGUE_PROBLEM_LABELS[code]}”问题${hits.length}处`;
    drafts.push({
      key: `catalogue:${code}`,
      ruleId: rule?.ruleId ?? null,
      indicatorId: rule?.indicatorId ?? null,
      description: `主动公开事项目录未按统一标准编制（${file}），${what}：${listed(lines)}。`,
      requirement: `对照${standard.source}的要求，${CATALOGUE_REQUIREMENTS[code]}，修订后的目录报政务公开办备案。`,
    });
  }
  return drafts;
}

// ---------------------------------------------------------------------------
// Ledger

export type LedgerSlot = Extract<FeedSlot, `ledger.${string}`>;
export const LEDGER_SLOTS: readonly LedgerSlot[] = ['ledger.missing', 'ledger.inconsistent', 'ledger.unmarked'];

/** Is the entry in the class of a slot? Entries waiting for a person are in no class. */
export function inLedgerClass(e: LedgerEntry, slot: LedgerSlot): boolean {
  if (e.needsReview) return false;
  if (slot === 'ledger.missing') return e.status === 'missing';
  if (slot === 'ledger.inconsistent') return e.differences.length > 0;
  return e.unmarked;
}

/** Entries that can count (in at least one class); each gets a 计入 checkbox. */
export function countableLedgerEntries(c: LedgerComparison): LedgerEntry[] {
  return c.entries.filter((e) => LEDGER_SLOTS.some((s) => inLedgerClass(e, s)));
}

export interface LedgerOutcome {
  perSlot: Record<LedgerSlot, number>;
  feeds: RuleFeed[];
}

/**
 * Counts per class (confirmed entries only) and per chosen rule. Classes that
 * feed the same rule count each document once.
 */
export function ledgerOutcome(c: LedgerComparison, confirmed: ReadonlySet<string>, choice: Partial<Record<LedgerSlot, RuleOption | null>>): LedgerOutcome {
  const members = {} as Record<LedgerSlot, Set<string>>;
  for (const slot of LEDGER_SLOTS) members[slot] = new Set(c.entries.filter((e) => confirmed.has(e.key) && inLedgerClass(e, slot)).map((e) => e.key));
  const byRule = new Map<string, { option: RuleOption; slots: LedgerSlot[]; keys: Set<string> }>();
  for (const slot of LEDGER_SLOTS) {
    const option = choice[slot];
    if (!option) continue;
    const g = byRule.get(option.ruleId) ?? { option, slots: [], keys: new Set<string>() };
    g.slots.push(slot);
    members[slot].forEach((k) => g.keys.add(k));
    byRule.set(option.ruleId, g);
  }
  return {
    perSlot: { 'ledger.missing': members['ledger.missing'].size, 'ledger.inconsistent': members['ledger.inconsistent'].size, 'ledger.unmarked': members['ledger.unmarked'].size },
    feeds: [...byRule.values()].map((g) => feed(g.slots, g.option, g.keys.size)),
  };
}

function docName(e: LedgerEntry): string {
  const l = e.ledger;
  const s = e.site;
  const title = l?.title || s?.title || '';
  const doc = l?.docNumber || s?.docNumber || '';
  return `《${title}》${doc ? `（${doc}）` : ''}`;
}

const LEDGER_FINDINGS: Record<LedgerSlot, { what: string; requirement: string; line: (e: LedgerEntry) => string }> = {
  'ledger.missing': {
    what: '政府网站未及时公开文件公开台账所列现行有效文件',
    requirement: '在政府网站及时公开上述现行有效文件，建立文件公开台账与网站同步更新机制，做到应公开尽公开。',
    line: (e) => `台账第${e.ledger?.row}行${docName(e)}`,
  },
  'ledger.inconsistent': {
    what: '政府网站发布的文件信息与文件公开台账不一致',
    requirement: '逐件核对网站发布的文件与文件公开台账，更正不一致的文号、标题和有效性标注，确保网站与台账一致。',
    line: (e) => `${docName(e)}：${e.differences.map((d) => d.message).join('，')}`,
  },
  'ledger.unmarked': {
    what: '已修改、废止、失效的文件在政府网站未作标注',
    requirement: '在政府网站对已修改、废止、失效的文件作出明确标注，并建立文件有效性动态更新机制。',
    line: (e) => `${docName(e)}（台账记载为${e.ledger?.validityText || '已修改/废止/失效'}）`,
  },
};

/** One finding per class that feeds a rule or has confirmed documents. */
export function ledgerFindingDrafts(c: LedgerComparison, confirmed: ReadonlySet<string>, choice: Partial<Record<LedgerSlot, RuleOption | null>>): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const slot of LEDGER_SLOTS) {
    const hits = c.entries.filter((e) => confirmed.has(e.key) && inLedgerClass(e, slot));
    if (!hits.length) continue;
    const f = LEDGER_FINDINGS[slot];
    const rule = choice[slot] ?? null;
    drafts.push({
      key: slot,
      ruleId: rule?.ruleId ?? null,
      indicatorId: rule?.indicatorId ?? null,
      description: `${f.what}${hits.length}件：${listed(hits.map(f.line))}。`,
      requirement: f.requirement,
    });
  }
  return drafts;
}

// ---------------------------------------------------------------------------
// Timeliness

export interface TimelinessOutcome {
  /** Late items the inspector confirmed. */
  count: number;
  /** Documents written into a time-limit rule: every judged one, except late ones not confirmed. */
  lagItems: { label: string; from: string; to: string }[];
  feeds: RuleFeed[];
}

/** The key of a late item's 计入 checkbox. */
export function itemKey(item: Pick<TimelinessItem, 'row'>): string {
  return `row:${item.row}`;
}

export function timelinessOutcome(report: TimelinessReport, confirmed: ReadonlySet<string>, rule: RuleOption | null): TimelinessOutcome {
  const count = report.late.filter((i) => confirmed.has(itemKey(i))).length;
  const lagItems = report.items.filter((i) => !i.late || confirmed.has(itemKey(i))).map((i) => ({ label: i.title || `第${i.row}行`, from: i.from, to: i.to }));
  return { count, lagItems, feeds: rule ? [feed([report.kind], rule, count, lagItems)] : [] };
}

export function timelinessFindingDrafts(report: TimelinessReport, confirmed: ReadonlySet<string>, rule: RuleOption | null): FindingDraft[] {
  const hits = report.late.filter((i) => confirmed.has(itemKey(i)));
  if (!hits.length) return [];
  const L = TIMELINESS_LABELS[report.kind];
  const unit = LAG_UNIT_LABELS[report.rule.unit];
  const lines = hits.map((i) => `《${i.title || `第${i.row}行`}》${L.from}${i.from}，${L.to}${i.to}，${L.lagVerb}${i.lag}${unit}`);
  const interpretation = report.kind === 'interpretation';
  return [
    {
      key: report.kind,
      ruleId: rule?.ruleId ?? null,
      indicatorId: rule?.indicatorId ?? null,
      description: `${interpretation ? '政策解读发布不及时' : '主动公开文件报送不及时'}，${L.lagVerb}超过${report.rule.limit}${unit}的${hits.length}件：${listed(lines)}。`,
      requirement: interpretation
        ? `严格落实政策文件与解读材料同步组织、同步审签、同步部署的要求，文件公开后${report.rule.limit}${unit}内发布解读信息。`
        : `严格按要求报送主动公开文件，自文件印发之日起${report.rule.limit}${unit}内完成报送。`,
    },
  ];
}
