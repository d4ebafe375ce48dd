import { describe, expect, it } from 'vitest';
import { exportSchemeJson, importSchemeJson, RULE_COLUMNS, schemeFromWorkbook, schemeToWorkbookRows, type WorkbookData } from '../../../shared/scheme';
import { buildSchemeTemplateWorkbook, exportSchemeXlsx, importSchemeXlsx, readWorkbook } from '../../../shared/scheme/xlsxFile';
import { BUILTIN_SCHEMES, PANJIN_2024_COUNTY } from '../../../shared/schemes';
import { scoreAssessment } from '../../../shared/scoring';

const HEADERS = RULE_COLUMNS.map((c) => c[0] as string);

function errorsOf(data: WorkbookData): string[] {
  const r = schemeFromWorkbook(data);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.errors.map((e) => e.message);
}

/** A workbook written by hand with only the columns an office would fill in. */
function handMade(): WorkbookData {
  return {
    方案信息: [
      ['项目', '内容'],
      ['方案编号', 'xx-2025'],
      ['方案名称', '某区2025年政务公开考核细则'],
      ['年度', 2025],
      ['适用对象', '政府部门'],
      ['最高减分', 5],
      ['得分下限', -5],
      ['得分上限', 0],
    ],
    评分规则: [
      ['节', '指标编号', '考核内容', '考核方式', '评分方式', '规则类型', '分值', '单位', '加减', '上限', '最小值', '最大值', '时限', '时限单位', '指标满分', '备注'],
      ['评分细则', '1', '公开事项目录编制', '现场查阅', '未编制减1分;每发现1家减0.1分', '固定', 1, null, '减分', null, null, null, null, null, 1, null],
      [null, '1', null, null, null, '按次', '0.1', '家', '减分', null, null, null, null, null, null, null],
      [null, '2', '政策解读', '抽查', '3个工作日内解读', '时限', 0.05, '件', '减分', null, null, null, 3, '工作日', null, '按工作日计'],
      [null, '2', null, null, null, '视情况', null, null, '加分', null, 0.1, 0.2, null, null, null, null],
    ],
  };
}

describe('Excel template', () => {
  it('the Panjin county template, through real .xlsx bytes, imports to the same scheme as its JSON', () => {
    const bytes = exportSchemeXlsx(PANJIN_2024_COUNTY);
    expect(bytes[0]).toBe(0x50); // zip: "PK"
    expect(bytes[1]).toBe(0x4b);
    const fromExcel = importSchemeXlsx(bytes);
    const fromJson = importSchemeJson(exportSchemeJson(PANJIN_2024_COUNTY));
    if (!fromExcel.ok) throw new Error(fromExcel.errors.map((e) => e.message).join('\n'));
    expect(fromJson.ok && fromJson.scheme).toEqual(fromExcel.scheme);
    expect(exportSchemeJson(fromExcel.scheme)).toBe(exportSchemeJson(PANJIN_2024_COUNTY));
  });

  it('every built-in survives the round trip through .xlsx', () => {
    for (const s of BUILTIN_SCHEMES) {
      const r = importSchemeXlsx(exportSchemeXlsx(s));
      expect(r.ok && exportSchemeJson(r.scheme)).toBe(exportSchemeJson(s));
    }
  });

  it('writes one row per rule with numbers in number cells, plus 方案信息 and 填写说明', () => {
    const data = readWorkbook(exportSchemeXlsx(PANJIN_2024_COUNTY));
    expect(Object.keys(data)).toEqual(['方案信息', '评分规则', '填写说明']);
    const rows = data['评分规则'];
    expect(rows[0]).toEqual(HEADERS);
    expect(rows).toHaveLength(1 + 30);
    const row = (id: string) => Object.fromEntries(HEADERS.map((h, i) => [h, rows.find((r) => r[11] === id)![i]]));
    expect(row('pj24c.interpretation.video')).toMatchObject({ 规则类型: '按次', 加减: '加分', 分值: 0.02, 单位: '件', 上限: 0.1 });
    expect(row('pj24c.interpretation.late')).toMatchObject({ 规则类型: '时限', 分值: 0.05, 时限: 5, 时限单位: '日' });
    expect(row('pj24c.platform.phone')).toMatchObject({ 规则类型: '拨测', 分值: 0.2, 参数: '每次答错=0.1；每季度次数=2' });
    expect(row('pj24c.complaints.not-rectified')).toMatchObject({ 参数: '用途=未整改' });
    const info = Object.fromEntries(data['方案信息'].slice(1).map((r) => [r[0], r[1]]));
    expect(info).toMatchObject({ 年度: 2024, 最高减分: 5, 得分下限: -5, 得分上限: 0, 适用对象: '县区政府' });
  });

  it('reads a hand-made sheet with only the basic columns, generating ids and defaults', () => {
    const bytes = buildSchemeTemplateWorkbook(handMade());
    const r = importSchemeXlsx(bytes);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    const s = r.scheme;
    expect(s.sections).toHaveLength(1);
    expect(s.sections[0].indicators.map((i) => [i.id, i.title, i.weight, i.rules.length])).toEqual([
      ['1', '公开事项目录编制', 1000, 2],
      ['2', '政策解读', null, 2],
    ]);
    expect(s.sections[0].indicators[1].rules[0]).toMatchObject({ id: '2.1', kind: 'lag', limit: 3, limitUnit: 'workingDays', points: 50, note: '按工作日计' });
    const result = scoreAssessment(s, { '1.1': { applies: true }, '1.2': { count: 5 } });
    // 1 + 0.1 × 5 = 1.5, but the indicator's weight is 1: 扣完为止.
    expect(result.total).toBe(-1000);
  });

  it('names the row and column of each problem', () => {
    const data = handMade();
    data['评分规则'][2][6] = '零点一';
    data['评分规则'][3][5] = '每件';
    data['评分规则'][4][8] = '扣除';
    data['评分规则'][3][13] = '周';
    expect(errorsOf(data)).toEqual([
      '第4行「规则类型」列：「每件」应为以下之一：固定、按次、视情况、时限、拨测、百分制、评议',
      '第5行「加减」列：「扣除」应为“减分”或“加分”',
    ]);
    const numbers = handMade();
    numbers['评分规则'][2][6] = '零点一';
    numbers['评分规则'][4][10] = -0.1;
    expect(errorsOf(numbers)).toEqual(['第3行「分值」列：「零点一」应为数字', '第5行「最小值」列：应为正数']);
    const range = handMade();
    range['评分规则'][4][11] = 0.05;
    expect(errorsOf(range)).toEqual(['第5行「最大值」列：应不小于最小值']);
  });

  it('reports 方案信息 problems, unknown columns, inconsistent repeated texts and duplicate ids', () => {
    const info = handMade();
    info['方案信息'][3][1] = '二〇二五';
    info['方案信息'].push(['最高扣分', 5]);
    expect(errorsOf(info)).toEqual(['「方案信息」表第9行「最高扣分」：无法识别的项目', '「方案信息」表第4行「年度」：应为整数']);

    const cols = handMade();
    cols['评分规则'][0][15] = '说明';
    expect(errorsOf(cols)).toEqual([expect.stringMatching(/^第1行「说明」列：无法识别的列名/)]);

    const repeated = handMade();
    repeated['评分规则'][2][2] = '另一项内容';
    expect(errorsOf(repeated)).toEqual(['第3行「考核内容」列：与第2行不一致']);

    const rows = schemeToWorkbookRows(PANJIN_2024_COUNTY);
    rows['评分规则'][3][11] = rows['评分规则'][2][11];
    expect(errorsOf(rows)).toEqual(['第4行「规则编号」列：「pj24c.catalogue.dept-missing」与第3行的规则编号重复']);
  });

  it('refuses files that are not scheme workbooks, changing nothing', () => {
    const notXlsx = importSchemeXlsx(new TextEncoder().encode('PK\u0003\u0004 broken zip'));
    expect(notXlsx.ok ? [] : notXlsx.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^文件不是有效的 Excel 工作簿|工作簿中没有「评分规则」工作表/)]);
    const other = importSchemeXlsx(buildSchemeTemplateWorkbook({ Sheet1: [['a', 'b']] }));
    expect(other.ok ? [] : other.errors.map((e) => e.message)).toEqual(['工作簿中没有「评分规则」工作表，请使用考核方案模板填写']);
    expect(errorsOf({ 评分规则: [HEADERS] })).toEqual(['「方案信息」表：缺少该工作表', '「评分规则」表：没有规则行']);
  });

  it('the 填写说明 sheet and the exported cells use full-width Chinese punctuation', () => {
    const data = readWorkbook(exportSchemeXlsx(PANJIN_2024_COUNTY));
    const help = data['填写说明'].flat().filter((v): v is string => typeof v === 'string');
    expect(help.length).toBeGreaterThan(30);
    const halfWidth = /[,;:()]/;
    expect(help.filter((t) => halfWidth.test(t))).toEqual([]);
    expect(help).toContain('其他设置，写成“名称=值”，多项用分号隔开。时限：起始=文件发布日期；截止=解读发布日期；滞后说法=解读滞后。拨测：每次答错=0.1；每季度次数=2。按次：用途=整改要求 或 用途=未整改。评议：满意=10；基本满意=6；不满意=0');
    const rules = data['评分规则'];
    const params = rules.slice(1).map((r) => r[HEADERS.indexOf('参数')]).filter((v): v is string => typeof v === 'string');
    expect(params.filter((t) => t.includes(';'))).toEqual([]);
  });

  it('reads 参数 and 等次 separated by full-width ；, and old templates with half-width ; the same', () => {
    const sheet = (sep: string): WorkbookData => {
      const data = handMade();
      data['方案信息'].push(['等次', ['优秀≥90', '良好≥80', '合格≥60', '不合格'].join(sep)]);
      data['评分规则'][0].push('参数');
      data['评分规则'][3].push(['起始=文件印发日期', '截止=解读发布日期', '滞后说法=解读滞后'].join(sep));
      return data;
    };
    const full = importSchemeXlsx(buildSchemeTemplateWorkbook(sheet('；')));
    const half = importSchemeXlsx(buildSchemeTemplateWorkbook(sheet(';')));
    if (!full.ok) throw new Error(full.errors.map((e) => e.message).join('\n'));
    if (!half.ok) throw new Error(half.errors.map((e) => e.message).join('\n'));
    expect(full.scheme.grades?.map((g) => [g.label, g.min])).toEqual([
      ['优秀', 90000],
      ['良好', 80000],
      ['合格', 60000],
      ['不合格', null],
    ]);
    expect(full.scheme.sections[0].indicators[1].rules[0]).toMatchObject({ kind: 'lag', fromLabel: '文件印发日期', toLabel: '解读发布日期', lagLabel: '解读滞后' });
    expect(exportSchemeJson(half.scheme)).toBe(exportSchemeJson(full.scheme));
    // A pair without "=" is still refused, with a full-width message naming the cell.
    const bad = sheet('；');
    bad['评分规则'][3][bad['评分规则'][3].length - 1] = '起始=文件印发日期；截止';
    expect(errorsOf(bad)).toContain('第4行「参数」列：「截止」应写成“名称=值”');
  });
});
