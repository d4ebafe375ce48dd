import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../shared/documents/sha256';
import { arabicDate, chineseDate, chineseNumber, formatNoticeNumber, level1, level2, safeFileName, uniqueSheetNames } from '../../../shared/documents/text';

describe('Chinese numbering and dates', () => {
  it('writes item numbers as an official would', () => {
    expect([1, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110, 1000, 1010].map(chineseNumber)).toEqual([
      '一', '九', '十', '十一', '十九', '二十', '二十一', '九十九', '一百', '一百零一', '一百一十', '一千', '一千零一十',
    ]);
    expect(level1(2)).toBe('二、');
    expect(level2(12)).toBe('（十二）');
    expect(() => chineseNumber(-1)).toThrow('无法用汉字书写的序号');
  });

  it('writes dates in both styles', () => {
    expect(chineseDate('2024-06-10')).toBe('二〇二四年六月十日');
    expect(chineseDate('2020-12-31T10:00:00')).toBe('二〇二〇年十二月三十一日');
    expect(chineseDate('2024-01-01')).toBe('二〇二四年一月一日');
    expect(arabicDate('2024-06-08')).toBe('2024年6月8日');
    expect(() => chineseDate('10/06/2024')).toThrow('日期格式不正确：「10/06/2024」');
    expect(() => arabicDate('2024-13-01')).toThrow('日期格式不正确');
  });

  it('formats notice numbers with 六角括号 and refuses bad parts', () => {
    expect(formatNoticeNumber('盘政公改', 2024, 3)).toBe('盘政公改〔2024〕3号');
    expect(() => formatNoticeNumber(' ', 2024, 1)).toThrow('文号前缀不能为空');
    expect(() => formatNoticeNumber('盘政公改', 2024, 0)).toThrow('序号应为正整数');
    expect(() => formatNoticeNumber('盘政公改', 1999, 1)).toThrow('年份不正确');
  });
});

describe('sheet and file names', () => {
  it('keeps names Excel accepts and unique', () => {
    const names = uniqueSheetNames(['a/b', 'A/B', '汇总', '[x]*?:', 'x'.repeat(40), 'x'.repeat(40), "'quoted'", 'History'], ['汇总']);
    expect(names[0]).toBe('a_b');
    expect(names[1]).toBe('A_B(2)');
    expect(names[2]).toBe('汇总(2)');
    expect(names[3]).toBe('_x____');
    expect(names[4]).toHaveLength(31);
    expect(names[5]).toBe(`${'x'.repeat(28)}(2)`);
    expect(names[6]).toBe('quoted');
    expect(names[7]).not.toBe('History');
  });

  it('makes file names Windows can save', () => {
    expect(safeFileName('2024/06 检查:报告?', 'pdf')).toBe('202406 检查报告.pdf');
    expect(safeFileName('  ', 'xlsx')).toBe('文档.xlsx');
  });
});

describe('synchronous SHA-256', () => {
  it('matches Node crypto for any bytes, across block boundaries', () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 31 + 7) & 255);
      expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => sha256Hex(bytes) === createHash('sha256').update(bytes).digest('hex')),
      { numRuns: 200 },
    );
    expect(sha256Hex('整改通知书')).toBe(createHash('sha256').update('整改通知书', 'utf8').digest('hex'));
  });
});
