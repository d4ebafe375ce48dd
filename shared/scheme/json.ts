import { pointsToDecimal, type Points } from '../points/points';
import { buildSchemeSchemas, type Rule, type Scheme } from './model';
import { issuesToChinese, type SchemeImportResult } from './validate';

/**
 * The scheme JSON file: the model with points as decimal text ("0.05"), a
 * format header, keys in a fixed order, 2-space indent and a trailing newline.
 * `builtin` is not part of the file (an imported scheme is always an editable
 * copy), so export → import → export is byte-identical and the content hash of
 * a built-in equals the hash of its exported copy.
 */

export const SCHEME_FILE_FORMAT = 'zwgk-scheme';
export const SCHEME_FILE_VERSION = 1;

const FILE = buildSchemeSchemas('decimal');

const d = (p: Points): string => pointsToDecimal(p);
const dn = (p: Points | null): string | null => (p === null ? null : pointsToDecimal(p));

function ruleToFile(r: Rule): Record<string, unknown> {
  switch (r.kind) {
    case 'fixed':
      return { id: r.id, kind: r.kind, text: r.text, direction: r.direction, points: d(r.points), note: r.note };
    case 'occurrence':
      return {
        id: r.id,
        kind: r.kind,
        text: r.text,
        direction: r.direction,
        points: d(r.points),
        unit: r.unit,
        cap: dn(r.cap),
        feed: r.feed,
        note: r.note,
      };
    case 'range':
      return { id: r.id, kind: r.kind, text: r.text, direction: r.direction, min: d(r.min), max: d(r.max), note: r.note };
    case 'lag':
      return {
        id: r.id,
        kind: r.kind,
        text: r.text,
        direction: r.direction,
        points: d(r.points),
        unit: r.unit,
        limit: r.limit,
        limitUnit: r.limitUnit,
        cap: dn(r.cap),
        fromLabel: r.fromLabel,
        toLabel: r.toLabel,
        lagLabel: r.lagLabel,
        note: r.note,
      };
    case 'phone':
      return {
        id: r.id,
        kind: r.kind,
        text: r.text,
        unansweredPoints: d(r.unansweredPoints),
        wrongAnswerPoints: d(r.wrongAnswerPoints),
        minCalls: r.minCalls,
        cap: dn(r.cap),
        note: r.note,
      };
    case 'weighted':
      return { id: r.id, kind: r.kind, text: r.text, max: d(r.max), note: r.note };
    case 'rating':
      return { id: r.id, kind: r.kind, text: r.text, options: r.options.map((o) => ({ label: o.label, points: d(o.points) })), note: r.note };
  }
}

/** The scheme as the plain object written to a JSON file (canonical key order). */
export function schemeToFileObject(s: Scheme): Record<string, unknown> {
  return {
    format: SCHEME_FILE_FORMAT,
    formatVersion: SCHEME_FILE_VERSION,
    id: s.id,
    name: s.name,
    year: s.year,
    issuer: s.issuer,
    source: s.source,
    version: s.version,
    targetKinds: [...s.targetKinds],
    description: s.description,
    notes: [...s.notes],
    totals: {
      base: d(s.totals.base),
      deductionCap: dn(s.totals.deductionCap),
      bonusCap: dn(s.totals.bonusCap),
      min: dn(s.totals.min),
      max: dn(s.totals.max),
    },
    grades: s.grades === null ? null : s.grades.map((g) => ({ label: g.label, min: dn(g.min) })),
    sections: s.sections.map((sec) => ({
      id: sec.id,
      title: sec.title,
      deductionCap: dn(sec.deductionCap),
      bonusCap: dn(sec.bonusCap),
      indicators: sec.indicators.map((ind) => ({
        id: ind.id,
        title: ind.title,
        content: ind.content,
        method: ind.method,
        scoringText: ind.scoringText,
        weight: dn(ind.weight),
        bonusCap: dn(ind.bonusCap),
        rules: ind.rules.map(ruleToFile),
      })),
    })),
  };
}

/** Canonical JSON text of a scheme: stable key order, 2-space indent, trailing newline. */
export function exportSchemeJson(scheme: Scheme): string {
  return JSON.stringify(schemeToFileObject(scheme), null, 2) + '\n';
}

/**
 * Validates a scheme given as a file object (points as decimal text or
 * numbers in points). The result is never marked built-in.
 */
export function schemeFromFileObject(value: unknown): SchemeImportResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, errors: [{ path: '', message: '方案：文件内容应为一个方案对象' }] };
  }
  const obj = value as Record<string, unknown>;
  if ('format' in obj && obj.format !== SCHEME_FILE_FORMAT) {
    return { ok: false, errors: [{ path: 'format', message: `方案：文件格式「${String(obj.format)}」不是考核方案文件` }] };
  }
  if ('formatVersion' in obj) {
    const v = obj.formatVersion;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      return { ok: false, errors: [{ path: 'formatVersion', message: '方案：格式版本应为正整数' }] };
    }
    if (v > SCHEME_FILE_VERSION) {
      return {
        ok: false,
        errors: [{ path: 'formatVersion', message: `方案：文件格式版本 ${v} 高于本程序支持的版本 ${SCHEME_FILE_VERSION}，请升级程序后再导入` }],
      };
    }
  }
  const { format: _f, formatVersion: _v, builtin: _b, ...rest } = obj;
  void _f;
  void _v;
  void _b;
  const r = FILE.scheme.safeParse(rest, { reportInput: true });
  if (!r.success) return { ok: false, errors: issuesToChinese(r.error.issues) };
  return { ok: true, scheme: { ...(r.data as Scheme), builtin: false } };
}

/** Parses and validates a scheme JSON file. Errors are in Chinese and name the place. */
export function importSchemeJson(text: string): SchemeImportResult {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(detail);
    let where = '';
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      const line = before.split('\n').length;
      where = `第${line}行附近`;
    }
    return { ok: false, errors: [{ path: '', message: `文件不是有效的 JSON${where ? `（${where}有格式错误）` : ''}，无法导入` }] };
  }
  return schemeFromFileObject(value);
}
