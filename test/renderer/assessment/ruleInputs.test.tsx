import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { FixedInput, LagInput, RangeInput } from '../../../renderer/features/assessment/RuleInputs';
import { PANJIN_2024_COUNTY } from '../../../shared/scheme';
import { walkRules, type FixedRule, type LagRule, type RangeRule, type Rule } from '../../../shared/scheme/model';
import type { RuleResponse } from '../../../shared/scoring/responses';

function rule<R extends Rule>(id: string): R {
  for (const { rule: r } of walkRules(PANJIN_2024_COUNTY)) if (r.id === id) return r as R;
  throw new Error(id);
}

/** Renders one input the way the screen does: the response lives outside, every change is recorded. */
function Harness({ kind, r, initial, log }: { kind: 'fixed' | 'range' | 'lag'; r: Rule; initial?: RuleResponse; log: (RuleResponse | null)[] }) {
  const [value, setValue] = useState<RuleResponse | undefined>(initial);
  const onChange = (v: RuleResponse | null) => {
    log.push(v);
    setValue(v ?? undefined);
  };
  if (kind === 'fixed') return <FixedInput rule={r as FixedRule} value={value as never} disabled={false} onChange={onChange} />;
  if (kind === 'range') return <RangeInput rule={r as RangeRule} value={value as never} disabled={false} onChange={onChange} />;
  return <LagInput rule={r as LagRule} value={value as never} disabled={false} onChange={onChange} />;
}

// As the app root sets them.
dayjs.locale('zh-cn');

afterEach(cleanup);

describe('yes/no rules', () => {
  it('offer 未评 / 是 / 否, each one click, and show which one is chosen', () => {
    const r = rule<FixedRule>('pj24c.implementation.leaders');
    const log: (RuleResponse | null)[] = [];
    render(<Harness kind="fixed" r={r} log={log} />);
    const group = screen.getByRole('radiogroup', { name: r.text });
    expect(within(group).getByRole('radio', { name: '未评' })).toBeChecked();
    fireEvent.click(within(group).getByRole('radio', { name: '否' }));
    expect(log).toEqual([{ applies: false }]);
    expect(within(group).getByRole('radio', { name: '否' })).toBeChecked();
    expect(group.className).toContain('zw-yn-no');
    fireEvent.click(within(group).getByRole('radio', { name: '是' }));
    expect(log.at(-1)).toEqual({ applies: true });
    expect(group.className).toContain('zw-yn-yes');
    fireEvent.click(within(group).getByRole('radio', { name: '未评' }));
    expect(log.at(-1)).toBeNull();
    expect(group.className).toContain('zw-yn-none');
  });
});

describe('视情况 rules', () => {
  const r = rule<RangeRule>('pj24c.interpretation.follow-up'); // 视情况加0.1-0.2分

  it('say where it happened when a typed value is outside the range, and keep the last valid value', () => {
    const log: (RuleResponse | null)[] = [];
    render(<Harness kind="range" r={r} log={log} initial={{ value: '0.1', reason: '跟踪解读3次' }} />);
    const input = screen.getByLabelText(`${r.text}分值`);
    fireEvent.change(input, { target: { value: '0.25' } });
    fireEvent.blur(input);
    expect(screen.getByRole('alert').textContent).toBe('0.25 分超出本项范围（加0.1-0.2分），未采用；当前按 0.1 分计');
    expect((input as HTMLInputElement).value).toBe('0.25');
    expect(log).toEqual([]);
    fireEvent.change(input, { target: { value: '0.15' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(log).toEqual([{ value: '0.15', reason: '跟踪解读3次' }]);
  });

  it('answer 否 with one click', () => {
    const log: (RuleResponse | null)[] = [];
    render(<Harness kind="range" r={r} log={log} />);
    fireEvent.click(within(screen.getByRole('radiogroup', { name: r.text })).getByRole('radio', { name: '否' }));
    expect(log).toEqual([{ value: 0, reason: '' }]);
  });
});

describe('lag rules', () => {
  const r = rule<LagRule>('pj24c.interpretation.late');

  it('keep a new row as a draft until both dates are filled, with zh_CN date pickers, and say how days are counted', () => {
    const log: (RuleResponse | null)[] = [];
    render(
      <ConfigProvider locale={zhCN}>
        <Harness kind="lag" r={r} log={log} />
      </ConfigProvider>,
    );
    expect(screen.getByTestId(`lag-counting-${r.id}`).textContent).toContain('按自然日计算，超过 5 日计入');
    fireEvent.click(screen.getByRole('button', { name: /添加文件/ }));
    // An empty row is not a response yet: nothing scored, nothing flagged.
    expect(log).toEqual([]);
    expect(screen.getByText('填写两个日期后计入')).toBeTruthy();
    const from = screen.getByLabelText(`第1件${r.fromLabel}`) as HTMLInputElement;
    expect(from.placeholder).toBe('YYYY-MM-DD');
    expect(from.type).not.toBe('date');
    fireEvent.mouseDown(from);
    fireEvent.click(from);
    // The picker's week starts on Monday (zh_CN).
    const firstHead = document.querySelector('.ant-picker-content thead th');
    expect(firstHead?.textContent).toBe('一');
  });
});
