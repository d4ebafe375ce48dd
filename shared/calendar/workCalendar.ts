import chineseDays from 'chinese-days/dist/chinese-days.json';

/**
 * Working-day calendar for lag rules ("3个工作日内"). Weekends are rest days
 * unless the State Council's notice makes them 调休 working days; statutory
 * holidays are rest days. The default data is the State Council's published
 * arrangement as carried by the `chinese-days` package (2004 onwards); an office
 * can add or correct days, and its own entries win.
 */
export interface CalendarOverride {
  /** ISO date, YYYY-MM-DD. */
  date: string;
  working: boolean;
  note?: string;
}

export interface WorkCalendar {
  isWorkingDay(date: string): boolean;
  /** Years for which the calendar has published data (holidays known). */
  coveredYears(): number[];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function assertIsoDate(date: string): void {
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`日期格式应为 YYYY-MM-DD: ${date}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw new Error(`日期不存在: ${date}`);
  }
}

/** Day number (days since 1970-01-01) of an ISO date; exact, no time zone involved. */
export function dayNumber(date: string): number {
  assertIsoDate(date);
  const [y, m, d] = date.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

export function dateFromDayNumber(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

export function createWorkCalendar(overrides: CalendarOverride[] = []): WorkCalendar {
  const data = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };
  const own = new Map(overrides.map((o) => [o.date, o.working]));
  const years = new Set<number>();
  for (const d of Object.keys(data.holidays)) years.add(Number(d.slice(0, 4)));
  for (const o of overrides) years.add(Number(o.date.slice(0, 4)));
  return {
    isWorkingDay(date: string): boolean {
      const forced = own.get(date);
      if (forced !== undefined) return forced;
      if (date in data.workdays) return true;
      if (date in data.holidays) return false;
      const weekday = new Date(dayNumber(date) * 86_400_000).getUTCDay();
      return weekday !== 0 && weekday !== 6;
    },
    coveredYears: () => [...years].sort((a, b) => a - b),
  };
}

export type LagUnit = 'calendarDays' | 'workingDays' | 'months';

/**
 * How late `to` is after `from`:
 * - calendarDays: plain difference in days;
 * - workingDays: working days after `from` up to and including `to`
 *   (a document of Friday interpreted the next Monday is 1 working day late);
 * - months: whole calendar months elapsed (1月31日 → 2月28日 is 0, → 3月1日 is 1).
 * Negative when `to` precedes `from`.
 */
export function lag(from: string, to: string, unit: LagUnit, calendar: WorkCalendar): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (unit === 'calendarDays') return b - a;
  if (unit === 'months') {
    const [fy, fm, fd] = from.split('-').map(Number);
    const [ty, tm, td] = to.split('-').map(Number);
    let months = (ty - fy) * 12 + (tm - fm);
    if (b >= a ? td < fd : td > fd) months += b >= a ? -1 : 1;
    return months;
  }
  if (b < a) return -lag(to, from, unit, calendar);
  let count = 0;
  for (let n = a + 1; n <= b; n++) if (calendar.isWorkingDay(dateFromDayNumber(n))) count++;
  return count;
}

/** The date `days` working days after `from` (deadlines such as 15个工作日内). */
export function addWorkingDays(from: string, days: number, calendar: WorkCalendar): string {
  let n = dayNumber(from);
  let left = days;
  while (left > 0) {
    n++;
    if (calendar.isWorkingDay(dateFromDayNumber(n))) left--;
  }
  return dateFromDayNumber(n);
}
