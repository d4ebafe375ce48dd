import { FINDING_STATUSES } from '../domain/findings';
import { formatPoints, tryParsePoints } from '../points/points';
import type { Rule } from '../scheme/model';
import { verb } from '../scoring/explain';
import type { RuleResponse } from '../scoring/responses';

/**
 * A changed value as the screens show it, for the list of merge conflicts:
 * 3家, 视情况减0.5分（理由：…）, 已达标 — never raw JSON.
 */

const CHECKLIST_STATUS: Record<string, string> = { met: '已达标', notMet: '未达标', na: '不适用' };
const ASSESSMENT_STATUS: Record<string, string> = { open: '评分中', submitted: '已提交' };

function points(v: unknown): string | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? formatPoints(v) : null;
  if (typeof v === 'string') {
    const p = tryParsePoints(v);
    return p.ok ? formatPoints(p.value) : v;
  }
  return null;
}

function isZero(v: unknown): boolean {
  if (typeof v === 'number') return v === 0;
  if (typeof v === 'string') {
    const p = tryParsePoints(v);
    return p.ok && p.value === 0;
  }
  return false;
}

/** One rule's response in words; `rule` is the rule of the round's scheme, when known. */
export function describeResponse(response: RuleResponse | null, rule?: Rule): string {
  if (response === null) return '未评';
  const dir = rule && 'direction' in rule ? verb(rule.direction) : '';
  const unit = rule && 'unit' in rule ? rule.unit : '项';
  if ('applies' in response) {
    if (!response.applies) return '否（不适用）';
    return rule?.kind === 'fixed' ? `是（${dir}${formatPoints(rule.points)}分）` : '是';
  }
  if ('count' in response) return `${response.count}${unit}`;
  if ('reason' in response) {
    if (isZero(response.value)) return '不加减分';
    const reason = response.reason.trim() ? `（理由：${response.reason.trim()}）` : '';
    return `视情况${dir}${points(response.value) ?? String(response.value)}分${reason}`;
  }
  if ('items' in response) {
    if (response.items.length === 0) return `0${unit}`;
    const names = response.items.map((i) => `《${i.label}》`).join('、');
    return `${response.items.length}${unit}：${names.length > 60 ? `${names.slice(0, 60)}…` : names}`;
  }
  if ('quarters' in response) {
    const calls = response.quarters.reduce((n, q) => n + q.calls.length, 0);
    const unanswered = response.quarters.reduce((n, q) => n + q.calls.filter((c) => !c.answered).length, 0);
    return `拨测 ${calls} 次，未接听 ${unanswered} 次`;
  }
  if ('awarded' in response) return `得${points(response.awarded) ?? String(response.awarded)}分`;
  if ('option' in response) return response.option;
  return '（无法显示）';
}

function plain(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.length ? v.join('、') : '（空）';
  return '（内容较复杂，请在相应页面查看）';
}

/** A field's value in words. */
export function describeFieldValue(table: string, field: string, value: unknown, rule?: Rule): string {
  if (field === 'deleted') return value === 1 || value === true ? '已删除' : '未删除';
  if (field === 'deletedAt') return value ? '已删除' : '未删除';
  if (table === 'responses' && field === 'response') return describeResponse(value as RuleResponse | null, rule);
  if (table === 'checklistAnswers' && field === 'status') return value === null ? '未核查' : (CHECKLIST_STATUS[String(value)] ?? String(value));
  if (table === 'assessments' && field === 'status') return ASSESSMENT_STATUS[String(value)] ?? String(value);
  if (table === 'findings' && field === 'status' && (FINDING_STATUSES as readonly unknown[]).includes(value)) return String(value);
  if (field === 'scheme') return '（考核方案内容）';
  return plain(value);
}
