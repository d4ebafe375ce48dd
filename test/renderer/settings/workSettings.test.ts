import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { lag } from '../../../shared/calendar/workCalendar';
import { InspectorDatabase } from '../../../renderer/db/database';
import { readCalendarOverrides, readDeadlineDays, readWorkCalendar, saveCalendarOverrides, saveDeadlineDays } from '../../../renderer/features/settings/workSettings';

let db: InspectorDatabase;
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('office work settings', () => {
  it('applies the office’s calendar corrections over the State Council arrangement', async () => {
    db = new InspectorDatabase(`ws-${Math.random()}`);
    expect(lag('2024-09-27', '2024-10-08', 'workingDays', await readWorkCalendar(db))).toBe(3);
    await saveCalendarOverrides(db, [
      { date: '2024-10-08', working: false, note: '本地调整' },
      { date: '2024-10-05', working: true },
      { date: '2024-10-08', working: false, note: '重复的日期只保留一条' },
    ]);
    expect((await readCalendarOverrides(db)).map((o) => o.date)).toEqual(['2024-10-05', '2024-10-08']);
    expect(lag('2024-09-27', '2024-10-08', 'workingDays', await readWorkCalendar(db))).toBe(3); // +10-05, −10-08
    expect(lag('2024-09-27', '2024-10-07', 'workingDays', await readWorkCalendar(db))).toBe(3);
  });

  it('refuses an impossible date or deadline and keeps what was there', async () => {
    db = new InspectorDatabase(`ws-${Math.random()}`);
    await saveCalendarOverrides(db, [{ date: '2024-10-08', working: false }]);
    await expect(saveCalendarOverrides(db, [{ date: '2024-02-30', working: true }])).rejects.toThrow('日期不存在');
    expect(await readCalendarOverrides(db)).toEqual([{ date: '2024-10-08', working: false }]);
    expect(await readDeadlineDays(db)).toBe(15);
    await expect(saveDeadlineDays(db, 0)).rejects.toThrow('整改期限应为1至365个工作日');
    await saveDeadlineDays(db, 10);
    expect(await readDeadlineDays(db)).toBe(10);
  });
});
