import { describe, expect, it } from 'vitest';
import { exportSchemeJson, importSchemeJson, validateScheme } from '../../../shared/scheme';
import { PANJIN_2024_COUNTY } from '../../../shared/schemes';

/** The county scheme as a JSON file object, to break in one place per test. */
const file = () => JSON.parse(exportSchemeJson(PANJIN_2024_COUNTY));

function messagesOf(obj: unknown): string[] {
  const r = importSchemeJson(JSON.stringify(obj));
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.errors.map((e) => e.message);
}

describe('invalid schemes are refused with messages naming the place', () => {
  it('a non-positive points value', () => {
    const f = file();
    f.sections[0].indicators[2].rules[0].points = '-0.1';
    expect(messagesOf(f)).toEqual(['第1节第3项指标第1条规则：分值应为正数']);
  });

  it('more than three decimals, and text that is not a number', () => {
    const f = file();
    f.sections[0].indicators[3].rules[2].min = '0.0005';
    f.sections[0].indicators[0].rules[0].points = '一分';
    expect(messagesOf(f)).toEqual(['第1节第1项指标第1条规则：分值「一分」应为数字', '第1节第4项指标第3条规则：最小值「0.0005」最多保留三位小数']);
  });

  it('an unknown rule kind, a missing field, a bad direction and a bad lag unit', () => {
    const f = file();
    f.sections[0].indicators[1].rules[0].kind = 'bonus';
    delete f.sections[0].indicators[0].rules[1].text;
    f.sections[0].indicators[0].rules[2].direction = '扣分';
    f.sections[0].indicators[2].rules[1].limitUnit = 'weeks';
    const m = messagesOf(f);
    expect(m).toContain('第1节第2项指标第1条规则：规则类型应为以下之一：fixed(固定)、occurrence(按次)、range(视情况)、lag(时限)、phone(拨测)、weighted(百分制)、rating(评议)');
    expect(m).toContain('第1节第1项指标第2条规则：规则内容不能为空');
    expect(m).toContain('第1节第1项指标第3条规则：加减应为以下之一：deduct(减分)、bonus(加分)');
    expect(m).toContain('第1节第3项指标第2条规则：时限单位应为以下之一：calendarDays(日)、workingDays(工作日)、months(月)');
  });

  it('scheme-level fields', () => {
    const f = file();
    delete f.name;
    f.year = '2024';
    f.targetKinds = ['街道办'];
    f.totals.deductionCap = '0';
    expect(messagesOf(f)).toEqual([
      '方案：方案名称不能为空',
      '方案：年度应为数字',
      '方案：适用对象应为以下之一：县区政府、政府部门、政务服务大厅、便民服务中心、其他',
      '总分设置：最高减分应为正数',
    ]);
  });

  it('cross-field checks: duplicate ids, min above max, clamp, feeds, weights', () => {
    const f = file();
    f.sections[0].indicators[1].rules[1].id = 'pj24c.documents.not-updated';
    f.sections[0].indicators[3].rules[2].min = '0.3';
    f.totals.min = '1';
    f.sections[0].indicators[4].rules[2].feed = 'rectificationRequired';
    expect(messagesOf(f)).toEqual([
      '第1节第2项指标第2条规则：编号「pj24c.documents.not-updated」与第1节第2项指标第1条规则的编号重复',
      '第1节第4项指标第3条规则：最大值应不小于最小值',
      '第1节第5项指标第3条规则：用途「整改要求」只能用于一条规则',
      '总分设置：得分上限应不小于得分下限',
    ]);
  });

  it('grade bands: descending, last one open', () => {
    const f = file();
    f.grades = [
      { label: '优秀', min: '80' },
      { label: '良好', min: '90' },
      { label: '优秀', min: '60' },
    ];
    expect(messagesOf(f)).toEqual([
      '第2个等次：下限应低于上一等次的下限',
      '第3个等次：等次名称「优秀」重复',
      '第3个等次：下限最后一个等次的下限应留空（低于上一等次即为该等次）',
    ]);
  });

  it('百分制 rules need an indicator weight that covers them', () => {
    const f = file();
    f.sections[0].indicators[0].rules = [
      { id: 'w1', kind: 'weighted', text: '甲', max: '4' },
      { id: 'w2', kind: 'weighted', text: '乙', max: '3' },
    ];
    expect(messagesOf(f)).toEqual(['第1节第1项指标：指标满分含百分制或评议规则的指标应填写指标满分']);
    f.sections[0].indicators[0].weight = '5';
    expect(messagesOf(f)).toEqual(['第1节第1项指标：指标满分小于各条规则满分之和（7分）']);
  });

  it('empty structures and files that are not schemes', () => {
    const f = file();
    f.sections[0].indicators[0].rules = [];
    expect(messagesOf(f)).toEqual(['第1节第1项指标：规则至少应有一条规则']);
    expect(importSchemeJson('{"name": ').ok).toBe(false);
    const notJson = importSchemeJson('这不是JSON');
    expect(notJson.ok ? [] : notJson.errors[0].message).toMatch(/^文件不是有效的 JSON/);
    expect(messagesOf({ ...file(), format: 'something-else' })).toEqual(['方案：文件格式「something-else」不是考核方案文件']);
    expect(messagesOf({ ...file(), formatVersion: 9 })).toEqual(['方案：文件格式版本 9 高于本程序支持的版本 1，请升级程序后再导入']);
    expect(messagesOf([])).toEqual(['方案：文件内容应为一个方案对象']);
  });

  it('validates schemes held in memory (thousandths) the same way', () => {
    expect(validateScheme(PANJIN_2024_COUNTY).ok).toBe(true);
    const broken = structuredClone(PANJIN_2024_COUNTY);
    (broken.sections[0].indicators[0].rules[1] as { points: number }).points = 0.5;
    const r = validateScheme(broken);
    expect(r.ok ? [] : r.errors).toEqual([{ path: 'sections[0].indicators[0].rules[1].points', message: '第1节第1项指标第2条规则：分值应为整数' }]);
  });
});
