import type { z } from 'zod';
import { DIRECTION_LABELS, LAG_UNIT_LABELS, RULE_FEED_LABELS, RULE_KIND_LABELS, SchemeSchema, type Scheme } from './model';

/** One problem found in a scheme: a machine path and a Chinese message naming the place. */
export interface SchemeIssue {
  /** e.g. sections[1].indicators[2].rules[0].points, or a cell such as 评分规则!P5 for Excel. */
  path: string;
  /** e.g. 第2节第3项指标第1条规则: 分值应为正数 */
  message: string;
}

export type SchemeImportResult = { ok: true; scheme: Scheme } | { ok: false; errors: SchemeIssue[] };

type PathPart = PropertyKey;

const FIELD_LABELS: Record<string, string> = {
  format: '文件格式',
  formatVersion: '格式版本',
  id: '编号',
  name: '方案名称',
  year: '年度',
  issuer: '发布单位',
  source: '来源',
  version: '版本',
  targetKinds: '适用对象',
  builtin: '内置标记',
  description: '说明',
  notes: '备注',
  totals: '总分设置',
  grades: '等次',
  sections: '节',
  indicators: '指标',
  content: '考核内容',
  method: '考核方式',
  scoringText: '评分方式',
  weight: '指标满分',
  rules: '规则',
  kind: '规则类型',
  text: '规则内容',
  direction: '加减',
  points: '分值',
  unit: '单位',
  cap: '上限',
  feed: '用途',
  limit: '时限',
  limitUnit: '时限单位',
  fromLabel: '起始日期名称',
  toLabel: '截止日期名称',
  lagLabel: '滞后说法',
  unansweredPoints: '均无人接听扣分',
  wrongAnswerPoints: '回答错误扣分',
  minCalls: '每季度拨测次数',
  options: '选项',
  note: '备注',
  base: '基础分',
};

/** Labels that depend on where the field sits. */
function fieldLabel(key: string, container: string): string {
  if (key === 'title') return container === 'section' ? '节名称' : container === 'indicator' ? '指标名称' : '名称';
  if (key === 'label') return container === 'grade' ? '等次名称' : container === 'option' ? '选项名称' : '名称';
  if (key === 'min') return container === 'totals' ? '得分下限' : container === 'grade' ? '下限' : '最小值';
  if (key === 'max') return container === 'totals' ? '得分上限' : '最大值';
  if (key === 'deductionCap') return container === 'totals' ? '最高减分' : '减分上限';
  if (key === 'bonusCap') return container === 'totals' ? '最高加分' : '加分上限';
  if (key === 'points' && container === 'option') return '选项分值';
  return FIELD_LABELS[key] ?? key;
}

/** "第2节第3项指标第1条规则" and the field label for a zod path. */
export function describePath(path: readonly PathPart[]): { place: string; field: string } {
  let place = '';
  let container = 'scheme';
  let field = '';
  for (let n = 0; n < path.length; n++) {
    const part = path[n];
    const next = path[n + 1];
    if (typeof part === 'number') continue;
    const key = String(part);
    if (typeof next === 'number') {
      if (key === 'sections') {
        place += `第${next + 1}节`;
        container = 'section';
      } else if (key === 'indicators') {
        place += `第${next + 1}项指标`;
        container = 'indicator';
      } else if (key === 'rules') {
        place += `第${next + 1}条规则`;
        container = 'rule';
      } else if (key === 'options') {
        place += `第${next + 1}个选项`;
        container = 'option';
      } else if (key === 'grades') {
        place += `第${next + 1}个等次`;
        container = 'grade';
      } else {
        field = fieldLabel(key, container);
      }
      n++;
      continue;
    }
    if (key === 'totals' && n < path.length - 1) {
      place += '总分设置';
      container = 'totals';
      continue;
    }
    field = fieldLabel(key, container);
  }
  return { place: place || '方案', field };
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '“是”或“否”（true/false）',
  array: '列表',
  object: '对象',
  null: '空值',
};

const VALUE_LABELS: Record<string, string> = {
  ...RULE_KIND_LABELS,
  ...DIRECTION_LABELS,
  ...LAG_UNIT_LABELS,
  ...RULE_FEED_LABELS,
};

function valueList(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? `${v}${VALUE_LABELS[v] ? `(${VALUE_LABELS[v]})` : ''}` : String(v))).join('、');
}

/** zod's own (English) messages start with a Latin letter; ours never do. */
const ENGLISH = /^[A-Za-z]/;

/** The problem part of a Chinese message for one zod issue (e.g. 应为正数). */
export function issueProblem(issue: z.core.$ZodIssue): string {
  if (issue.message && !ENGLISH.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (!('input' in issue) || issue.input === undefined) return '不能为空';
      return `应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `应为以下之一：${valueList(issue.values)}`;
    case 'invalid_union': {
      const i = issue as z.core.$ZodIssueInvalidUnion & { options?: unknown[] };
      if (Array.isArray(i.options)) return `应为以下之一：${valueList(i.options)}`;
      return '格式不正确';
    }
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return '不能为空';
      if (issue.origin === 'array') return `至少应有${issue.minimum}项`;
      return `应不小于${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `不能超过${issue.maximum}个字符`;
      return `应不大于${issue.maximum}`;
    case 'unrecognized_keys':
      return `含有无法识别的字段：${issue.keys.join('、')}`;
    default:
      return '格式不正确';
  }
}

export function pathString(path: readonly PathPart[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s;
}

/** Turns zod issues into Chinese messages that name the place. */
export function issuesToChinese(issues: readonly z.core.$ZodIssue[]): SchemeIssue[] {
  const out: SchemeIssue[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    const { place, field } = describePath(issue.path);
    const problem = issueProblem(issue);
    const message = `${place}：${field}${problem}`;
    const path = pathString(issue.path);
    const key = `${path}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message });
  }
  return out;
}

/**
 * Validates a scheme held in memory (points in thousandths), e.g. after editing.
 * Returns the normalised scheme (defaults filled in) or the problems.
 */
export function validateScheme(value: unknown): SchemeImportResult {
  const r = SchemeSchema.safeParse(value, { reportInput: true });
  if (r.success) return { ok: true, scheme: r.data };
  return { ok: false, errors: issuesToChinese(r.error.issues) };
}

