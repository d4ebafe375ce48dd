import type { WorkCalendar } from '../calendar/workCalendar';
import type { PhoneCallRow } from '../domain/inspections';
import { QUARTER_LABELS, QUARTERS, type PhoneCall, type PhoneResponse, type Quarter } from '../scoring/responses';

/**
 * 拨测 helpers: time slots, warnings an inspector should see while logging
 * calls, and the PhoneResponse the scoring engine reads, derived from the rows.
 *
 * Slots follow ordinary office hours: 上午 08:30–12:00 and 下午 13:30–17:30
 * (both ends included); anything else is 非办公时间. Two calls on the same day
 * in the same slot do not count as "different time periods" (分2到3个不同时间段).
 */

export type PhoneSlot = 'morning' | 'afternoon' | 'other';

export const PHONE_SLOT_LABELS: Record<PhoneSlot, string> = { morning: '上午', afternoon: '下午', other: '非办公时间' };

/** Minutes since midnight for each office slot, both ends included. */
export const OFFICE_SLOTS: { slot: Exclude<PhoneSlot, 'other'>; from: number; to: number }[] = [
  { slot: 'morning', from: 8 * 60 + 30, to: 12 * 60 },
  { slot: 'afternoon', from: 13 * 60 + 30, to: 17 * 60 + 30 },
];

export const OFFICE_HOURS_TEXT = '上午8:30—12:00，下午13:30—17:30';

const AT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/;

export interface ParsedCallTime {
  date: string;
  time: string;
  minutes: number;
  quarter: Quarter;
}

/** Parses a local date-time YYYY-MM-DDTHH:mm (seconds or an offset may follow); null if invalid. */
export function parseCallTime(at: string): ParsedCallTime | null {
  const m = AT.exec(at);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  if (month < 1 || month > 12 || hour > 23 || minute > 59) return null;
  const last = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (day < 1 || day > last) return null;
  return { date: `${y}-${mo}-${d}`, time: `${h}:${mi}`, minutes: hour * 60 + minute, quarter: QUARTERS[Math.floor((month - 1) / 3)] };
}

/** What a person enters for a 拨测 call, in a visit or in the year file. */
export interface PhoneCallEntry {
  quarter: Quarter;
  number: string;
  at: string;
  answered: boolean;
  correct: boolean | null;
  caller: string;
}

/**
 * The first problem of a 拨测 call as entered (a Chinese message), or null.
 * With `year`, the call must also fall in that assessment year.
 */
export function phoneCallProblem(input: PhoneCallEntry, year?: number): string | null {
  const t = parseCallTime(input.at);
  if (!t) return '请填写有效的拨测时间';
  if (year !== undefined && Number(input.at.slice(0, 4)) !== year) return `拨测时间不在${year}年度内`;
  if (t.quarter !== input.quarter) return '拨测时间不在所选季度内';
  if (!input.number.trim()) return '请填写拨打的电话号码';
  if (!input.caller.trim()) return '请填写拨测人';
  if (!input.answered && input.correct !== null) return '无人接听时不能判定回答是否正确';
  return null;
}

/** The fields of a 拨测 row as a person entered them, trimmed; an unanswered call is never judged. */
export function phoneCallFields(
  input: PhoneCallEntry & { note: string },
): Pick<PhoneCallRow, 'quarter' | 'number' | 'at' | 'answered' | 'correct' | 'caller' | 'note'> {
  return {
    quarter: input.quarter,
    number: input.number.trim(),
    at: input.at,
    answered: input.answered,
    correct: input.answered ? input.correct : null,
    caller: input.caller.trim(),
    note: input.note.trim(),
  };
}

/** Where a 拨测 row belongs: a visit (assessment and round) or, with both ids empty, the unit's year file. */
export type PhoneCallPlace = Pick<PhoneCallRow, 'assessmentId' | 'inspectionId' | 'targetId' | 'year'>;

/** A new live 拨测 row from a checked entry (see phoneCallProblem). */
export function newPhoneCallRow(id: string, place: PhoneCallPlace, input: PhoneCallEntry & { note: string }, now: string): PhoneCallRow {
  return { id, ...place, ...phoneCallFields(input), createdAt: now, updatedAt: now, deletedAt: null, deleted: 0 };
}

/** The quarter a date (YYYY-MM-DD…) falls in. */
export function quarterOfDate(date: string): Quarter | null {
  const m = /^\d{4}-(\d{2})/.exec(date);
  if (!m) return null;
  const month = Number(m[1]);
  return month >= 1 && month <= 12 ? QUARTERS[Math.floor((month - 1) / 3)] : null;
}

export function phoneSlotOf(at: string): PhoneSlot | null {
  const p = parseCallTime(at);
  if (!p) return null;
  return slotOfMinutes(p.minutes);
}

function slotOfMinutes(minutes: number): PhoneSlot {
  for (const s of OFFICE_SLOTS) if (minutes >= s.from && minutes <= s.to) return s.slot;
  return 'other';
}

export type PhoneWarningKind = 'badTime' | 'wrongQuarter' | 'offHours' | 'restDay' | 'sameSlot' | 'tooFew';

export interface PhoneWarning {
  kind: PhoneWarningKind;
  quarter: Quarter;
  /** The calls concerned (empty for tooFew). */
  callIds: string[];
  message: string;
}

export interface PhoneCallForCheck {
  id: string;
  quarter: Quarter;
  at: string;
}

export interface PhoneCheckOptions {
  /** Calls expected per quarter; the phone rule's minCalls (default 2). */
  minCalls?: number;
  /** When given, calls on rest days (weekends, holidays, except 调休 working days) are flagged too. */
  calendar?: WorkCalendar;
}

/**
 * Warnings for the calls of one target, quarter by quarter (only quarters with
 * at least one call): fewer calls than required, two calls in the same slot of
 * the same day, calls outside office hours or on a rest day, a time that cannot
 * be read or that lies outside the quarter it was logged under.
 */
export function phoneCallWarnings(calls: readonly PhoneCallForCheck[], options: PhoneCheckOptions = {}): PhoneWarning[] {
  const minCalls = options.minCalls ?? 2;
  const out: PhoneWarning[] = [];
  for (const quarter of QUARTERS) {
    const inQuarter = calls.filter((c) => c.quarter === quarter);
    if (inQuarter.length === 0) continue;
    const q = QUARTER_LABELS[quarter];
    const parsed = inQuarter
      .map((c) => ({ c, p: parseCallTime(c.at) }))
      .sort((x, y) => (x.c.at < y.c.at ? -1 : x.c.at > y.c.at ? 1 : 0));
    if (inQuarter.length < minCalls) {
      out.push({
        kind: 'tooFew',
        quarter,
        callIds: [],
        message: `${q}仅拨测 ${inQuarter.length} 次，应分 ${minCalls} 个以上不同时间段拨测`,
      });
    }
    const bySlot = new Map<string, string[]>();
    for (const { c, p } of parsed) {
      if (!p) {
        out.push({ kind: 'badTime', quarter, callIds: [c.id], message: `${q}有一次拨测的时间「${c.at}」无法识别` });
        continue;
      }
      if (p.quarter !== quarter) {
        out.push({ kind: 'wrongQuarter', quarter, callIds: [c.id], message: `${p.date} ${p.time} 的拨测不在${q}内，请核对季度` });
      }
      const slot = slotOfMinutes(p.minutes);
      if (slot === 'other') {
        out.push({ kind: 'offHours', quarter, callIds: [c.id], message: `${p.date} ${p.time} 的拨测不在办公时间（${OFFICE_HOURS_TEXT}）` });
      } else if (options.calendar && !options.calendar.isWorkingDay(p.date)) {
        out.push({ kind: 'restDay', quarter, callIds: [c.id], message: `${p.date} 为休息日，该日 ${p.time} 的拨测不在工作日内` });
      }
      const key = `${p.date}|${slot}`;
      bySlot.set(key, [...(bySlot.get(key) ?? []), c.id]);
    }
    for (const [key, ids] of bySlot) {
      if (ids.length < 2) continue;
      const [date, slot] = key.split('|') as [string, PhoneSlot];
      out.push({
        kind: 'sameSlot',
        quarter,
        callIds: ids,
        message: `${q} ${date} ${PHONE_SLOT_LABELS[slot]}拨测 ${ids.length} 次，属同一时间段，应在不同时间段拨测`,
      });
    }
  }
  return out;
}

type PhoneRowLike = Pick<PhoneCallRow, 'quarter' | 'at' | 'answered' | 'correct'> & { deleted?: 0 | 1 };

/**
 * The phone-test response for the scoring engine, from the logged calls
 * (soft-deleted rows ignored), quarter by quarter and in time order. An
 * unanswered call is never judged (correct = null). Null when nothing was logged.
 */
export function phoneResponseFromCalls(rows: readonly PhoneRowLike[]): PhoneResponse | null {
  const live = rows.filter((r) => r.deleted !== 1);
  if (live.length === 0) return null;
  const quarters: PhoneResponse['quarters'] = [];
  for (const quarter of QUARTERS) {
    const calls: PhoneCall[] = live
      .filter((r) => r.quarter === quarter)
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
      .map((r) => ({ at: r.at, answered: r.answered, correct: r.answered ? r.correct : null }));
    if (calls.length > 0) quarters.push({ quarter, calls });
  }
  return { quarters };
}

/** One line per quarter for the assessment screen: 第二季度拨测 3 次：均无人接听. */
export function phoneQuarterSummaries(response: PhoneResponse | null): string[] {
  if (!response) return [];
  return response.quarters.map(({ quarter, calls }) => {
    const answered = calls.filter((c) => c.answered).length;
    const wrong = calls.filter((c) => c.answered && c.correct === false).length;
    const q = QUARTER_LABELS[quarter];
    if (answered === 0) return `${q}拨测 ${calls.length} 次：均无人接听`;
    return `${q}拨测 ${calls.length} 次：接听 ${answered} 次${wrong ? `，其中回答存在明显问题 ${wrong} 次` : ''}`;
  });
}

// ---- 拨测 override in the year-end pre-fill --------------------------------

/**
 * How the inspector judges one logged call when overriding the 拨测 rule:
 * as 无人接听, as answered with no obvious problem, as answered with an
 * obviously wrong answer, or not counted at all (e.g. the wrong number was
 * dialled, or the line was cut by works the unit proved).
 */
export type PhoneCallOutcome = 'unanswered' | 'answered' | 'wrong' | 'excluded';

export const PHONE_OUTCOMES: readonly PhoneCallOutcome[] = ['unanswered', 'answered', 'wrong', 'excluded'];

export const PHONE_OUTCOME_LABELS: Record<PhoneCallOutcome, string> = {
  unanswered: '无人接听',
  answered: '接听，回答无明显问题',
  wrong: '接听，回答存在明显问题',
  excluded: '不计入',
};

/**
 * A 拨测 override: call id → the inspector's judgment, only for the calls it
 * changes. Every other call counts as recorded, so a call logged after the
 * override still counts and a deleted call drops out.
 */
export interface PhoneOverride {
  calls: Record<string, PhoneCallOutcome>;
}

type JudgedCall = Pick<PhoneCallRow, 'quarter' | 'at' | 'answered' | 'correct'> & { id?: string; deleted?: 0 | 1 };

/** What the record of a call says, as an outcome. */
export function recordedOutcome(c: Pick<PhoneCallRow, 'answered' | 'correct'>): PhoneCallOutcome {
  if (!c.answered) return 'unanswered';
  return c.correct === false ? 'wrong' : 'answered';
}

export function isPhoneOverride(value: unknown): value is PhoneOverride {
  if (!value || typeof value !== 'object' || !('calls' in value)) return false;
  const calls = (value as { calls: unknown }).calls;
  if (!calls || typeof calls !== 'object' || Array.isArray(calls)) return false;
  return Object.values(calls).every((o) => PHONE_OUTCOMES.includes(o as PhoneCallOutcome));
}

/** The calls as the override judges them (live calls only; excluded ones left out). */
export function applyPhoneOverride<C extends JudgedCall>(calls: readonly C[], override: PhoneOverride | null): C[] {
  const out: C[] = [];
  for (const c of calls) {
    if (c.deleted === 1) continue;
    const outcome = c.id !== undefined ? override?.calls[c.id] : undefined;
    if (!outcome || outcome === recordedOutcome(c)) out.push(c);
    else if (outcome !== 'excluded') out.push({ ...c, answered: outcome !== 'unanswered', correct: outcome === 'unanswered' ? null : outcome === 'answered' });
  }
  return out;
}

/** The override with only what it changes on the given calls (judgments equal to the record, or of calls not given, dropped). */
export function normalizePhoneOverride(calls: readonly JudgedCall[], override: PhoneOverride): PhoneOverride {
  const out: Record<string, PhoneCallOutcome> = {};
  for (const c of calls) {
    if (c.deleted === 1 || c.id === undefined) continue;
    const o = override.calls[c.id];
    if (o && o !== recordedOutcome(c)) out[c.id] = o;
  }
  return { calls: out };
}

/** The first problem of a 拨测 override against the calls it judges (a Chinese message), or null. */
export function phoneOverrideProblem(calls: readonly JudgedCall[], override: PhoneOverride): string | null {
  if (!isPhoneOverride(override)) return '拨测改动的内容无法识别';
  const live = new Set(calls.filter((c) => c.deleted !== 1 && c.id !== undefined).map((c) => c.id));
  if (Object.keys(override.calls).some((id) => !live.has(id))) return '改动的拨测记录不存在或已删除，请重新打开后再改动';
  if (Object.keys(normalizePhoneOverride(calls, override).calls).length === 0) return '改动后与拨测记录相同，如无改动请点「确认」';
  return null;
}

function callWhen(c: Pick<PhoneCallRow, 'quarter' | 'at'>): string {
  const t = parseCallTime(c.at);
  return t ? `${QUARTER_LABELS[c.quarter]} ${Number(t.date.slice(5, 7))}月${Number(t.date.slice(8, 10))}日 ${t.time}` : `${QUARTER_LABELS[c.quarter]}「${c.at}」`;
}

/** One line per call the override changes, in time order: 第二季度 5月10日 09:30 的拨测：记录为无人接听，改为不计入. */
export function phoneOverrideLines(calls: readonly JudgedCall[], override: PhoneOverride): string[] {
  const changed = normalizePhoneOverride(calls, override).calls;
  return calls
    .filter((c) => c.id !== undefined && changed[c.id] !== undefined)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .map((c) => `${callWhen(c)} 的拨测：记录为${PHONE_OUTCOME_LABELS[recordedOutcome(c)]}，改为${PHONE_OUTCOME_LABELS[changed[c.id!]]}`);
}
