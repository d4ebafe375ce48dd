import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../../shared/calendar/workCalendar';
import { parsePoints as p } from '../../../shared/points';
import { bonus, deduct, fixed, lag, occurrence, phone, range, rating, weighted } from '../../../shared/schemes/build';
import { ruleExplanationTemplate, scoreAssessment, type Responses } from '../../../shared/scoring';
import { indicator, scheme, section } from './helpers';

const one = (rules: Parameters<typeof indicator>[1], totals = {}) => scheme([section('s', [indicator('i', rules)])], totals);

describe('rule kinds', () => {
  it('fixed: applies or not', () => {
    const s = one([fixed('f', '未编制本地区主动公开事项目录', deduct, '1'), fixed('g', '研究部署2次以上', bonus, '0.1')]);
    const r = scoreAssessment(s, { f: { applies: true }, g: { applies: false } });
    expect(r.total).toBe(-1000);
    expect(r.totalText).toBe('−1');
    expect(r.answered).toBe(2);
    expect(r.indicators[0].lines).toEqual(['未编制本地区主动公开事项目录：减1分']);
  });

  it('occurrence: points × count with the explanation line', () => {
    const s = one([occurrence('o', '未及时更新现行有效行政规范性文件', deduct, '0.2', '件')]);
    const r = scoreAssessment(s, { o: { count: 3 } });
    expect(r.total).toBe(-600);
    expect(r.indicators[0].rules[0].lines).toEqual(['每件减0.2分 × 3件 = −0.6分']);
    expect(r.deductionsText).toBe('0.6');
  });

  it('occurrence: 0.05 × 7 is exactly 0.35', () => {
    const s = one([occurrence('o', '解读材料质量较差', deduct, '0.05', '件')]);
    const r = scoreAssessment(s, { o: { count: 7 } });
    expect(r.total).toBe(-350);
    expect(r.indicators[0].rules[0].lines[0]).toBe('每件减0.05分 × 7件 = −0.35分');
  });

  it('occurrence with a cap: 总加分不超过0.1分', () => {
    const s = one([occurrence('v', '视频访谈', bonus, '0.02', '件', { cap: '0.1' })]);
    const r = scoreAssessment(s, { v: { count: 6 } });
    expect(r.total).toBe(100);
    expect(r.indicators[0].rules[0].lines).toEqual(['每件加0.02分 × 6件 = +0.12分', '加分 0.12 分，超过上限，按 0.1 分计']);
    const under = scoreAssessment(s, { v: { count: 4 } });
    expect(under.total).toBe(80);
    expect(under.indicators[0].rules[0].lines).toHaveLength(1);
  });

  it('range: a value within [min, max] with its reason', () => {
    const s = one([range('r', '重点工作未按时间节点完成', deduct, '0.1', '2')]);
    const r = scoreAssessment(s, { r: { value: '0.5', reason: '两项重点工作逾期' } });
    expect(r.total).toBe(-500);
    expect(r.indicators[0].rules[0].lines).toEqual(['视情况减0.1-2分，本次减0.5分 = −0.5分（理由：两项重点工作逾期）']);
    expect(r.warnings).toEqual([]);
    // a number is thousandths
    expect(scoreAssessment(s, { r: { value: 1200, reason: '逾期' } }).total).toBe(-1200);
    // 0 means not applied, answered
    const zero = scoreAssessment(s, { r: { value: 0, reason: '' } });
    expect(zero.total).toBe(0);
    expect(zero.answered).toBe(1);
  });

  it('range: a value outside the range is brought into it, with a warning; a missing reason is warned', () => {
    const s = one([range('r', '二次传播', bonus, '0.1', '0.2')]);
    const r = scoreAssessment(s, { r: { value: '0.3', reason: '' } });
    expect(r.total).toBe(200);
    expect(r.warnings.map((w) => w.message)).toEqual([
      '「二次传播」取值 0.3 分超出 0.1-0.2 分范围，按 0.2 分计',
      '「二次传播」未填写理由（视情况扣分或加分须说明理由）',
    ]);
    expect(r.warnings[0].ruleId).toBe('r');
    const low = scoreAssessment(s, { r: { value: '0.05', reason: '有案例' } });
    expect(low.total).toBe(100);
    const bad = scoreAssessment(s, { r: { value: 'abc', reason: 'x' } });
    expect(bad.total).toBe(0);
    expect(bad.answered).toBe(0);
    expect(bad.warnings[0].message).toContain('应为数字');
  });

  it('lag in calendar days lists the late items', () => {
    const s = one([
      lag('l', '最初发布的解读信息时间超过文件发布时间5日', '0.05', 5, 'calendarDays', { from: '文件发布日期', to: '解读发布日期', lag: '解读滞后' }),
    ]);
    const r = scoreAssessment(s, {
      l: {
        items: [
          { label: '关于印发盘锦市优化营商环境若干措施的通知', from: '2024-03-01', to: '2024-03-08' },
          { label: '《关于做好春耕生产的通知》', from: '2024-03-01', to: '2024-03-06' },
          { label: '关于促进消费的意见', from: '2024-04-10', to: '2024-04-16' },
        ],
      },
    });
    // 7 days and 6 days are late (> 5); exactly 5 is not.
    expect(r.total).toBe(-100);
    expect(r.indicators[0].rules[0].lines).toEqual([
      '每件减0.05分 × 2件 = −0.1分',
      '《关于印发盘锦市优化营商环境若干措施的通知》解读滞后 7 个自然日，超过 5 个自然日',
      '《关于促进消费的意见》解读滞后 6 个自然日，超过 5 个自然日',
    ]);
  });

  it('lag in working days counts across the National Day holiday and its 调休 days', () => {
    const s = one([lag('l', '文件公开3个工作日内发布解读', '0.05', 3, 'workingDays', { from: '文件公开日期', to: '解读发布日期', lag: '解读滞后' })]);
    const calendar = createWorkCalendar();
    const items = [
      // Fri 27 Sep → Tue 8 Oct: Sun 29 Sep (调休) and Mon 30 Sep are working days, 1–7 Oct holiday: 3 working days, on time.
      { label: 'A', from: '2024-09-27', to: '2024-10-08' },
      // → Wed 9 Oct: 4 working days, late.
      { label: 'B', from: '2024-09-27', to: '2024-10-09' },
    ];
    const r = scoreAssessment(s, { l: { items } }, { calendar });
    expect(r.total).toBe(-50);
    expect(r.indicators[0].rules[0].lines).toEqual(['每件减0.05分 × 1件 = −0.05分', '《B》解读滞后 4 个工作日，超过 3 个工作日']);
    // An office correcting the calendar changes the result.
    const own = createWorkCalendar([{ date: '2024-09-29', working: false }]);
    expect(scoreAssessment(s, { l: { items } }, { calendar: own }).total).toBe(0);
    // The same items counted in calendar days would both be late.
    const cal = one([lag('l', '超过3日', '0.05', 3, 'calendarDays', { from: 'a', to: 'b', lag: '滞后' })]);
    expect(scoreAssessment(cal, { l: { items } }).total).toBe(-100);
  });

  it('lag in whole months: 超过1个月', () => {
    const s = one([lag('l', '报送距文件印发超过1个月', '0.1', 1, 'months', { from: '印发日期', to: '报送日期', lag: '报送距印发' })]);
    const r = scoreAssessment(s, {
      l: {
        items: [
          { label: '甲', from: '2024-01-15', to: '2024-02-15' }, // exactly one month: not late
          { label: '乙', from: '2024-01-15', to: '2024-02-16' }, // late
          { label: '丙', from: '2024-01-31', to: '2024-02-29' }, // month end: not late
          { label: '丁', from: '2024-01-31', to: '2024-03-01' }, // late
        ],
      },
    });
    expect(r.total).toBe(-200);
    expect(r.indicators[0].rules[0].lines).toEqual([
      '每件减0.1分 × 2件 = −0.2分',
      '《乙》报送距印发 32 个自然日，超过 1 个月',
      '《丁》报送距印发 30 个自然日，超过 1 个月',
    ]);
  });

  it('lag items with bad dates are skipped with a warning', () => {
    const s = one([lag('l', '解读超过5日', '0.05', 5, 'calendarDays', { from: '文件发布日期', to: '解读发布日期', lag: '解读滞后' })]);
    const r = scoreAssessment(s, { l: { items: [{ label: '甲', from: '2024-02-30', to: '2024-03-20' }, { label: '乙', from: '2024-03-20', to: '2024-03-01' }] } });
    expect(r.total).toBe(0);
    expect(r.warnings.map((w) => w.message)).toEqual([
      '「解读超过5日」中《甲》的文件发布日期或解读发布日期不是有效日期（YYYY-MM-DD），未计入',
      '「解读超过5日」中《乙》的解读发布日期早于文件发布日期，请核对',
    ]);
  });

  it('working-day lags in a year without holiday data are warned about', () => {
    const s = one([lag('l', '3个工作日', '0.05', 3, 'workingDays', { from: 'a', to: 'b', lag: '滞后' })]);
    const r = scoreAssessment(s, { l: { items: [{ label: '甲', from: '2099-03-02', to: '2099-03-04' }] } });
    expect(r.warnings[0].message).toContain('2099年');
  });

  it('phone test: all calls unanswered in a quarter, and each wrong answer', () => {
    const s = one([phone('ph', '拨测政府信息公开联系电话', '0.2', '0.1')]);
    const responses: Responses = {
      ph: {
        quarters: [
          {
            quarter: 'Q2',
            calls: [
              { at: '2024-05-10T09:30', answered: false, correct: null },
              { at: '2024-05-13T15:10', answered: false, correct: null },
            ],
          },
          {
            quarter: 'Q3',
            calls: [
              { at: '2024-08-05T10:00', answered: true, correct: false },
              { at: '2024-08-06T16:20', answered: false, correct: null },
              { at: '2024-08-07T11:00', answered: true, correct: true },
            ],
          },
        ],
      },
    };
    const r = scoreAssessment(s, responses);
    // Q2: all unanswered −0.2; Q3: one answered wrongly −0.1 (not all unanswered).
    expect(r.total).toBe(-300);
    expect(r.indicators[0].rules[0].lines).toEqual([
      '均无人接听每季度减0.2分 × 1个季度 + 回答存在明显问题每次减0.1分 × 1次 = −0.3分',
      '第二季度拨测 2 次均无人接听，减0.2分',
      '第三季度 2024-08-05 10:00 拨测回答存在明显问题，减0.1分',
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('phone test warns about too few calls and calls outside their quarter', () => {
    const s = one([phone('ph', '拨测', '0.2', '0.1')]);
    const r = scoreAssessment(s, { ph: { quarters: [{ quarter: 'Q1', calls: [{ at: '2024-04-02T09:00', answered: false, correct: null }] }] } });
    expect(r.total).toBe(-200);
    expect(r.warnings.map((w) => w.message)).toEqual([
      '「拨测」第一季度拨测 1 次，少于规定的 2 次（应在不同时间段拨测）',
      '「拨测」第一季度第1次拨测的时间 2024-04-02 不在该季度内',
    ]);
  });

  it('weighted item: awarded points out of the item maximum', () => {
    const s = one([weighted('w1', '年度工作计划', '4'), weighted('w2', '公开制度建设', '6')], { max: p('100') });
    s.sections[0].indicators[0].weight = p('10');
    const r = scoreAssessment(s, { w1: { awarded: '3.5' }, w2: { awarded: 7000 } });
    expect(r.warnings.map((w) => w.message)).toEqual(['「公开制度建设」得分 7 分超过满分 6 分，按 6 分计']);
    expect(r.total).toBe(9500);
    expect(r.indicators[0].lines).toEqual(['年度工作计划：满分4分，得3.5分', '公开制度建设：满分6分，得6分']);
  });

  it('rating: the chosen option gives its points; an unknown option is unanswered', () => {
    const s = one([rating('ra', '社会评议结果', [['满意', '10'], ['基本满意', '6'], ['不满意', '0']])]);
    s.sections[0].indicators[0].weight = p('10');
    expect(scoreAssessment(s, { ra: { option: '基本满意' } }).total).toBe(6000);
    const bad = scoreAssessment(s, { ra: { option: '很好' } });
    expect(bad.total).toBe(0);
    expect(bad.answered).toBe(0);
    expect(bad.warnings[0].message).toContain('不是可选项（满意、基本满意、不满意）');
  });

  it('unanswered rules contribute 0 and count as unanswered; unknown responses are warned about', () => {
    const s = one([fixed('a', 'A', deduct, '1'), occurrence('b', 'B', deduct, '0.1', '件')]);
    const r = scoreAssessment(s, { zzz: { count: 3 } });
    expect(r.total).toBe(0);
    expect(r.answered).toBe(0);
    expect(r.totalRules).toBe(2);
    expect(r.warnings[0].message).toContain('zzz');
  });

  it('changes neither the scheme nor the responses', () => {
    const deepFreeze = <T>(o: T): T => {
      if (o && typeof o === 'object') {
        Object.values(o).forEach(deepFreeze);
        Object.freeze(o);
      }
      return o;
    };
    const s = deepFreeze(one([occurrence('o', '不一致', deduct, '0.1', '件', { cap: '0.2' }), range('r', '视情况', deduct, '0.1', '1')]));
    const responses = deepFreeze<Responses>({ o: { count: 5 }, r: { value: '3', reason: '' } });
    const before = JSON.stringify([s, responses]);
    expect(scoreAssessment(s, responses).total).toBe(-1200);
    expect(JSON.stringify([s, responses])).toBe(before);
  });

  it('responses of the wrong shape are refused without changing the score', () => {
    const s = one([occurrence('b', '未及时更新', deduct, '0.1', '件')]);
    for (const bad of [{ count: -1 }, { count: 1.5 }, { count: '3' }, { applies: true }, 'x']) {
      const r = scoreAssessment(s, { b: bad } as unknown as Responses);
      expect(r.total).toBe(0);
      expect(r.answered).toBe(0);
      expect(r.warnings).toHaveLength(1);
    }
  });
});

describe('caps and floors at every level', () => {
  it('indicator: 扣完为止, an item never loses more than its weight', () => {
    const s = scheme([
      section('s', [indicator('i', [occurrence('o', '不一致', deduct, '0.2', '件'), fixed('f', '未编制', deduct, '1')], { weight: p('1') })]),
    ]);
    const r = scoreAssessment(s, { o: { count: 3 }, f: { applies: true } });
    expect(r.indicators[0].deductions).toBe(1000);
    expect(r.total).toBe(-1000);
    expect(r.indicators[0].lines.at(-1)).toBe('本项减分 1.6 分，超过指标满分 1 分，按 1 分计（扣完为止）');
  });

  it('indicator: bonus cap', () => {
    const s = scheme([section('s', [indicator('i', [range('a', '甲', bonus, '0.1', '0.2'), range('b', '乙', bonus, '0.1', '0.2')], { bonusCap: p('0.3') })])]);
    const r = scoreAssessment(s, { a: { value: '0.2', reason: 'x' }, b: { value: '0.2', reason: 'y' } });
    expect(r.total).toBe(300);
    expect(r.indicators[0].lines.at(-1)).toBe('本项加分 0.4 分，超过上限，按 0.3 分计');
  });

  it('百分制 indicator: deductions cannot take it below 0, bonuses not above its weight', () => {
    const s = scheme(
      [section('s', [indicator('i', [weighted('w', '甲', '4'), occurrence('o', '问题', deduct, '1', '件'), fixed('b', '创新', bonus, '2')], { weight: p('4') })])],
      { max: p('100'), min: 0 },
    );
    expect(scoreAssessment(s, { w: { awarded: '1' }, o: { count: 3 } }).total).toBe(0);
    const top = scoreAssessment(s, { w: { awarded: '3' }, b: { applies: true } });
    expect(top.total).toBe(4000);
    expect(top.indicators[0].lines.at(-1)).toBe('本项加分 2 分，得分不超过指标满分 4 分，按 1 分计');
  });

  it('section: deduction and bonus caps', () => {
    const s = scheme([
      section('a', [indicator('i1', [occurrence('o1', '甲', deduct, '0.5', '次')]), indicator('i2', [occurrence('o2', '乙', deduct, '0.5', '次')])], {
        deductionCap: p('1.5'),
      }),
      section('b', [indicator('i3', [occurrence('o3', '丙', bonus, '1', '次')])], { bonusCap: p('1') }),
    ]);
    const r = scoreAssessment(s, { o1: { count: 2 }, o2: { count: 2 }, o3: { count: 3 } });
    expect(r.sections[0].deductions).toBe(1500);
    expect(r.sections[0].lines).toEqual(['本节减分 2 分，超过上限，按 1.5 分计']);
    expect(r.sections[1].bonuses).toBe(1000);
    expect(r.sections[1].lines).toEqual(['本节加分 3 分，超过上限，按 1 分计']);
    expect(r.total).toBe(-500);
  });

  it('scheme: 最高减5分, then bonuses inside the deduction frame, net within [−5, 0]', () => {
    const s = one(
      [fixed('severe', '引发较大范围负面舆情', deduct, '3'), fixed('secret', '造成失泄密', deduct, '3'), occurrence('praise', '表彰', bonus, '2', '次')],
      { deductionCap: p('5'), min: p('-5'), max: 0 },
    );
    // 6 deducted → capped at 5; +2 bonus → −3.
    const a = scoreAssessment(s, { severe: { applies: true }, secret: { applies: true }, praise: { count: 1 } });
    expect(a.deductions).toBe(5000);
    expect(a.bonuses).toBe(2000);
    expect(a.total).toBe(-3000);
    expect(a.lines).toContain('减分 6 分，超过最高减分 5 分，按 5 分计');
    // Bonuses alone never lift the result above 0.
    const b = scoreAssessment(s, { praise: { count: 2 } });
    expect(b.total).toBe(0);
    expect(b.adjustment).toBe(-4000);
    expect(b.lines).toContain('加减相抵后为 +4 分，高于上限 0 分，在减分框架内加分，按 0 分计');
    // Bonuses beyond the deductions stop at 0.
    const c = scoreAssessment(s, { severe: { applies: true }, praise: { count: 2 } });
    expect(c.total).toBe(0);
  });

  it('scheme: bonus cap and a lower clamp', () => {
    const s = one([occurrence('x', '加', bonus, '1', '次'), occurrence('y', '减', deduct, '1', '次')], { bonusCap: p('2'), min: p('-3') });
    const r = scoreAssessment(s, { x: { count: 5 }, y: { count: 1 } });
    expect(r.bonuses).toBe(2000);
    expect(r.total).toBe(1000);
    expect(r.lines).toContain('加分 5 分，超过最高加分 2 分，按 2 分计');
    const low = scoreAssessment(s, { y: { count: 10 } });
    expect(low.total).toBe(-3000);
    expect(low.lines).toContain('加减相抵后为 −10 分，低于下限 −3 分，按 −3 分计');
  });
});

describe('grades', () => {
  const graded = (bands: { label: string; min: number | null }[]) => {
    const s = one([weighted('w', '得分', '100')], { max: p('100'), min: 0 });
    s.sections[0].indicators[0].weight = p('100');
    s.grades = bands;
    return s;
  };
  const defaults = [
    { label: '优秀', min: p('90') },
    { label: '良好', min: p('80') },
    { label: '合格', min: p('60') },
    { label: '不合格', min: null },
  ];

  it('bands by total, boundaries included', () => {
    const s = graded(defaults);
    const g = (v: string) => scoreAssessment(s, { w: { awarded: v } }).grade;
    expect(g('90')).toBe('优秀');
    expect(g('89.999')).toBe('良好');
    expect(g('80')).toBe('良好');
    expect(g('60')).toBe('合格');
    expect(g('59.5')).toBe('不合格');
    expect(g('0')).toBe('不合格');
  });

  it('edited bands apply, and ungraded schemes have no grade', () => {
    const s = graded([
      { label: '优秀', min: p('95') },
      { label: '合格', min: p('70') },
      { label: '不合格', min: null },
    ]);
    expect(scoreAssessment(s, { w: { awarded: '92' } }).grade).toBe('合格');
    expect(scoreAssessment(one([fixed('f', 'x', deduct, '1')]), {}).grade).toBeNull();
  });
});

describe('ruleExplanationTemplate', () => {
  it('describes each rule kind in one line', () => {
    expect(ruleExplanationTemplate(fixed('a', 'x', deduct, '1'))).toBe('减1分');
    expect(ruleExplanationTemplate(occurrence('a', 'x', deduct, '0.2', '件'))).toBe('每件减0.2分');
    expect(ruleExplanationTemplate(occurrence('a', 'x', bonus, '0.02', '件', { cap: '0.1' }))).toBe('每件加0.02分，总加分不超过0.1分');
    expect(ruleExplanationTemplate(range('a', 'x', deduct, '0.1', '2'))).toBe('视情况减0.1-2分');
    expect(ruleExplanationTemplate(lag('a', 'x', '0.05', 5, 'calendarDays', { from: '', to: '', lag: '' }))).toBe('超过5日的，每件减0.05分');
    expect(ruleExplanationTemplate(lag('a', 'x', '0.05', 3, 'workingDays', { from: '', to: '', lag: '' }))).toBe('超过3个工作日的，每件减0.05分');
    expect(ruleExplanationTemplate(lag('a', 'x', '0.1', 1, 'months', { from: '', to: '', lag: '' }))).toBe('超过1个月的，每件减0.1分');
    expect(ruleExplanationTemplate(phone('a', 'x', '0.2', '0.1'))).toBe('每季度拨测均无人接听减0.2分；回答存在明显问题的，每次减0.1分');
    expect(ruleExplanationTemplate(weighted('a', 'x', '4'))).toBe('满分4分，按实际得分');
    expect(ruleExplanationTemplate(rating('a', 'x', [['满意', '10'], ['不满意', '0']]))).toBe('满意得10分，不满意得0分');
  });
});
