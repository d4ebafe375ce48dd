import { describe, expect, it } from 'vitest';
import { summarizeChecklist } from '../../../shared/scheme/checklist';
import { CHANGZHOU_2020_TEMPLATE, FIVE_UNIFIED_CHECKLIST, PANJIN_2024_COUNTY, PANJIN_2024_DEPARTMENT } from '../../../shared/schemes';
import { rankAssessments, scoreAssessment, withRectificationCounts, type Responses } from '../../../shared/scoring';

const linesOf = (r: ReturnType<typeof scoreAssessment>, id: string) => r.indicators.find((i) => i.id === id)!.lines;

describe('Panjin 2024, county governments: worked example', () => {
  // Deductions (seed 000, 三(一)):
  //   目录: 2 departments without a catalogue 0.1×2 = 0.2; 3 catalogues not to standard 0.05×3 = 0.15
  //   文件: 3 not updated 0.2×3 = 0.6; 1 inconsistent with the ledger 0.1×1 = 0.1
  //   解读: 1 interpretation 7 days late (the other 5 days: on time) 0.05×1 = 0.05
  //   拨测: Q2 both calls unanswered 0.2; Q3 one wrong answer 0.1 → 0.3
  //   投诉: 2 rectifications required in writing 0.1×2 = 0.2; 1 not rectified 0.3×1 = 0.3
  //   落实: leaders did not study the work 0.2
  //   total deductions 0.2+0.15+0.6+0.1+0.05+0.3+0.2+0.3+0.2 = 2.1 (under the 5-point cap)
  // Bonuses: video interpretations 0.02×6 = 0.12 → capped at 0.1; 二次传播 0.15; 实体场所 0.2 → 0.45
  // Net: −2.1 + 0.45 = −1.65, inside [−5, 0].
  const responses: Responses = {
    'pj24c.catalogue.missing': { applies: false },
    'pj24c.catalogue.dept-missing': { count: 2 },
    'pj24c.catalogue.nonstandard': { count: 3 },
    'pj24c.documents.not-updated': { count: 3 },
    'pj24c.documents.mismatch': { count: 1 },
    'pj24c.interpretation.late': {
      items: [
        { label: '关于印发兴隆台区优化营商环境实施方案的通知', from: '2024-03-01', to: '2024-03-08' },
        { label: '关于做好2024年春耕生产工作的通知', from: '2024-03-05', to: '2024-03-10' },
      ],
    },
    'pj24c.interpretation.video': { count: 6 },
    'pj24c.interpretation.secondary': { value: '0.15', reason: '提供了与抖音平台的协同联动机制及2个案例' },
    'pj24c.platform.phone': {
      quarters: [
        {
          quarter: 'Q2',
          calls: [
            { at: '2024-05-10T09:30', answered: false, correct: null },
            { at: '2024-05-14T15:00', answered: false, correct: null },
          ],
        },
        {
          quarter: 'Q3',
          calls: [
            { at: '2024-08-06T10:00', answered: true, correct: false },
            { at: '2024-08-08T14:30', answered: true, correct: true },
          ],
        },
      ],
    },
    'pj24c.platform.hall': { value: '0.2', reason: '政务公开专区“五统一”全部达标' },
    'pj24c.implementation.leaders': { applies: true },
    'pj24c.implementation.weight-low': { applies: false },
  };

  it('totals −1.65 with the expected explanation lines', () => {
    const withFindings = withRectificationCounts(PANJIN_2024_COUNTY, responses, { rectificationRequired: 2, notRectified: 1 });
    const r = scoreAssessment(PANJIN_2024_COUNTY, withFindings);
    expect(r.total).toBe(-1650);
    expect(r.totalText).toBe('−1.65');
    expect(r.deductions).toBe(2100);
    expect(r.bonuses).toBe(450);
    expect(r.warnings).toEqual([]);
    expect(r.answered).toBe(14); // 12 recorded + 2 fed from findings
    expect(r.totalRules).toBe(30);
    expect(linesOf(r, 'pj24c.documents')).toEqual([
      '未及时更新现行有效行政规范性文件：每件减0.2分 × 3件 = −0.6分',
      '政府门户网站发布的行政规范性文件与文件台账不一致：每件减0.1分 × 1件 = −0.1分',
    ]);
    expect(linesOf(r, 'pj24c.interpretation')).toEqual([
      '最初发布的解读信息时间超过文件发布时间5日：每件减0.05分 × 1件 = −0.05分',
      '《关于印发兴隆台区优化营商环境实施方案的通知》解读滞后 7 个自然日，超过 5 个自然日',
      '县区政府积极采取视频访谈等形式开展政策解读：每件加0.02分 × 6件 = +0.12分',
      '加分 0.12 分，超过上限，按 0.1 分计',
      '加强与各类网络平台的协同联动，做好政策解读的二次传播，提高政策知晓度：视情况加0.1-0.2分，本次加0.15分 = +0.15分（理由：提供了与抖音平台的协同联动机制及2个案例）',
    ]);
    expect(linesOf(r, 'pj24c.complaints')).toEqual([
      '经核实确有问题并书面要求进行整改：每次减0.1分 × 2次 = −0.2分',
      '未按要求进行整改：每次减0.3分 × 1次 = −0.3分',
    ]);
    expect(linesOf(r, 'pj24c.platform')[0]).toBe(
      '拨测政府信息公开联系电话：均无人接听每季度减0.2分 × 1个季度 + 回答存在明显问题每次减0.1分 × 1次 = −0.3分',
    );
    expect(r.lines).toEqual(['减分合计 2.1 分', '加分合计 0.45 分', '最终得分 −1.65 分']);
  });

  it('caps deductions at 5 and grants bonuses inside the frame', () => {
    // 3 + 3 + 0.2 = 6.2 deducted → 5; +2 (commended once) → −3.
    const severe: Responses = {
      'pj24c.implementation.opinion': { applies: true },
      'pj24c.implementation.secrecy': { applies: true },
      'pj24c.implementation.leaders': { applies: true },
      'pj24c.implementation.commended': { count: 1 },
    };
    const r = scoreAssessment(PANJIN_2024_COUNTY, severe);
    expect(r.total).toBe(-3000);
    expect(r.lines).toContain('减分 6.2 分，超过最高减分 5 分，按 5 分计');
    // Bonuses with no deductions stay at 0.
    const good = scoreAssessment(PANJIN_2024_COUNTY, { 'pj24c.implementation.leaders-bonus': { applies: true } });
    expect(good.total).toBe(0);
    expect(good.bonuses).toBe(100);
  });

  it('ranks units of one inspection', () => {
    const a = scoreAssessment(PANJIN_2024_COUNTY, responses).total; // −1.65 + 0.5 (no findings fed) = −1.15
    const b = scoreAssessment(PANJIN_2024_COUNTY, { 'pj24c.documents.not-updated': { count: 1 } }).total;
    const c = scoreAssessment(PANJIN_2024_COUNTY, {}).total;
    expect(a).toBe(-1150);
    expect(rankAssessments([
      { id: 'a', total: a },
      { id: 'b', total: b },
      { id: 'c', total: c },
    ]).map((x) => x.id)).toEqual(['c', 'b', 'a']);
  });

  it('the 五统一 checklist informs the hall bonus rule', () => {
    const ids = FIVE_UNIFIED_CHECKLIST.dimensions.flatMap((d) => d.items.filter((i) => !i.optional).map((i) => i.id));
    const checks = Object.fromEntries(ids.map((id) => [id, id !== 'fu.materials.gazette']));
    const summary = summarizeChecklist(FIVE_UNIFIED_CHECKLIST, checks);
    expect(summary.total).toBe(ids.length);
    expect(summary.met).toBe(ids.length - 1);
    expect(summary.line).toBe(`政务公开专区“五统一”达标 ${ids.length - 1}/${ids.length} 项；资料统一缺：提供政府公报`);
    const r = scoreAssessment(PANJIN_2024_COUNTY, {
      [FIVE_UNIFIED_CHECKLIST.linkedRuleIds[0]]: { value: '0.1', reason: summary.line },
    });
    expect(r.bonuses).toBe(100);
  });
});

describe('Panjin 2024, departments: worked example', () => {
  // Deductions (seed 000, 三(二)):
  //   目录未按统一标准编制 0.5; 未开设“政策”栏目 0.1; 2 documents not updated 0.2×2 = 0.4
  //   解读材料返工2次以上 1件 0.2
  //   未按月报送 1次 0.5; 报送超过1个月: 1/15→2/16 and 5/20→7/1 late, 3/10→4/10 on time → 0.1×2 = 0.2
  //   通报不合格 1次 0.1; Q1 three calls unanswered 0.2
  //   未及时回复函询 1次 0.5; 重点工作未按时完成 视情况 0.3
  //   total 0.5+0.1+0.4+0.2+0.5+0.2+0.1+0.2+0.5+0.3 = 3.0
  // Bonuses: video 0.02×3 = 0.06; 经验交流 1次 1 → 1.06
  // Net: −3.0 + 1.06 = −1.94.
  const responses: Responses = {
    'pj24d.catalogue.nonstandard': { applies: true },
    'pj24d.documents.no-column': { applies: true },
    'pj24d.documents.not-updated': { count: 2 },
    'pj24d.interpretation.rework': { count: 1 },
    'pj24d.interpretation.video': { count: 3 },
    'pj24d.reporting.monthly': { count: 1 },
    'pj24d.reporting.late': {
      items: [
        { label: '关于加强安全生产工作的通知', from: '2024-01-15', to: '2024-02-16' },
        { label: '关于开展春季植树活动的通知', from: '2024-03-10', to: '2024-04-10' },
        { label: '关于印发防汛工作方案的通知', from: '2024-05-20', to: '2024-07-01' },
      ],
    },
    'pj24d.platform.unqualified': { count: 1 },
    'pj24d.platform.phone': {
      quarters: [
        {
          quarter: 'Q1',
          calls: [
            { at: '2024-02-20T09:00', answered: false, correct: null },
            { at: '2024-03-05T14:00', answered: false, correct: null },
            { at: '2024-03-18T16:30', answered: false, correct: null },
          ],
        },
      ],
    },
    'pj24d.complaints.no-reply': { count: 1 },
    'pj24d.implementation.key-tasks': { value: '0.3', reason: '政务公开重点任务分解未按时间节点完成' },
    'pj24d.implementation.exchange': { count: 1 },
  };

  it('totals −1.94 with the expected explanation lines', () => {
    const r = scoreAssessment(PANJIN_2024_DEPARTMENT, responses);
    expect(r.total).toBe(-1940);
    expect(r.deductions).toBe(3000);
    expect(r.bonuses).toBe(1060);
    expect(r.warnings).toEqual([]);
    expect(linesOf(r, 'pj24d.reporting')).toEqual([
      '未按要求每月向市政府办公室报送主动公开文件：每次减0.5分 × 1次 = −0.5分',
      '报送主动公开文件时，距文件印发超过1个月：每件减0.1分 × 2件 = −0.2分',
      '《关于加强安全生产工作的通知》报送距印发 32 个自然日，超过 1 个月',
      '《关于印发防汛工作方案的通知》报送距印发 42 个自然日，超过 1 个月',
    ]);
    expect(linesOf(r, 'pj24d.platform')).toEqual([
      '政府网站和政务新媒体被通报为不合格：每次减0.1分 × 1次 = −0.1分',
      '拨测政府信息公开联系电话：均无人接听每季度减0.2分 × 1个季度 + 回答存在明显问题每次减0.1分 × 0次 = −0.2分',
      '第一季度拨测 3 次均无人接听，减0.2分',
    ]);
    expect(linesOf(r, 'pj24d.implementation')).toEqual([
      '我市做好新时代政务公开工作相关配套文件部署的重点工作未按时间节点完成：视情况减0.1-2分，本次减0.3分 = −0.3分（理由：政务公开重点任务分解未按时间节点完成）',
      '在国家有关部委、省有关厅局召开的会议、培训班上作经验交流：每次加1分 × 1次 = +1分',
    ]);
    expect(r.lines).toEqual(['减分合计 3 分', '加分合计 1.06 分', '最终得分 −1.94 分']);
  });
});

describe('Changzhou 2020 100-point template: worked example', () => {
  // 组织推进 9/10; 制度建设 4+3.5+4+3+4 = 18.5/20; 基础工作 4+4+3.5+3+4+4+3.5+4+3+4 = 37/40;
  // 平台应用 5+4.5+4 = 13.5/15; 创新 3/5; 社会评议 基本满意 6/10.
  // Total 9 + 18.5 + 37 + 13.5 + 3 + 6 = 87 → 良好 under the default bands 90/80/60.
  const awarded: Record<string, string> = {
    'cz20.organisation.1.score': '9',
    'cz20.system.1.score': '4',
    'cz20.system.2.score': '3.5',
    'cz20.system.3.score': '4',
    'cz20.system.4.score': '3',
    'cz20.system.5.score': '4',
    'cz20.basic.1.score': '4',
    'cz20.basic.2.score': '4',
    'cz20.basic.3.score': '3.5',
    'cz20.basic.4.score': '3',
    'cz20.basic.5.score': '4',
    'cz20.basic.6.score': '4',
    'cz20.basic.7.score': '3.5',
    'cz20.basic.8.score': '4',
    'cz20.basic.9.score': '3',
    'cz20.basic.10.score': '4',
    'cz20.platform.1.score': '5',
    'cz20.platform.2.score': '4.5',
    'cz20.platform.3.score': '4',
    'cz20.innovation.1.score': '3',
  };
  const responses: Responses = {
    ...Object.fromEntries(Object.entries(awarded).map(([id, v]) => [id, { awarded: v }])),
    'cz20.evaluation.1.result': { option: '基本满意' },
  };

  it('totals 87, grade 良好, with section sums', () => {
    const r = scoreAssessment(CHANGZHOU_2020_TEMPLATE, responses);
    expect(r.total).toBe(87000);
    expect(r.totalText).toBe('87');
    expect(r.grade).toBe('良好');
    expect(r.sections.map((s) => s.points)).toEqual([9000, 18500, 37000, 13500, 3000, 6000]);
    expect(linesOf(r, 'cz20.system.2')).toEqual(['公开制度建设：满分4分，得3.5分']);
    expect(linesOf(r, 'cz20.evaluation.1')).toEqual(['社会评议结果：评议结果为基本满意，得6分']);
    expect(r.lines).toEqual(['得分合计 87 分', '最终得分 87 分', '等次：良好']);
    expect(r.answered).toBe(r.totalRules);
  });

  it('edited grade bands change the grade, and a partial form shows progress', () => {
    const edited = { ...CHANGZHOU_2020_TEMPLATE, grades: [{ label: '优秀', min: 85000 }, { label: '合格', min: 60000 }, { label: '不合格', min: null }] };
    expect(scoreAssessment(edited, responses).grade).toBe('优秀');
    const partial = scoreAssessment(CHANGZHOU_2020_TEMPLATE, { 'cz20.organisation.1.score': { awarded: '10' } });
    expect(partial.answered).toBe(1);
    expect(partial.totalRules).toBe(21);
    expect(partial.grade).toBe('不合格');
  });
});
