import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatPoints,
  formatSigned,
  mulPoints,
  parsePoints,
  pointsToDecimal,
  pointsToNumber,
  sumPoints,
  tryParsePoints,
} from '../../../shared/points';

describe('points in integer thousandths', () => {
  it('parses decimal text and prints it back', () => {
    expect(parsePoints('0.05')).toBe(50);
    expect(parsePoints('2')).toBe(2000);
    expect(parsePoints('0.1分')).toBe(100);
    expect(parsePoints('−0.6')).toBe(-600);
    expect(parsePoints('-5')).toBe(-5000);
    expect(parsePoints('１.５')).toBe(1500);
    expect(parsePoints(0.05)).toBe(50);
    expect(formatPoints(350)).toBe('0.35');
    expect(formatPoints(2000)).toBe('2');
    expect(formatPoints(0)).toBe('0');
    expect(formatPoints(-5000)).toBe('\u22125');
  });

  it('prints every decimal place without trailing zeros', () => {
    const cases: [string, string][] = [['0.005', '0.005'], ['0.05', '0.05'], ['0.5', '0.5'], ['0.500', '0.5'], ['1.025', '1.025'], ['10.1', '10.1'], ['10.010', '10.01'], ['100', '100'], ['0.120', '0.12'], ['3.007', '3.007']];
    for (const [input, shown] of cases) {
      expect(formatPoints(parsePoints(input))).toBe(shown);
      expect(parsePoints(pointsToDecimal(parsePoints(input)))).toBe(parsePoints(input));
    }
  });

  it('printing and parsing are inverse for any amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), (n) => {
        expect(parsePoints(pointsToDecimal(n))).toBe(n);
        expect(parsePoints(formatPoints(n))).toBe(n);
        expect(parsePoints(formatSigned(n))).toBe(n);
        expect(Number(pointsToDecimal(n))).toBe(n / 1000);
      }),
    );
  });

  it('prints signs with a real minus sign for explanations', () => {
    expect(formatSigned(-600)).toBe('\u22120.6');
    expect(formatSigned(120)).toBe('+0.12');
    expect(formatSigned(0)).toBe('0');
    expect(pointsToDecimal(-600)).toBe('-0.6');
  });

  it('multiplies and adds exactly where binary floats do not', () => {
    expect(0.05 * 7).not.toBe(0.35);
    expect(formatPoints(mulPoints(parsePoints('0.05'), 7))).toBe('0.35');
    expect(formatPoints(mulPoints(parsePoints('0.1'), 3))).toBe('0.3');
    expect(formatPoints(sumPoints([parsePoints('0.1'), parsePoints('0.2')]))).toBe('0.3');
    expect(pointsToNumber(parsePoints('0.1') + parsePoints('0.2'))).toBe(0.3);
  });

  it('refuses more than three decimals and non-numbers with a clear message', () => {
    expect(() => parsePoints('0.0005')).toThrow('分值「0.0005」最多保留三位小数');
    expect(() => parsePoints(0.0005)).toThrow('最多保留三位小数');
    expect(tryParsePoints('abc')).toEqual({ ok: false, message: '分值「abc」应为数字' });
    expect(tryParsePoints('')).toEqual({ ok: false, message: '分值不能为空' });
    expect(tryParsePoints('1e3').ok).toBe(false);
    expect(tryParsePoints(Number.NaN).ok).toBe(false);
    expect(() => mulPoints(100, -1)).toThrow('次数应为非负整数');
    expect(() => mulPoints(100, 1.5)).toThrow('次数应为非负整数');
  });

  it('accepts the double nearest a decimal typed in a spreadsheet cell', () => {
    expect(parsePoints(0.1 + 0.2)).toBe(300);
    expect(parsePoints(4.35)).toBe(4350);
  });
});
