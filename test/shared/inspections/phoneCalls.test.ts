import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../../shared/calendar/workCalendar';
import { newPhoneCallRow, phoneCallFields, phoneCallProblem, phoneCallWarnings, phoneResponseFromCalls, phoneSlotOf, quarterOfDate, phoneQuarterSummaries } from '../../../shared/inspections/phoneCalls';
import { PANJIN_2024_COUNTY } from '../../../shared/scheme';
import { scoreAssessment } from '../../../shared/scoring/engine';
import type { PhoneCallRow } from '../../../shared/domain/inspections';

function call(id: string, at: string, extra: Partial<PhoneCallRow> = {}): PhoneCallRow {
  return {
    id,
    assessmentId: 'a',
    inspectionId: 'i',
    targetId: 't',
    year: Number(at.slice(0, 4)),
    quarter: quarterOfDate(at)!,
    number: '0427-2222222',
    at,
    answered: false,
    correct: null,
    caller: '王明',
    note: '',
    createdAt: '',
    updatedAt: '',
    deletedAt: null,
    deleted: 0,
    ...extra,
  };
}

describe('拨测时间段', () => {
  it('puts calls in 上午 08:30–12:00 and 下午 13:30–17:30, both ends included', () => {
    expect(phoneSlotOf('2024-05-10T08:29')).toBe('other');
    expect(phoneSlotOf('2024-05-10T08:30')).toBe('morning');
    expect(phoneSlotOf('2024-05-10T12:00')).toBe('morning');
    expect(phoneSlotOf('2024-05-10T12:01')).toBe('other');
    expect(phoneSlotOf('2024-05-10T13:30')).toBe('afternoon');
    expect(phoneSlotOf('2024-05-10T17:30')).toBe('afternoon');
    expect(phoneSlotOf('2024-05-10T17:31')).toBe('other');
    expect(phoneSlotOf('2024-05-10 09:00:00+08:00')).toBe('morning');
    expect(phoneSlotOf('2024-02-30T09:00')).toBeNull();
    expect(phoneSlotOf('昨天上午')).toBeNull();
  });

  it('raises no warning for three calls at different times on working days', () => {
    const calls = [call('1', '2024-05-10T09:00'), call('2', '2024-05-10T15:00'), call('3', '2024-05-13T10:30')];
    expect(phoneCallWarnings(calls, { calendar: createWorkCalendar() })).toEqual([]);
  });

  it('warns when two calls fall in the same slot of the same day, naming the day and slot', () => {
    const calls = [call('1', '2024-05-10T09:00'), call('2', '2024-05-10T11:45'), call('3', '2024-05-11T09:00')];
    const w = phoneCallWarnings(calls);
    expect(w).toEqual([
      {
        kind: 'sameSlot',
        quarter: 'Q2',
        callIds: ['1', '2'],
        message: '第二季度 2024-05-10 上午拨测 2 次，属同一时间段，应在不同时间段拨测',
      },
    ]);
  });

  it('the same slot on different days is fine', () => {
    expect(phoneCallWarnings([call('1', '2024-05-09T09:00'), call('2', '2024-05-10T09:00')])).toEqual([]);
  });

  it('warns for fewer than the required calls in a quarter', () => {
    const w = phoneCallWarnings([call('1', '2024-08-01T09:00')]);
    expect(w.map((x) => x.message)).toEqual(['第三季度仅拨测 1 次，应分 2 个以上不同时间段拨测']);
    expect(phoneCallWarnings([call('1', '2024-08-01T09:00'), call('2', '2024-08-01T14:00')], { minCalls: 3 })[0].kind).toBe('tooFew');
  });

  it('warns for calls outside office hours, on rest days, and under the wrong quarter', () => {
    const calendar = createWorkCalendar();
    const w = phoneCallWarnings(
      [
        call('1', '2024-10-08T18:20'),
        call('2', '2024-10-05T10:00'), // 国庆假期
        call('3', '2024-10-12T10:00'), // 调休上班的星期六: no warning
        call('4', '2024-07-01T10:00', { quarter: 'Q4' }),
      ],
      { calendar },
    );
    expect(w.map((x) => [x.kind, x.callIds])).toEqual([
      ['wrongQuarter', ['4']],
      ['restDay', ['2']],
      ['offHours', ['1']],
    ]);
    expect(w[2].message).toBe('2024-10-08 18:20 的拨测不在办公时间（上午8:30—12:00，下午13:30—17:30）');
    expect(w[1].message).toBe('2024-10-05 为休息日，该日 10:00 的拨测不在工作日内');
  });

  it('flags a time that cannot be read', () => {
    expect(phoneCallWarnings([call('1', '2024-05-10T09:00'), { ...call('2', '2024-05-10T15:00'), at: '下午三点' }]).map((x) => x.kind)).toEqual(['badTime']);
  });
});

describe('拨测 log → phone-test rule', () => {
  it('derives the response by quarter in time order, ignoring deleted rows', () => {
    const r = phoneResponseFromCalls([
      call('2', '2024-05-10T15:00', { answered: true, correct: false }),
      call('1', '2024-05-10T09:00'),
      call('x', '2024-05-11T09:00', { deleted: 1 }),
      call('3', '2024-08-01T09:00', { answered: false, correct: true }),
    ]);
    expect(r).toEqual({
      quarters: [
        { quarter: 'Q2', calls: [{ at: '2024-05-10T09:00', answered: false, correct: null }, { at: '2024-05-10T15:00', answered: true, correct: false }] },
        { quarter: 'Q3', calls: [{ at: '2024-08-01T09:00', answered: false, correct: null }] },
      ],
    });
    expect(phoneResponseFromCalls([])).toBeNull();
    expect(phoneResponseFromCalls([call('x', '2024-05-11T09:00', { deleted: 1 })])).toBeNull();
  });

  it('a quarter of unanswered calls costs 0.2 under the Panjin county scheme', () => {
    const calls = [call('1', '2024-05-10T09:00'), call('2', '2024-05-10T15:00'), call('3', '2024-05-13T10:00')];
    const phone = phoneResponseFromCalls(calls)!;
    expect(phoneQuarterSummaries(phone)).toEqual(['第二季度拨测 3 次：均无人接听']);
    const result = scoreAssessment(PANJIN_2024_COUNTY, { 'pj24c.platform.phone': phone });
    expect(result.totalText).toBe('−0.2');
    const answeredOnce = phoneResponseFromCalls([...calls.slice(0, 2), call('3', '2024-05-13T10:00', { answered: true, correct: true })])!;
    expect(scoreAssessment(PANJIN_2024_COUNTY, { 'pj24c.platform.phone': answeredOnce }).total).toBe(0);
  });
});

describe('checking a 拨测 call as entered', () => {
  const ok = { quarter: 'Q3' as const, number: '0427-2800000', at: '2024-07-10T09:30', answered: false, correct: null, caller: '王明' };
  it('accepts a complete call and names the first problem otherwise', () => {
    expect(phoneCallProblem(ok)).toBeNull();
    expect(phoneCallProblem(ok, 2024)).toBeNull();
    expect(phoneCallProblem({ ...ok, at: '2024-13-10T09:30' })).toBe('请填写有效的拨测时间');
    expect(phoneCallProblem(ok, 2023)).toBe('拨测时间不在2023年度内');
    expect(phoneCallProblem({ ...ok, quarter: 'Q2' })).toBe('拨测时间不在所选季度内');
    expect(phoneCallProblem({ ...ok, number: '  ' })).toBe('请填写拨打的电话号码');
    expect(phoneCallProblem({ ...ok, caller: '' })).toBe('请填写拨测人');
    expect(phoneCallProblem({ ...ok, correct: true })).toBe('无人接听时不能判定回答是否正确');
  });
});

describe('building a 拨测 row', () => {
  const entry = { quarter: 'Q3' as const, number: ' 0427-2800000 ', at: '2024-07-10T09:30', answered: false, correct: true, caller: ' 王明 ', note: ' 占线 ' };
  it('trims what was typed and never judges an unanswered call, in a visit or in the year file', () => {
    const inYearFile = newPhoneCallRow('p1', { assessmentId: '', inspectionId: '', targetId: 't', year: 2024 }, entry, '2024-07-10T01:31:00.000Z');
    expect(inYearFile).toMatchObject({ id: 'p1', assessmentId: '', targetId: 't', year: 2024, number: '0427-2800000', caller: '王明', note: '占线', correct: null, deleted: 0 });
    expect(inYearFile.createdAt).toBe(inYearFile.updatedAt);
    expect(phoneCallFields({ ...entry, answered: true, correct: false })).toMatchObject({ answered: true, correct: false });
  });
});
