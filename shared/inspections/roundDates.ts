import type { InspectionKind } from '../domain/inspections';
import { localDateText } from '../util/localTime';

/**
 * The dates a new round starts with, inside its assessment year. In the
 * current year (by the user's local calendar) a round starts today and runs a
 * week. For another year, today means nothing: the scheme plans its checks 分年中、
 * 三季度末及年底三次进行 (seed 000), so a 年中 round takes the last week of
 * June, a 三季度 round the last week of September and a 年终 round the last
 * week of December; a 专项检查 or 回头看, which has no fixed time, takes
 * today's month and day in that year. A round never runs past 31 December.
 */

const DAYS = 7;

const PLANNED: Partial<Record<InspectionKind, string>> = {
  年中考核: '06-24',
  三季度考核: '09-24',
  年终考核: '12-24',
};

function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

function dateOf(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function defaultRoundDates(year: number, kind: InspectionKind, now: Date = new Date()): { startDate: string; endDate: string } {
  const today = localDateText(now);
  let start: string;
  if (Number(today.slice(0, 4)) === year) start = today;
  else {
    const planned = PLANNED[kind];
    if (planned) start = `${year}-${planned}`;
    else {
      const month = Number(today.slice(5, 7));
      const day = Math.min(Number(today.slice(8, 10)), lastDayOfMonth(year, month));
      start = `${String(year).padStart(4, '0')}-${today.slice(5, 7)}-${String(day).padStart(2, '0')}`;
    }
  }
  const end = Math.min(dayNumber(start) + DAYS - 1, dayNumber(`${year}-12-31`));
  return { startDate: start, endDate: dateOf(end) };
}
