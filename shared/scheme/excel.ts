import { TARGET_KINDS, type TargetKind } from '../domain/targets';
import { pointsToDecimal, pointsToNumber, type Points } from '../points/points';
import {
  buildSchemeSchemas,
  DIRECTION_LABELS,
  LAG_UNIT_LABELS,
  RULE_FEED_LABELS,
  RULE_FEEDS,
  RULE_KIND_LABELS,
  RULE_KINDS,
  type Direction,
  type LagLimitUnit,
  type Rule,
  type RuleFeed,
  type RuleKind,
  type Scheme,
} from './model';
import { issueProblem, type SchemeImportResult, type SchemeIssue } from './validate';

/**
 * The scheme as a spreadsheet, one row per rule (like XLSForm), plus a
 * 方案信息 sheet. Pure: works on plain arrays of rows per sheet, so it does not
 * depend on a spreadsheet library (see xlsxFile.ts for real .xlsx bytes).
 *
 * On the 评分规则 sheet, 节编号 and 指标编号 are repeated on every row; the long
 * texts (节, 指标名称, 考核内容 …) may be written only on the first row of their
 * section or indicator, or repeated identically. A row whose 节编号/节 and
 * 指标编号/指标名称/考核内容 are all blank continues the indicator above.
 */

export type WorkbookData = Record<string, unknown[][]>;

export const SHEET_INFO = '方案信息';
export const SHEET_RULES = '评分规则';
export const SHEET_HELP = '填写说明';

/** Columns of the 评分规则 sheet, in order, with what each holds. */
export const RULE_COLUMNS = [
  ['节编号', '节的编号（字母、数字、点、横线），同一节各行相同；可留空，按“节”名称区分'],
  ['节', '节的名称，写在该节第一行即可'],
  ['节减分上限', '本节减分最多计多少分，不限则留空'],
  ['节加分上限', '本节加分最多计多少分，不限则留空'],
  ['指标编号', '指标的编号，同一指标各行相同；可留空，按“指标名称”区分'],
  ['指标名称', '指标的简称，如“政策解读”'],
  ['考核内容', '原文照录'],
  ['考核方式', '原文照录'],
  ['评分方式', '原文照录'],
  ['指标满分', '百分制指标的满分；减分制指标填写后表示本项最多扣到该分值（扣完为止）；不限则留空'],
  ['指标加分上限', '本项加分最多计多少分，不限则留空'],
  ['规则编号', '规则的编号，评分记录按此编号保存，发布后请勿修改；可留空自动生成'],
  ['规则内容', '扣分或加分的条件，如“未编制本地区主动公开事项目录”'],
  ['规则类型', '固定 / 按次 / 视情况 / 时限 / 拨测 / 百分制 / 评议'],
  ['加减', '减分 / 加分（拨测、百分制、评议不填）'],
  ['分值', '固定、按次、时限：每次（件）的分值；拨测：均无人接听每季度扣分；百分制：该项满分'],
  ['单位', '按次、时限的计数单位，如 件、家、次；默认“件”'],
  ['上限', '按次、时限、拨测规则最多计多少分，如“总加分不超过0.1分”填 0.1'],
  ['最小值', '视情况规则的最小分值'],
  ['最大值', '视情况规则的最大分值'],
  ['时限', '时限规则的期限（整数），超过即扣分，如“超过5日”填 5'],
  ['时限单位', '日 / 工作日 / 月'],
  ['参数', '其他设置，写成“名称=值”，多项用分号隔开。时限：起始=文件发布日期；截止=解读发布日期；滞后说法=解读滞后。拨测：每次答错=0.1；每季度次数=2。按次：用途=整改要求 或 用途=未整改。评议：满意=10；基本满意=6；不满意=0'],
  ['备注', '规则的说明'],
] as const;

type RuleColumn = (typeof RULE_COLUMNS)[number][0];
const RULE_HEADERS: readonly string[] = RULE_COLUMNS.map((c) => c[0]);

/** Rows of the 方案信息 sheet (项目 | 内容). */
export const INFO_KEYS = [
  ['方案编号', '方案的编号（字母、数字、点、横线）'],
  ['方案名称', ''],
  ['年度', ''],
  ['发布单位', ''],
  ['来源', '依据的文件'],
  ['版本', '正整数，每次修改后加1'],
  ['适用对象', `用顿号隔开：${TARGET_KINDS.join('、')}`],
  ['说明', '总体说明'],
  ['基础分', '起始分，减分制和百分制均为0'],
  ['最高减分', '如“最高减5分”填 5；不限则留空'],
  ['最高加分', '不限则留空'],
  ['得分下限', '最终得分不低于此值，如 -5；不限则留空'],
  ['得分上限', '最终得分不高于此值；“在减分框架内加分”填 0'],
  ['等次', '如 优秀≥90；良好≥80；合格≥60；不合格（最后一个等次不写分数）；不分等次则留空'],
  ['修订说明', '每行一条'],
] as const;

type InfoKey = (typeof INFO_KEYS)[number][0];

const KIND_BY_LABEL = new Map<string, RuleKind>();
for (const k of RULE_KINDS) {
  KIND_BY_LABEL.set(RULE_KIND_LABELS[k], k);
  KIND_BY_LABEL.set(k, k);
}
const DIRECTION_BY_LABEL = new Map<string, Direction>([
  ['减分', 'deduct'],
  ['减', 'deduct'],
  ['扣分', 'deduct'],
  ['扣', 'deduct'],
  ['deduct', 'deduct'],
  ['加分', 'bonus'],
  ['加', 'bonus'],
  ['bonus', 'bonus'],
]);
const LAG_UNIT_BY_LABEL = new Map<string, LagLimitUnit>([
  ['日', 'calendarDays'],
  ['天', 'calendarDays'],
  ['自然日', 'calendarDays'],
  ['工作日', 'workingDays'],
  ['个工作日', 'workingDays'],
  ['月', 'months'],
  ['个月', 'months'],
  ['calendarDays', 'calendarDays'],
  ['workingDays', 'workingDays'],
  ['months', 'months'],
]);
const FEED_BY_LABEL = new Map<string, RuleFeed>(RULE_FEEDS.map((f) => [RULE_FEED_LABELS[f], f]));

// ---------------------------------------------------------------------------
// Export

const num = (p: Points | null): number | null => (p === null ? null : pointsToNumber(p));

function gradesText(s: Scheme): string | null {
  if (!s.grades) return null;
  return s.grades.map((g) => (g.min === null ? g.label : `${g.label}≥${pointsToDecimal(g.min)}`)).join('；');
}

function paramsOf(r: Rule): string | null {
  const pairs: [string, string][] = [];
  if (r.kind === 'lag') pairs.push(['起始', r.fromLabel], ['截止', r.toLabel], ['滞后说法', r.lagLabel]);
  if (r.kind === 'phone') pairs.push(['每次答错', pointsToDecimal(r.wrongAnswerPoints)], ['每季度次数', String(r.minCalls)]);
  if (r.kind === 'occurrence' && r.feed) pairs.push(['用途', RULE_FEED_LABELS[r.feed]]);
  if (r.kind === 'rating') for (const o of r.options) pairs.push([o.label, pointsToDecimal(o.points)]);
  return pairs.length ? pairs.map(([k, v]) => `${k}=${v}`).join('；') : null;
}

function ruleCells(r: Rule): Partial<Record<RuleColumn, unknown>> {
  const c: Partial<Record<RuleColumn, unknown>> = {
    规则编号: r.id,
    规则内容: r.text,
    规则类型: RULE_KIND_LABELS[r.kind],
    参数: paramsOf(r),
    备注: r.note || null,
  };
  switch (r.kind) {
    case 'fixed':
      Object.assign(c, { 加减: DIRECTION_LABELS[r.direction], 分值: num(r.points) });
      break;
    case 'occurrence':
      Object.assign(c, { 加减: DIRECTION_LABELS[r.direction], 分值: num(r.points), 单位: r.unit, 上限: num(r.cap) });
      break;
    case 'range':
      Object.assign(c, { 加减: DIRECTION_LABELS[r.direction], 最小值: num(r.min), 最大值: num(r.max) });
      break;
    case 'lag':
      Object.assign(c, {
        加减: DIRECTION_LABELS[r.direction],
        分值: num(r.points),
        单位: r.unit,
        上限: num(r.cap),
        时限: r.limit,
        时限单位: LAG_UNIT_LABELS[r.limitUnit],
      });
      break;
    case 'phone':
      Object.assign(c, { 分值: num(r.unansweredPoints), 单位: '季度', 上限: num(r.cap) });
      break;
    case 'weighted':
      Object.assign(c, { 分值: num(r.max) });
      break;
    case 'rating':
      break;
  }
  return c;
}

/** The scheme as rows per sheet (方案信息, 评分规则, 填写说明); blank cells are null. */
export function schemeToWorkbookRows(s: Scheme): WorkbookData {
  const infoValues: Record<InfoKey, unknown> = {
    方案编号: s.id,
    方案名称: s.name,
    年度: s.year,
    发布单位: s.issuer || null,
    来源: s.source || null,
    版本: s.version,
    适用对象: s.targetKinds.join('、'),
    说明: s.description || null,
    基础分: pointsToNumber(s.totals.base),
    最高减分: num(s.totals.deductionCap),
    最高加分: num(s.totals.bonusCap),
    得分下限: num(s.totals.min),
    得分上限: num(s.totals.max),
    等次: gradesText(s),
    修订说明: s.notes.length ? s.notes.join('\n') : null,
  };
  const info: unknown[][] = [['项目', '内容'], ...INFO_KEYS.map(([k]) => [k, infoValues[k]])];

  const rows: unknown[][] = [[...RULE_HEADERS]];
  for (const sec of s.sections) {
    sec.indicators.forEach((ind, j) => {
      ind.rules.forEach((r, k) => {
        const cells: Partial<Record<RuleColumn, unknown>> = { 节编号: sec.id, 指标编号: ind.id, ...ruleCells(r) };
        if (j === 0 && k === 0) {
          Object.assign(cells, { 节: sec.title, 节减分上限: num(sec.deductionCap), 节加分上限: num(sec.bonusCap) });
        }
        if (k === 0) {
          Object.assign(cells, {
            指标名称: ind.title,
            考核内容: ind.content || null,
            考核方式: ind.method || null,
            评分方式: ind.scoringText || null,
            指标满分: num(ind.weight),
            指标加分上限: num(ind.bonusCap),
          });
        }
        rows.push(RULE_HEADERS.map((h) => cells[h as RuleColumn] ?? null));
      });
    });
  }
  const help: unknown[][] = [
    ['列名', '说明'],
    ...RULE_COLUMNS.map(([k, v]) => [k, v]),
    [null, null],
    ['方案信息', '说明'],
    ...INFO_KEYS.map(([k, v]) => [k, v || null]),
  ];
  return { [SHEET_INFO]: info, [SHEET_RULES]: rows, [SHEET_HELP]: help };
}

// ---------------------------------------------------------------------------
// Import

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.replace(/\r\n?/g, '\n').trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

function isBlank(v: unknown): boolean {
  return cellText(v) === '';
}

/** A point cell as the file schema expects it: number (points) or text, or null when blank. */
function pointsCell(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  const t = cellText(v);
  return t === '' ? null : t;
}

interface Origin {
  sheet: string;
  row: number;
  column: string;
}

class Collector {
  errors: SchemeIssue[] = [];
  rulesCell(row: number, column: string, problem: string): void {
    const col = RULE_HEADERS.indexOf(column);
    this.errors.push({ path: `${SHEET_RULES}!${colLetter(col)}${row}`, message: `第${row}行「${column}」列：${problem}` });
  }
  infoCell(row: number, key: string, problem: string): void {
    this.errors.push({ path: `${SHEET_INFO}!B${row}`, message: `「${SHEET_INFO}」表第${row}行「${key}」：${problem}` });
  }
  sheet(sheet: string, problem: string): void {
    this.errors.push({ path: sheet, message: `「${sheet}」表：${problem}` });
  }
}

function colLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s || 'A';
}

function parseParams(text: string): { ok: true; pairs: [string, string][] } | { ok: false; bad: string } {
  const pairs: [string, string][] = [];
  for (const part of text.split(/[;；\n]/)) {
    const p = part.trim();
    if (!p) continue;
    const m = /^([^=＝]+)[=＝](.*)$/.exec(p);
    if (!m) return { ok: false, bad: p };
    pairs.push([m[1].trim(), m[2].trim()]);
  }
  return { ok: true, pairs };
}

function parseGrades(text: string): { label: string; min: unknown }[] | string {
  const out: { label: string; min: unknown }[] = [];
  for (const part of text.split(/[;；\n]/)) {
    const p = part.trim();
    if (!p) continue;
    const m = /^(.+?)\s*(?:≥|>=|＞=|:|：)\s*(\S+)$/.exec(p);
    if (m) out.push({ label: m[1].trim(), min: m[2] });
    else {
      const bare = /^(.+?)\s*(?:<|＜).*$/.exec(p);
      out.push({ label: (bare ? bare[1] : p).trim(), min: null });
    }
  }
  return out.length ? out : '至少应有一个等次';
}

type FileRule = Record<string, unknown>;

interface Built {
  file: Record<string, unknown>;
  origins: Map<string, Origin>;
}

function readInfo(rows: unknown[][], c: Collector, file: Record<string, unknown>, origins: Map<string, Origin>): void {
  const known = new Set<string>(INFO_KEYS.map(([k]) => k));
  const seen = new Map<string, { value: unknown; row: number }>();
  rows.forEach((r, n) => {
    const row = n + 1;
    const key = cellText(r?.[0]);
    if (!key || (n === 0 && key === '项目')) return;
    if (!known.has(key)) {
      c.infoCell(row, key, '无法识别的项目');
      return;
    }
    if (seen.has(key)) {
      c.infoCell(row, key, `与第${seen.get(key)!.row}行重复`);
      return;
    }
    seen.set(key, { value: r?.[1], row });
  });
  const get = (k: InfoKey) => seen.get(k);
  const text = (k: InfoKey) => cellText(get(k)?.value);
  const origin = (path: string, k: InfoKey) => origins.set(path, { sheet: SHEET_INFO, row: get(k)?.row ?? 0, column: k });

  file.id = text('方案编号');
  origin('id', '方案编号');
  file.name = text('方案名称');
  origin('name', '方案名称');
  const intOf = (k: InfoKey, path: string, fallback?: number) => {
    const v = get(k)?.value;
    origin(path, k);
    if (isBlank(v)) return fallback;
    const n = typeof v === 'number' ? v : Number(cellText(v));
    if (!Number.isInteger(n)) {
      c.infoCell(get(k)!.row, k, '应为整数');
      return fallback;
    }
    return n;
  };
  file.year = intOf('年度', 'year');
  file.issuer = text('发布单位');
  file.source = text('来源');
  file.version = intOf('版本', 'version', 1);
  origin('issuer', '发布单位');
  origin('source', '来源');
  const kinds = text('适用对象')
    .split(/[、,，;；\s]+/)
    .filter(Boolean);
  origin('targetKinds', '适用对象');
  const badKind = kinds.find((k) => !(TARGET_KINDS as readonly string[]).includes(k));
  if (badKind) c.infoCell(get('适用对象')!.row, '适用对象', `「${badKind}」不是可选的被考核单位类别（${TARGET_KINDS.join('、')}）`);
  file.targetKinds = kinds as TargetKind[];
  file.description = text('说明');
  origin('description', '说明');
  file.notes = text('修订说明')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  origin('notes', '修订说明');
  const pv = (k: InfoKey, path: string) => {
    origin(path, k);
    return pointsCell(get(k)?.value);
  };
  file.totals = {
    base: pv('基础分', 'totals.base') ?? '0',
    deductionCap: pv('最高减分', 'totals.deductionCap'),
    bonusCap: pv('最高加分', 'totals.bonusCap'),
    min: pv('得分下限', 'totals.min'),
    max: pv('得分上限', 'totals.max'),
  };
  const g = text('等次');
  origin('grades', '等次');
  if (g) {
    const parsed = parseGrades(g);
    if (typeof parsed === 'string') c.infoCell(get('等次')!.row, '等次', parsed);
    else file.grades = parsed;
  } else file.grades = null;
}

function readRules(rows: unknown[][], c: Collector, file: Record<string, unknown>, origins: Map<string, Origin>): void {
  const errorsBefore = c.errors.length;
  const headerIndex = rows.findIndex((r) => Array.isArray(r) && r.some((v) => !isBlank(v)));
  if (headerIndex < 0) {
    c.sheet(SHEET_RULES, '没有内容');
    return;
  }
  const header = rows[headerIndex].map((v) => cellText(v));
  const col = new Map<string, number>();
  header.forEach((h, i) => {
    if (!h) return;
    if (!RULE_HEADERS.includes(h)) {
      c.rulesCell(headerIndex + 1, h, `无法识别的列名（可用的列：${RULE_HEADERS.join('、')}）`);
      return;
    }
    if (col.has(h)) c.rulesCell(headerIndex + 1, h, '列名重复');
    else col.set(h, i);
  });
  for (const required of ['规则类型'] as const) {
    if (!col.has(required)) c.sheet(SHEET_RULES, `缺少「${required}」列`);
  }
  if (!col.has('指标编号') && !col.has('指标名称') && !col.has('考核内容')) {
    c.sheet(SHEET_RULES, '缺少「指标编号」或「指标名称」列');
  }
  if (c.errors.length > errorsBefore) return;
  const idRows = new Map<string, { row: number; what: string }>();
  const claimId = (id: string, row: number, column: RuleColumn, what: string) => {
    const prev = idRows.get(id);
    if (prev) c.rulesCell(row, column, `「${id}」与第${prev.row}行的${prev.what}重复`);
    else idRows.set(id, { row, what });
  };

  const sections: Record<string, unknown>[] = [];
  let section: Record<string, unknown> | null = null;
  let indicator: (Record<string, unknown> & { rules: FileRule[] }) | null = null;
  const firstRowOf = new Map<object, number>();
  const cell = (r: unknown[], name: RuleColumn) => (col.has(name) ? r[col.get(name)!] : null);
  const text = (r: unknown[], name: RuleColumn) => cellText(cell(r, name));
  let sectionPath = '';
  let indicatorPath = '';

  // Repeated texts on continuation rows must agree with the first row.
  const agree = (row: number, target: Record<string, unknown>, key: string, name: RuleColumn, value: unknown) => {
    if (value === null || value === '') return;
    const cur = target[key];
    if (cur === null || cur === '' || cur === undefined) {
      target[key] = value;
      return;
    }
    if (String(cur) !== String(value)) c.rulesCell(row, name, `与第${firstRowOf.get(target)}行不一致`);
  };

  for (let n = headerIndex + 1; n < rows.length; n++) {
    const r = Array.isArray(rows[n]) ? rows[n] : [];
    const row = n + 1;
    if (r.every((v) => isBlank(v))) continue;

    // Section
    const secId = text(r, '节编号');
    const secTitle = text(r, '节');
    const newSection =
      !section ||
      (secId !== '' && secId !== section.id) ||
      (secId === '' && secTitle !== '' && secTitle !== section.title && section.generatedId === true);
    if (newSection) {
      const si = sections.length;
      section = {
        id: secId || `s${si + 1}`,
        generatedId: secId === '',
        title: secTitle,
        deductionCap: pointsCell(cell(r, '节减分上限')),
        bonusCap: pointsCell(cell(r, '节加分上限')),
        indicators: [],
      };
      sections.push(section);
      firstRowOf.set(section, row);
      claimId(String(section.id), row, '节编号', '节编号');
      sectionPath = `sections[${si}]`;
      origins.set(sectionPath, { sheet: SHEET_RULES, row, column: '' });
      for (const [k, name] of [
        ['id', '节编号'],
        ['title', '节'],
        ['deductionCap', '节减分上限'],
        ['bonusCap', '节加分上限'],
      ] as const) {
        origins.set(`${sectionPath}.${k}`, { sheet: SHEET_RULES, row, column: name });
      }
      indicator = null;
    } else {
      agree(row, section!, 'title', '节', secTitle);
      agree(row, section!, 'deductionCap', '节减分上限', pointsCell(cell(r, '节减分上限')));
      agree(row, section!, 'bonusCap', '节加分上限', pointsCell(cell(r, '节加分上限')));
    }

    // Indicator
    const indId = text(r, '指标编号');
    const indTitle = text(r, '指标名称');
    const indContent = text(r, '考核内容');
    let newIndicator = !indicator;
    if (indicator) {
      if (indId !== '') newIndicator = indId !== indicator.id;
      else if (indTitle !== '') newIndicator = !indicator.generatedId || indTitle !== indicator.title;
      else if (indContent !== '') newIndicator = !indicator.generatedId || indContent !== indicator.content;
    }
    const secObj = section!;
    const indicators = secObj.indicators as Record<string, unknown>[];
    if (newIndicator) {
      const ii = indicators.length;
      indicator = {
        id: indId || `${String(secObj.id)}.${ii + 1}`,
        generatedId: indId === '',
        title: indTitle || indContent,
        content: indContent,
        method: text(r, '考核方式'),
        scoringText: text(r, '评分方式'),
        weight: pointsCell(cell(r, '指标满分')),
        bonusCap: pointsCell(cell(r, '指标加分上限')),
        rules: [],
      };
      indicators.push(indicator);
      firstRowOf.set(indicator, row);
      claimId(String(indicator.id), row, '指标编号', '指标编号');
      indicatorPath = `${sectionPath}.indicators[${ii}]`;
      origins.set(indicatorPath, { sheet: SHEET_RULES, row, column: '' });
      for (const [k, name] of [
        ['id', '指标编号'],
        ['title', indTitle ? '指标名称' : '考核内容'],
        ['content', '考核内容'],
        ['method', '考核方式'],
        ['scoringText', '评分方式'],
        ['weight', '指标满分'],
        ['bonusCap', '指标加分上限'],
      ] as const) {
        origins.set(`${indicatorPath}.${k}`, { sheet: SHEET_RULES, row, column: name });
      }
    } else {
      const ind = indicator!;
      agree(row, ind, 'title', '指标名称', indTitle);
      agree(row, ind, 'content', '考核内容', indContent);
      agree(row, ind, 'method', '考核方式', text(r, '考核方式'));
      agree(row, ind, 'scoringText', '评分方式', text(r, '评分方式'));
      agree(row, ind, 'weight', '指标满分', pointsCell(cell(r, '指标满分')));
      agree(row, ind, 'bonusCap', '指标加分上限', pointsCell(cell(r, '指标加分上限')));
    }

    // Rule
    const ind = indicator!;
    const k = ind.rules.length;
    const rulePath = `${indicatorPath}.rules[${k}]`;
    const kindText = text(r, '规则类型');
    const kind = KIND_BY_LABEL.get(kindText);
    if (!kind) {
      c.rulesCell(row, '规则类型', kindText ? `「${kindText}」应为以下之一：${RULE_KINDS.map((x) => RULE_KIND_LABELS[x]).join('、')}` : '不能为空');
      continue;
    }
    const rule: FileRule = {
      id: text(r, '规则编号') || `${String(ind.id)}.${k + 1}`,
      kind,
      text: text(r, '规则内容') || String(ind.title ?? ''),
    };
    claimId(String(rule.id), row, '规则编号', '规则编号');
    const set = (key: string, value: unknown, column: RuleColumn) => {
      rule[key] = value;
      origins.set(`${rulePath}.${key}`, { sheet: SHEET_RULES, row, column });
    };
    origins.set(rulePath, { sheet: SHEET_RULES, row, column: '' });
    origins.set(`${rulePath}.id`, { sheet: SHEET_RULES, row, column: '规则编号' });
    origins.set(`${rulePath}.text`, { sheet: SHEET_RULES, row, column: '规则内容' });
    origins.set(`${rulePath}.kind`, { sheet: SHEET_RULES, row, column: '规则类型' });

    let direction: Direction | undefined;
    const dirText = text(r, '加减');
    if (kind === 'fixed' || kind === 'occurrence' || kind === 'range' || kind === 'lag') {
      direction = DIRECTION_BY_LABEL.get(dirText);
      if (!direction && dirText) {
        c.rulesCell(row, '加减', `「${dirText}」应为“减分”或“加分”`);
        continue;
      }
      if (!direction && kind !== 'lag') {
        c.rulesCell(row, '加减', '不能为空（应为“减分”或“加分”）');
        continue;
      }
      set('direction', direction ?? 'deduct', '加减');
    }
    const paramsText = text(r, '参数');
    const params = parseParams(paramsText);
    if (!params.ok) {
      c.rulesCell(row, '参数', `「${params.bad}」应写成“名称=值”`);
      continue;
    }
    const allowed: Record<RuleKind, string[] | null> = {
      fixed: [],
      occurrence: ['用途'],
      range: [],
      lag: ['起始', '截止', '滞后说法'],
      phone: ['每次答错', '每季度次数'],
      weighted: [],
      rating: null,
    };
    const p = new Map(params.pairs);
    const allow = allowed[kind];
    const badParam = allow ? params.pairs.find(([key]) => !allow.includes(key)) : undefined;
    if (badParam) {
      c.rulesCell(
        row,
        '参数',
        allow && allow.length ? `「${badParam[0]}」不适用于${RULE_KIND_LABELS[kind]}规则（可用：${allow.join('、')}）` : `${RULE_KIND_LABELS[kind]}规则不需要参数`,
      );
      continue;
    }
    const points = pointsCell(cell(r, '分值'));
    switch (kind) {
      case 'fixed':
        set('points', points, '分值');
        break;
      case 'occurrence': {
        set('points', points, '分值');
        set('unit', text(r, '单位') || '件', '单位');
        set('cap', pointsCell(cell(r, '上限')), '上限');
        const feedText = p.get('用途');
        let feed: RuleFeed | null = null;
        if (feedText !== undefined) {
          const f = FEED_BY_LABEL.get(feedText);
          if (!f) {
            c.rulesCell(row, '参数', `用途「${feedText}」应为${RULE_FEEDS.map((f) => `“${RULE_FEED_LABELS[f]}”`).join('、')}之一`);
            continue;
          }
          feed = f;
        }
        set('feed', feed, '参数');
        break;
      }
      case 'range':
        set('min', pointsCell(cell(r, '最小值')), '最小值');
        set('max', pointsCell(cell(r, '最大值')), '最大值');
        break;
      case 'lag': {
        set('points', points, '分值');
        set('unit', text(r, '单位') || '件', '单位');
        const limitCell = cell(r, '时限');
        const limit = typeof limitCell === 'number' ? limitCell : isBlank(limitCell) ? undefined : Number(cellText(limitCell).replace(/(日|天|个工作日|工作日|个月|月)$/, ''));
        if (limit === undefined || !Number.isInteger(limit)) {
          c.rulesCell(row, '时限', limit === undefined ? '不能为空' : '应为整数');
          continue;
        }
        set('limit', limit, '时限');
        const unitText = text(r, '时限单位');
        const unit = LAG_UNIT_BY_LABEL.get(unitText);
        if (!unit) {
          c.rulesCell(row, '时限单位', unitText ? `「${unitText}」应为“日”“工作日”或“月”` : '不能为空（应为“日”“工作日”或“月”）');
          continue;
        }
        set('limitUnit', unit, '时限单位');
        set('cap', pointsCell(cell(r, '上限')), '上限');
        set('fromLabel', p.get('起始') ?? '起始日期', '参数');
        set('toLabel', p.get('截止') ?? '完成日期', '参数');
        set('lagLabel', p.get('滞后说法') ?? '滞后', '参数');
        break;
      }
      case 'phone': {
        set('unansweredPoints', points, '分值');
        const wrong = p.get('每次答错');
        if (wrong === undefined) {
          c.rulesCell(row, '参数', '拨测规则应写明“每次答错=分值”');
          continue;
        }
        set('wrongAnswerPoints', wrong, '参数');
        const calls = p.get('每季度次数');
        const callsNum = calls === undefined ? 2 : Number(calls);
        if (!Number.isInteger(callsNum)) {
          c.rulesCell(row, '参数', `每季度次数「${calls}」应为整数`);
          continue;
        }
        set('minCalls', callsNum, '参数');
        set('cap', pointsCell(cell(r, '上限')), '上限');
        break;
      }
      case 'weighted':
        set('max', points, '分值');
        break;
      case 'rating':
        set(
          'options',
          params.pairs.map(([label, value]) => ({ label, points: value })),
          '参数',
        );
        break;
    }
    set('note', text(r, '备注'), '备注');
    ind.rules.push(rule);
  }
  for (const s of sections) {
    delete s.generatedId;
    for (const i of s.indicators as Record<string, unknown>[]) delete i.generatedId;
  }
  if (sections.length === 0) c.sheet(SHEET_RULES, '没有规则行');
  file.sections = sections;
}

function buildFile(data: WorkbookData, c: Collector): Built {
  const file: Record<string, unknown> = {};
  const origins = new Map<string, Origin>();
  const info = data[SHEET_INFO];
  const rules = data[SHEET_RULES];
  if (!Array.isArray(info)) c.sheet(SHEET_INFO, '缺少该工作表');
  if (!Array.isArray(rules)) c.sheet(SHEET_RULES, '缺少该工作表');
  if (Array.isArray(info)) readInfo(info, c, file, origins);
  if (Array.isArray(rules)) readRules(rules, c, file, origins);
  return { file, origins };
}

const FILE = buildSchemeSchemas('decimal');

function locate(path: readonly PropertyKey[], origins: Map<string, Origin>): Origin | undefined {
  // Longest prefix with a known origin; rating options map to the rule's 参数 cell.
  const parts: string[] = [];
  for (const p of path) parts.push(typeof p === 'number' ? `[${p}]` : `${parts.length ? '.' : ''}${String(p)}`);
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join('');
    const o = origins.get(key);
    if (o) return o;
  }
  return undefined;
}

/**
 * Reads a scheme from workbook data (rows per sheet, as any spreadsheet reader
 * gives them). Errors name the row and column, e.g. 第5行「分值」列：应为数字.
 */
export function schemeFromWorkbook(data: WorkbookData): SchemeImportResult {
  const c = new Collector();
  if (typeof data !== 'object' || data === null) return { ok: false, errors: [{ path: '', message: '文件内容无法识别' }] };
  const { file, origins } = buildFile(data, c);
  if (c.errors.length) return { ok: false, errors: c.errors };
  const r = FILE.scheme.safeParse(file, { reportInput: true });
  if (r.success) return { ok: true, scheme: { ...(r.data as Scheme), builtin: false } };
  const seen = new Set<string>();
  for (const issue of r.error.issues) {
    const o = locate(issue.path, origins);
    const problem = issueProblem(issue);
    let message: string;
    let path: string;
    if (!o) {
      message = `「${SHEET_RULES}」表：${problem}`;
      path = SHEET_RULES;
    } else if (o.sheet === SHEET_INFO) {
      message = `「${SHEET_INFO}」表${o.row ? `第${o.row}行` : ''}「${o.column}」：${o.row ? problem : `缺少该项，${problem}`}`;
      path = `${SHEET_INFO}!B${o.row || ''}`;
    } else {
      message = o.column ? `第${o.row}行「${o.column}」列：${problem}` : `第${o.row}行：${problem}`;
      path = `${SHEET_RULES}!${o.column ? colLetter(RULE_HEADERS.indexOf(o.column)) : 'A'}${o.row}`;
    }
    if (seen.has(message)) continue;
    seen.add(message);
    c.errors.push({ path, message });
  }
  return { ok: false, errors: c.errors };
}
