import { describe, expect, it } from 'vitest';
import { addWorkingDays, createWorkCalendar, lag } from '../../shared/calendar/workCalendar';

describe('working-day calendar', () => {
  const cal = createWorkCalendar();

  it('follows the State Council arrangement for National Day 2024 with 调休 Sundays and Saturdays', () => {
    expect(cal.isWorkingDay('2024-09-29')).toBe(true); // Sunday, 调休上班
    expect(cal.isWorkingDay('2024-10-12')).toBe(true); // Saturday, 调休上班
    expect(cal.isWorkingDay('2024-10-01')).toBe(false);
    expect(cal.isWorkingDay('2024-10-07')).toBe(false);
    expect(cal.isWorkingDay('2024-10-08')).toBe(true);
    expect(cal.isWorkingDay('2017-09-30')).toBe(true);
    expect(cal.isWorkingDay('2017-10-08')).toBe(false);
  });

  it('counts a 3-working-day lag across the holiday, not 3 calendar days', () => {
    // Document of Friday 2024-09-27; Sunday 29th is a working day; 10-01..07 holiday.
    expect(lag('2024-09-27', '2024-09-30', 'workingDays', cal)).toBe(2);
    expect(lag('2024-09-27', '2024-10-08', 'workingDays', cal)).toBe(3);
    expect(lag('2024-09-27', '2024-10-08', 'calendarDays', cal)).toBe(11);
  });

  it('lets an office correct a day, and its entry wins', () => {
    const own = createWorkCalendar([{ date: '2024-10-08', working: false, note: '本地调整' }]);
    expect(own.isWorkingDay('2024-10-08')).toBe(false);
    expect(lag('2024-09-27', '2024-10-08', 'workingDays', own)).toBe(2);
  });

  it('counts whole months and adds working days for deadlines', () => {
    expect(lag('2024-01-31', '2024-02-29', 'months', cal)).toBe(0);
    expect(lag('2024-01-31', '2024-03-01', 'months', cal)).toBe(1);
    expect(lag('2024-03-15', '2024-04-16', 'months', cal)).toBe(1);
    expect(addWorkingDays('2024-09-27', 3, cal)).toBe('2024-10-08');
  });

  it('refuses dates that do not exist', () => {
    expect(() => lag('2024-02-30', '2024-03-01', 'calendarDays', cal)).toThrow('日期不存在');
  });
});
