import { afterEach, describe, expect, it } from 'vitest';
import { defaultRoundDates } from '../../../shared/inspections/roundDates';

const original = process.env.TZ;
function inZone<T>(zone: string, f: () => T): T {
  process.env.TZ = zone;
  try {
    return f();
  } finally {
    process.env.TZ = original;
  }
}
afterEach(() => {
  process.env.TZ = original;
});

const dates = (d: { startDate: string; endDate: string }) => `${d.startDate}—${d.endDate}`;

describe('a new round’s default dates', () => {
  const now = new Date('2026-12-02T02:00:00Z');

  it('in another year fall where the scheme plans the check: 年中, 三季度末, 年底', () => {
    expect(dates(defaultRoundDates(2024, '年中考核', now))).toBe('2024-06-24—2024-06-30');
    expect(dates(defaultRoundDates(2024, '三季度考核', now))).toBe('2024-09-24—2024-09-30');
    expect(dates(defaultRoundDates(2024, '年终考核', now))).toBe('2024-12-24—2024-12-30');
    // No planned time: today's month and day, in the round's year.
    expect(dates(defaultRoundDates(2024, '专项检查', now))).toBe('2024-12-02—2024-12-08');
    expect(dates(defaultRoundDates(2027, '回头看', now))).toBe('2027-12-02—2027-12-08');
  });

  it('in the current year start today and never run past 31 December', () => {
    expect(dates(defaultRoundDates(2026, '年中考核', now))).toBe('2026-12-02—2026-12-08');
    expect(dates(defaultRoundDates(2026, '三季度考核', new Date('2026-12-28T02:00:00Z')))).toBe('2026-12-28—2026-12-31');
    expect(dates(defaultRoundDates(2025, '回头看', new Date('2024-02-29T04:00:00Z')))).toBe('2025-02-28—2025-03-06');
  });

  it('read today on the user’s own calendar (Beijing is already in the new year when New York is not)', () => {
    const newYearInBeijing = new Date('2024-12-31T20:00:00Z');
    expect(inZone('Asia/Shanghai', () => dates(defaultRoundDates(2024, '专项检查', newYearInBeijing)))).toBe('2024-01-01—2024-01-07');
    expect(inZone('America/New_York', () => dates(defaultRoundDates(2024, '专项检查', newYearInBeijing)))).toBe('2024-12-31—2024-12-31');
    expect(inZone('Asia/Shanghai', () => dates(defaultRoundDates(2025, '年中考核', newYearInBeijing)))).toBe('2025-01-01—2025-01-07');
    expect(inZone('America/New_York', () => dates(defaultRoundDates(2025, '年中考核', newYearInBeijing)))).toBe('2025-06-24—2025-06-30');
  });
});
