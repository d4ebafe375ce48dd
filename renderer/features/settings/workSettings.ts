import { createWorkCalendar, assertIsoDate, type CalendarOverride, type WorkCalendar } from '../../../shared/calendar/workCalendar';
import type { InspectorDatabase } from '../../db/database';

/**
 * Office-wide settings that several features read: the default deadline of
 * findings (整改期限, in working days) and the office's corrections to the
 * State Council working-day calendar. One place reads and validates them.
 */
export const DEADLINE_SETTING_KEY = 'settings.findingDeadlineWorkingDays';
export const DEFAULT_DEADLINE_DAYS = 15;
export const CALENDAR_OVERRIDES_KEY = 'settings.calendarOverrides';

export function parseDeadlineDays(v: unknown): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 365 ? v : DEFAULT_DEADLINE_DAYS;
}

export async function readDeadlineDays(db: InspectorDatabase): Promise<number> {
  return parseDeadlineDays((await db.meta.get(DEADLINE_SETTING_KEY))?.value);
}

export async function saveDeadlineDays(db: InspectorDatabase, days: number): Promise<void> {
  if (!Number.isInteger(days) || days < 1 || days > 365) throw new Error('整改期限应为1至365个工作日');
  await db.meta.put({ key: DEADLINE_SETTING_KEY, value: days });
}

export function parseCalendarOverrides(v: unknown): CalendarOverride[] {
  if (!Array.isArray(v)) return [];
  return v.filter((o): o is CalendarOverride => !!o && typeof o.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(o.date) && typeof o.working === 'boolean');
}

export async function readCalendarOverrides(db: InspectorDatabase): Promise<CalendarOverride[]> {
  return parseCalendarOverrides((await db.meta.get(CALENDAR_OVERRIDES_KEY))?.value);
}

export async function readWorkCalendar(db: InspectorDatabase): Promise<WorkCalendar> {
  return createWorkCalendar(await readCalendarOverrides(db));
}

/** Replace the office's corrections; each date once, sorted. */
export async function saveCalendarOverrides(db: InspectorDatabase, overrides: CalendarOverride[]): Promise<void> {
  const byDate = new Map<string, CalendarOverride>();
  for (const o of overrides) {
    assertIsoDate(o.date);
    byDate.set(o.date, { date: o.date, working: o.working, ...(o.note?.trim() ? { note: o.note.trim() } : {}) });
  }
  await db.meta.put({ key: CALENDAR_OVERRIDES_KEY, value: [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)) });
}
