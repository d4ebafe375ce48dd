/**
 * The catalogue check on catalogues laid out as offices publish them: one
 * fixture per pattern, each test stating every expected defect per element and
 * that there are no others, and how each element was read.
 */
import { describe, expect, it } from 'vitest';
import { checkCatalogue, checkCatalogueFile, previewCatalogue, type CatalogueElement, type CatalogueReport } from '../../../shared/checks';
import { fixture } from './helpers';

type Name = Parameters<typeof fixture>[0];

async function check(name: Name, required: 'panjin2024' | 'xinjin2021'): Promise<CatalogueReport> {
  const r = await checkCatalogueFile(fixture(name), { required });
  if (!r.ok) throw new Error(r.error.message);
  // Every one of these files is read without the mapping screen.
  expect(r.preview!.needsMapping).toBe(false);
  return r.value;
}

/** Every problem as [code, element, row]: the whole list, so nothing else may appear. */
function defects(r: CatalogueReport): [string, CatalogueElement | null, number][] {
  return r.problems.map((p) => [p.code, p.element, p.row]);
}

function element(r: CatalogueReport, el: CatalogueElement) {
  const e = r.elements!.find((x) => x.element === el);
  if (!e) throw new Error(`no element ${el}`);
  return e;
}

describe('catalogues as offices publish them', () => {
  it('two-level header with merged 一级 values: the item is its path; the one unit of the title is the 公开主体', async () => {
    const r = await check('catalogue-two-level.xlsx', 'xinjin2021');
    expect(defects(r)).toEqual([
      ['MISSING_COLUMN', 'audience', 2],
      ['NO_TIME_EXPRESSION', 'timeLimit', 5],
      ['MISSING_ELEMENT', 'channel', 8],
    ]);
    expect(r.rows.map((x) => x.values.itemName)).toEqual(['就业创业／政策文件', '就业创业／招聘信息', '就业创业／补贴发放', '社会保险／政策文件', '社会保险／待遇标准', '社会保险／基金收支']);
    expect(r.rows[3].itemPath).toEqual(['社会保险', '政策文件']);
    // Same 二级 name and content under another 一级: not a duplicate.
    expect(r.summary.byCode.DUPLICATE).toBe(0);
    expect(element(r, 'itemName')).toMatchObject({ source: 'column', columns: 'B–C', header: '公开事项（一级事项/二级事项）', rowsLacking: 0 });
    expect(element(r, 'subject')).toMatchObject({ source: 'inferred', value: 'XX县人力资源和社会保障局', rowsLacking: 0 });
    expect(element(r, 'subject').conclusions[0]).toMatch(/^主体取自标题（第1行）/);
    expect(element(r, 'channel')).toMatchObject({ columns: 'H', rowsLacking: 1 });
    expect(element(r, 'audience')).toMatchObject({ source: 'none', rowsLacking: 6, conclusions: ['目录中没有「公开对象」列'] });
  });

  it('six-level directory: items under one merged 行政执法公示 stay apart; a repeated whole path is a duplicate', async () => {
    const r = await check('catalogue-six-level.xlsx', 'xinjin2021');
    expect(defects(r)).toEqual([
      ['PLACEHOLDER', 'timeLimit', 7],
      ['DUPLICATE', 'itemName', 9],
    ]);
    expect(r.problems[1]).toMatchObject({ duplicateOf: 8, column: 'B–G' });
    expect(r.rows[0].itemPath).toEqual(['行政执法公示', '事前公开', '服务指南']);
    expect(r.rows[1].itemPath).toEqual(['行政执法公示', '事后公开', '总体情况']);
    expect(r.rows[2].itemPath).toHaveLength(6);
    expect(element(r, 'itemName')).toMatchObject({ columns: 'B–G', rowsLacking: 0 });
    expect(element(r, 'itemName').conclusions[0]).toContain('6列（B–G）组成，按层级路径读取');
    expect(element(r, 'timeLimit')).toMatchObject({ columns: 'J', rowsLacking: 1 });
  });

  it('公开形式 holding channels is read as 公开渠道; the missing 公开方式 is a stated conclusion', async () => {
    const r = await check('catalogue-form-channels.xlsx', 'xinjin2021');
    expect(defects(r)).toEqual([['MISSING_COLUMN', 'method', 2]]);
    expect(r.problems[0].message).toContain('「公开形式」列（G列）所填为公开渠道');
    expect(element(r, 'channel')).toMatchObject({ source: 'column', columns: 'G', header: '公开形式', rowsLacking: 0 });
    expect(element(r, 'channel').conclusions).toEqual(['「公开形式」列（G列）所填为公开渠道（「政府网站」「网站公开」等），按「公开渠道」读取']);
    expect(element(r, 'method')).toMatchObject({ source: 'none', rowsLacking: 4 });
    expect(element(r, 'method').conclusions[0]).toBe('目录中没有「公开方式」列');
    // Under Panjin 2024 (no 公开方式 required) the channels count as found: no problem at all but the missing 责任.
    const p = await check('catalogue-form-channels.xlsx', 'panjin2024');
    expect(defects(p)).toEqual([['MISSING_COLUMN', 'responsibility', 2]]);
  });

  it('a 公开形式 column carrying both is read as both; a row with the channel only lacks the 公开方式', async () => {
    const r = await check('catalogue-form-both.csv', 'xinjin2021');
    expect(defects(r)).toEqual([
      ['MISSING_COLUMN', 'basis', 1],
      ['MISSING_COLUMN', 'audience', 1],
      ['MISSING_ELEMENT', 'method', 3],
    ]);
    expect(r.problems[2].message).toBe('未填写公开方式（「公开形式」列只写了公开渠道）');
    expect(r.rows.map((x) => [x.values.method, x.values.channel])).toEqual([
      ['主动公开', '政府网站'],
      ['', '政府网站'],
      ['主动公开', '政务新媒体'],
    ]);
    expect(element(r, 'method')).toMatchObject({ columns: 'E', rowsLacking: 1 });
    expect(element(r, 'channel')).toMatchObject({ columns: 'E', rowsLacking: 0 });
  });

  it('公开方式 must say 主动公开 or 依申请公开', async () => {
    const csv = '事项名称,公开内容,公开时限,公开方式\n机构职能,机构设置,实时,主动公开\n办事指南,办事流程,实时,全文公开\n';
    const p = await previewCatalogue({ bytes: new TextEncoder().encode(csv), fileName: '目录.csv' }, { required: ['itemName', 'content', 'timeLimit', 'method'] });
    if (!p.ok) throw new Error(p.error.message);
    const r = checkCatalogue(p.value, { required: ['itemName', 'content', 'timeLimit', 'method'] });
    expect(r.problems.map((x) => [x.code, x.element, x.row, x.message])).toEqual([['MISSING_ELEMENT', 'method', 3, '公开方式「全文公开」未写明主动公开或依申请公开']]);
    expect(r.elements!.find((e) => e.element === 'method')).toMatchObject({ columns: 'D', rowsLacking: 1 });
  });

  it('公开时长 beside 公开时限 is kept apart; a bare period in 公开时限 is 时限表述不明确', async () => {
    const r = await check('catalogue-retention.xlsx', 'panjin2024');
    expect(defects(r)).toEqual([
      ['TIME_LIMIT_AMBIGUOUS', 'timeLimit', 4],
      ['TIME_LIMIT_AMBIGUOUS', 'timeLimit', 6],
    ]);
    expect(r.problems.map((p) => p.value)).toEqual(['1年', '长期，最新有效']);
    expect(element(r, 'timeLimit')).toMatchObject({ columns: 'D', rowsLacking: 0 });
    expect(element(r, 'retention')).toMatchObject({ source: 'column', columns: 'E', header: '公开时长', required: false });
    expect(element(r, 'retention').conclusions[0]).toContain('不作为公开时限检查');
    expect(r.rows[0].values.retention).toBe('1年');
  });

  it('a 编制单位 line names the unit; a 公开主体 column of internal offices is read as 责任', async () => {
    const r = await check('catalogue-unit-line.xlsx', 'panjin2024');
    expect(defects(r)).toEqual([['MISSING_ELEMENT', 'responsibility', 7]]);
    expect(element(r, 'subject')).toMatchObject({ source: 'inferred', value: 'XX县公安局', rowsLacking: 0 });
    expect(element(r, 'subject').conclusions).toEqual([
      '「公开主体」列（E列）所填为本单位内设机构（「政工室」「法制大队」等），是责任科室而非公开主体，已按「责任」读取',
      '主体取自编制单位（第2行）：目录只涉及「XX县公安局」一个单位，各事项的公开主体即为该单位',
    ]);
    expect(element(r, 'responsibility')).toMatchObject({ source: 'column', columns: 'E', rowsLacking: 1 });
    expect(r.rows[0].values.responsibility).toBe('政工室');
  });

  it('in a one-unit catalogue a blank 公开主体 cell is the unit, said once', async () => {
    const csv = ['编制单位：XX县民政局', '事项名称,公开内容,公开时限,公开主体,公开渠道,责任科室', '机构职能,机构设置,实时,XX县民政局,政府网站,办公室', '社会救助,低保标准,每季度,,政府网站,救助股', '养老服务,机构名录,实时,,政府网站,养老股'].join('\n');
    const p = await previewCatalogue({ bytes: new TextEncoder().encode(csv), fileName: '目录.csv' }, { required: 'panjin2024' });
    if (!p.ok) throw new Error(p.error.message);
    const r = checkCatalogue(p.value, { required: 'panjin2024' });
    expect(defects(r)).toEqual([]);
    expect(element(r, 'subject')).toMatchObject({ source: 'column', columns: 'D', rowsLacking: 0 });
    expect(element(r, 'subject').conclusions).toEqual(['「公开主体」列（D列）有2处未填写（第4–5行）；目录只涉及「XX县民政局」一个单位（第1行编制单位），这些事项的公开主体按该单位读取']);
  });

  it('a CSV of a sheet with merged cells: the lost merges are said once per column, a real blank is still flagged', async () => {
    const r = await check('catalogue-merged-export.csv', 'panjin2024');
    expect(defects(r)).toEqual([['MISSING_ELEMENT', 'channel', 7]]);
    const subject = element(r, 'subject');
    expect(subject).toMatchObject({ columns: 'F', rowsLacking: 0 });
    expect(subject.conclusions).toEqual([
      '「公开主体」列（F列）有7处空白紧随已填写的单元格（第4–8行、第11–12行），可能是合并单元格导出为 CSV 造成的空白，建议导入原 Excel 文件；这些空白已按上方内容读取，未逐行列为问题',
    ]);
    expect(r.rows.find((x) => x.row === 12)!.values.subject).toBe('XX县婚姻登记处');
    // The section headings written once in column A are not items.
    expect(r.rows.map((x) => x.row)).toEqual([3, 4, 5, 6, 7, 8, 10, 11, 12]);
    // The same rows in an .xlsx would be flagged one by one: the conclusion is for CSV only.
    expect(element(r, 'basis').conclusions[0]).toContain('2处空白');
  });

  it('a header merged over two columns keeps both; a mistyped header still maps; a document number is a citation', async () => {
    const r = await check('catalogue-merged-header.xlsx', 'xinjin2021');
    expect(defects(r)).toEqual([
      ['MISSING_COLUMN', 'audience', 1],
      ['PLACEHOLDER', 'content', 5],
    ]);
    expect(r.rows.map((x) => x.values.itemName)).toEqual(['政务公开／年度报告', '政务公开／工作要点', '建议提案／办理结果', '建议提案／总体情况']);
    expect(element(r, 'itemName')).toMatchObject({ columns: 'B–C', conclusions: ['表头「公开事项」合并了B–C共2列，各列一并读取'] });
    expect(element(r, 'content')).toMatchObject({ columns: 'D', header: '公开内公开', conclusions: ['表头「公开内公开」与「公开内容」相近（疑为笔误），按「公开内容」读取'] });
    // 国办发〔2017〕47号 without 《》 is a citation: no NO_LEGAL_BASIS.
    expect(element(r, 'basis')).toMatchObject({ columns: 'E', rowsLacking: 0 });
    expect(r.summary.byCode.NO_LEGAL_BASIS).toBe(0);
  });

  it('a header merged over two columns in CSV (the second header cell empty) keeps the column with data', async () => {
    const csv = '序号,公开事项,,公开内容,公开时限\n1,政务公开,年度报告,年度报告全文,每年1月31日前\n2,,工作要点,工作要点全文,每年3月底前\n';
    const p = await previewCatalogue({ bytes: new TextEncoder().encode(csv), fileName: '目录.csv' }, { required: ['itemName', 'content', 'timeLimit'] });
    if (!p.ok) throw new Error(p.error.message);
    expect(p.value.columns.itemName).toMatchObject({ letters: 'B–C' });
    expect(p.value.rows.map((x) => x.values.itemName)).toEqual(['政务公开／年度报告', '政务公开／工作要点']);
    const r = checkCatalogue(p.value, { required: ['itemName', 'content', 'timeLimit'] });
    expect(defects(r)).toEqual([]);
    expect(element(r, 'itemName').conclusions[0]).toContain('C列没有表头但有内容');
  });

  it('the mapping screen is needed only without the item name; 无此列 chosen there is stated as confirmed', async () => {
    const csv = '编号,条目,公开内容,公开时限,公开渠道\n1,机构职能,本机关职能,20个工作日内,政府网站\n';
    const input = { bytes: new TextEncoder().encode(csv), fileName: '目录.csv' };
    const first = await previewCatalogue(input, { required: 'panjin2024' });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.needsMapping).toBe(true);
    const second = await previewCatalogue(input, { required: 'panjin2024', mapping: { columns: { itemName: '条目', subject: null } } });
    if (!second.ok) throw new Error(second.error.message);
    expect(second.value.needsMapping).toBe(false);
    const r = checkCatalogue(second.value, { required: 'panjin2024' });
    expect(defects(r)).toEqual([
      ['MISSING_COLUMN', 'subject', 1],
      ['MISSING_COLUMN', 'responsibility', 1],
    ]);
    expect(element(r, 'itemName')).toMatchObject({ columns: 'B', header: '条目' });
    expect(element(r, 'subject').conclusions).toEqual(['目录中没有「公开主体」列（已在列对应中确认）']);
    expect(element(r, 'responsibility').conclusions).toEqual(['目录中没有「责任」列']);
  });
});
