import type { TargetKind } from '../../../shared/domain/targets';
import { schemeFromFileObject, schemeToFileObject } from '../../../shared/scheme/json';
import type { Direction, LagLimitUnit, RuleFeed, RuleKind, Scheme } from '../../../shared/scheme/model';
import { describePath, pathString, validateScheme, type SchemeIssue } from '../../../shared/scheme/validate';

/**
 * The editor works on the scheme in its file form: the same structure as the
 * model, with points as decimal text exactly as typed ("0.05"), and null for a
 * cap left empty. Validation is the file import's (decimal parsing with the
 * points module, then every model check), followed by validateScheme on the
 * parsed scheme, so the editor and an imported file report the same messages.
 */

export type PointsText = string;

interface DraftRuleBase {
  id: string;
  text: string;
  note: string;
}
export interface DraftFixed extends DraftRuleBase {
  kind: 'fixed';
  direction: Direction;
  points: PointsText;
}
export interface DraftOccurrence extends DraftRuleBase {
  kind: 'occurrence';
  direction: Direction;
  points: PointsText;
  unit: string;
  cap: PointsText | null;
  feed: RuleFeed | null;
}
export interface DraftRange extends DraftRuleBase {
  kind: 'range';
  direction: Direction;
  min: PointsText;
  max: PointsText;
}
export interface DraftLag extends DraftRuleBase {
  kind: 'lag';
  direction: Direction;
  points: PointsText;
  unit: string;
  limit: number | null;
  limitUnit: LagLimitUnit;
  cap: PointsText | null;
  fromLabel: string;
  toLabel: string;
  lagLabel: string;
}
export interface DraftPhone extends DraftRuleBase {
  kind: 'phone';
  unansweredPoints: PointsText;
  wrongAnswerPoints: PointsText;
  minCalls: number | null;
  cap: PointsText | null;
}
export interface DraftWeighted extends DraftRuleBase {
  kind: 'weighted';
  max: PointsText;
}
export interface DraftRating extends DraftRuleBase {
  kind: 'rating';
  options: { label: string; points: PointsText }[];
}
export type DraftRule = DraftFixed | DraftOccurrence | DraftRange | DraftLag | DraftPhone | DraftWeighted | DraftRating;

export interface DraftIndicator {
  id: string;
  title: string;
  content: string;
  method: string;
  scoringText: string;
  weight: PointsText | null;
  bonusCap: PointsText | null;
  rules: DraftRule[];
}

export interface DraftSection {
  id: string;
  title: string;
  deductionCap: PointsText | null;
  bonusCap: PointsText | null;
  indicators: DraftIndicator[];
}

export interface SchemeDraft {
  id: string;
  name: string;
  year: number | null;
  issuer: string;
  source: string;
  version: number;
  targetKinds: TargetKind[];
  description: string;
  notes: string[];
  totals: { base: PointsText; deductionCap: PointsText | null; bonusCap: PointsText | null; min: PointsText | null; max: PointsText | null };
  grades: { label: string; min: PointsText | null }[] | null;
  sections: DraftSection[];
}

export type Path = (string | number)[];

/** The editable form of a stored scheme. */
export function draftFromScheme(scheme: Scheme): SchemeDraft {
  const obj = schemeToFileObject(scheme);
  delete obj.format;
  delete obj.formatVersion;
  return obj as unknown as SchemeDraft;
}

export interface DraftCheck {
  /** The parsed, valid scheme, or null while there are errors. */
  scheme: Scheme | null;
  /** Every problem, in document order, each naming its place. */
  errors: SchemeIssue[];
  /** Path (e.g. sections[0].indicators[2].rules[0].points) → short message for the field. */
  byPath: Map<string, string>;
}

/** Numbers the editor requires; an empty box reads 不能为空 rather than a type error. */
const REQUIRED_NUMBERS = new Set(['year', 'limit', 'minCalls']);

/** Validates a draft as the editor shows it: every error with its place, and the scheme when valid. */
export function checkDraft(draft: SchemeDraft, builtin = false): DraftCheck {
  const parsed = schemeFromFileObject(draft);
  let errors: SchemeIssue[];
  let scheme: Scheme | null = null;
  if (parsed.ok) {
    const again = validateScheme({ ...parsed.scheme, builtin });
    if (again.ok) {
      scheme = again.scheme;
      errors = [];
    } else errors = again.errors;
  } else errors = parsed.errors;
  errors = errors.map((e) => fixEmptyNumber(draft, e));
  const byPath = new Map<string, string>();
  for (const e of errors) {
    const short = shortMessage(e.message);
    const prev = byPath.get(e.path);
    byPath.set(e.path, prev ? `${prev}；${short}` : short);
  }
  return { scheme, errors, byPath };
}

function fixEmptyNumber(draft: SchemeDraft, e: SchemeIssue): SchemeIssue {
  const path = parsePath(e.path);
  const last = path[path.length - 1];
  if (typeof last === 'string' && REQUIRED_NUMBERS.has(last) && getIn(draft, path) == null) {
    const { place, field } = describePath(path);
    return { path: e.path, message: `${place}：${field}不能为空` };
  }
  return e;
}

/** The message without its place: 「第1节第2项指标：指标满分应为正数」 → 「指标满分应为正数」. */
export function shortMessage(message: string): string {
  const i = message.indexOf('：');
  return i >= 0 ? message.slice(i + 1) : message;
}

/** 'sections[0].indicators[2].rules[0].points' → ['sections', 0, 'indicators', 2, 'rules', 0, 'points']. */
export function parsePath(path: string): Path {
  const out: Path = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

export { pathString };

export function getIn(obj: unknown, path: Path): unknown {
  let cur = obj as Record<string | number, unknown> | undefined;
  for (const p of path) {
    if (cur == null || typeof cur !== 'object') return undefined;
    cur = cur[p] as Record<string | number, unknown> | undefined;
  }
  return cur;
}

/** Immutable set: copies only the objects and arrays along the path. */
export function setIn<T>(obj: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const container = obj as unknown as Record<string | number, unknown> | unknown[];
  const child = (container as Record<string | number, unknown>)[head];
  const next = setIn(child, rest, value);
  if (Array.isArray(container)) {
    const copy = container.slice();
    copy[head as number] = next;
    return copy as unknown as T;
  }
  return { ...(container as object), [head]: next } as T;
}

/** A list with one item moved up (-1) or down (+1); unchanged at the ends. */
export function moveItem<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (to < 0 || to >= list.length) return list.slice();
  const copy = list.slice();
  [copy[index], copy[to]] = [copy[to], copy[index]];
  return copy;
}

/** Every id used in the draft (sections, indicators, rules). */
export function allIds(draft: SchemeDraft): Set<string> {
  const ids = new Set<string>();
  for (const s of draft.sections) {
    ids.add(s.id);
    for (const i of s.indicators) {
      ids.add(i.id);
      for (const r of i.rules) ids.add(r.id);
    }
  }
  return ids;
}

/** `${prefix}${n}` for the smallest n ≥ start not yet used. */
export function uniqueId(used: Set<string>, prefix: string, start = 1): string {
  let n = start;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** A new rule of the given kind; keeps id, text, note, direction and a points value of `from` where they fit. */
export function newRule(kind: RuleKind, id: string, from?: DraftRule): DraftRule {
  const base = { id, text: from?.text ?? '', note: from?.note ?? '' };
  const direction: Direction = from && 'direction' in from ? from.direction : 'deduct';
  const points = from && 'points' in from && !Array.isArray(from.points) ? from.points : '0.1';
  switch (kind) {
    case 'fixed':
      return { ...base, kind, direction, points };
    case 'occurrence':
      return { ...base, kind, direction, points, unit: '件', cap: null, feed: null };
    case 'range':
      return { ...base, kind, direction, min: '0.1', max: '0.2' };
    case 'lag':
      return {
        ...base,
        kind,
        direction,
        points,
        unit: '件',
        limit: 5,
        limitUnit: 'calendarDays',
        cap: null,
        fromLabel: '文件发布日期',
        toLabel: '完成日期',
        lagLabel: '滞后',
      };
    case 'phone':
      return { ...base, kind, unansweredPoints: '0.2', wrongAnswerPoints: '0.1', minCalls: 2, cap: null };
    case 'weighted':
      return { ...base, kind, max: '5' };
    case 'rating':
      return {
        ...base,
        kind,
        options: [
          { label: '满意', points: '10' },
          { label: '基本满意', points: '6' },
          { label: '不满意', points: '0' },
        ],
      };
  }
}

export function newIndicator(id: string, ruleId: string): DraftIndicator {
  return {
    id,
    title: '新指标',
    content: '',
    method: '',
    scoringText: '',
    weight: null,
    bonusCap: null,
    rules: [{ ...newRule('occurrence', ruleId), text: '' }],
  };
}

export function newSection(id: string, indicatorId: string, ruleId: string): DraftSection {
  return { id, title: '新的一节', deductionCap: null, bonusCap: null, indicators: [newIndicator(indicatorId, ruleId)] };
}

/** The default grade bands for 百分制 schemes (editable): 优秀≥90, 良好≥80, 合格≥60, 不合格. */
export const DEFAULT_GRADES: NonNullable<SchemeDraft['grades']> = [
  { label: '优秀', min: '90' },
  { label: '良好', min: '80' },
  { label: '合格', min: '60' },
  { label: '不合格', min: null },
];

/** Where an error path points, for jumping there: the section and indicator indices, if any. */
export function locate(path: string): { tab: 'info' | 'rules' | 'totals'; section?: number; indicator?: number } {
  const p = parsePath(path);
  if (p[0] === 'sections') {
    return { tab: 'rules', section: typeof p[1] === 'number' ? p[1] : undefined, indicator: p[2] === 'indicators' && typeof p[3] === 'number' ? p[3] : undefined };
  }
  if (p[0] === 'totals' || p[0] === 'grades') return { tab: 'totals' };
  return { tab: 'info' };
}

/** True when two drafts hold the same content (the version number aside: saving sets it). */
export function sameDraft(a: unknown, b: unknown): boolean {
  const strip = (d: unknown) => (d && typeof d === 'object' ? { ...(d as object), version: 0 } : d);
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}
