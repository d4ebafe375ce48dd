import { describe, expect, it } from 'vitest';
import {
  CATALOGUE_PROBLEM_CODES,
  catalogueIndicatorCount,
  checkCatalogue,
  checkCatalogueFile,
  previewCatalogue,
  type CatalogueReport,
} from '../../../shared/checks';
import { catalogueOddHeadersCsv } from '../../fixtures/checks/make-fixtures';
import { fixture, nodeSha256 } from './helpers';

async function report(name: Parameters<typeof fixture>[0], required: 'panjin2024' | 'xinjin2021'): Promise<CatalogueReport> {
  const r = await checkCatalogueFile(fixture(name), { required });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('catalogue check (主动公开事项目录)', () => {
  it('finds the header below the title rows and previews rows before checking', async () => {
    const f = fixture('catalogue-defects.xlsx');
    const p = await previewCatalogue(f, { required: 'xinjin2021' });
    if (!p.ok) throw new Error(p.error.message);
    expect(p.value.headerRow).toBe(3);
    expect(p.value.needsMapping).toBe(false);
    expect(p.value.source).toMatchObject({ fileName: 'catalogue-defects.xlsx', sha256: nodeSha256(f.bytes), sheetName: '目录' });
    // The merged section row 一、机构信息 is not an item.
    expect(p.value.skipped).toEqual([expect.objectContaining({ row: 4, message: expect.stringContaining('分类标题') })]);
    expect(p.value.rows.map((r) => r.row)).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
    // The merged 公开主体 cell (F5:F9) counts for every row it covers; 同上 takes the value above.
    expect(p.value.rows.find((r) => r.row === 8)!.values.subject).toBe('XX县交通运输局');
    expect(p.value.rows.find((r) => r.row === 12)!.values.timeLimit).toBe('信息形成或者变更之日起20个工作日内');
  });

  it('finds each kind of defect exactly once under the Xinjin 2021 element set', async () => {
    const r = await report('catalogue-defects.xlsx', 'xinjin2021');
    const found = r.problems.map((p) => [p.code, p.row, p.column]);
    expect(found).toEqual([
      ['NO_TIME_EXPRESSION', 7, 'E'],
      ['NO_LEGAL_BASIS', 8, 'D'],
      ['MISSING_ELEMENT', 9, 'H'],
      ['PLACEHOLDER', 10, 'I'],
      ['DUPLICATE', 11, 'B'],
    ]);
    expect(r.summary.byCode).toEqual({ MISSING_COLUMN: 0, MISSING_ELEMENT: 1, PLACEHOLDER: 1, NO_TIME_EXPRESSION: 1, TIME_LIMIT_AMBIGUOUS: 0, NO_LEGAL_BASIS: 1, DUPLICATE: 1 });
    expect(r.summary).toMatchObject({ rowsChecked: 8, rowsWithProblems: 5, problems: 5 });
    const byCode = Object.fromEntries(r.problems.map((p) => [p.code, p]));
    expect(byCode.NO_TIME_EXPRESSION.message).toContain('公开时限「及时」未明确具体时间');
    expect(byCode.NO_LEGAL_BASIS.message).toContain('「根据有关规定」未列明具体的法律');
    expect(byCode.MISSING_ELEMENT.message).toBe('未填写公开渠道');
    expect(byCode.PLACEHOLDER.message).toContain('公开对象填写为「无」');
    expect(byCode.DUPLICATE).toMatchObject({ duplicateOf: 5, message: '与第5行事项重复（事项名称、公开内容相同）' });
    // Per-row report: problems sit on their rows; ids are stable and unique.
    expect(r.rows.find((x) => x.row === 9)!.problems.map((p) => p.id)).toEqual(['MISSING_ELEMENT:9:channel']);
    expect(new Set(r.problems.map((p) => p.id)).size).toBe(r.problems.length);
    const again = await report('catalogue-defects.xlsx', 'xinjin2021');
    expect(again.problems.map((p) => p.id)).toEqual(r.problems.map((p) => p.id));
  });

  it('applies only the Panjin 2024 elements when that preset is chosen', async () => {
    const r = await report('catalogue-defects.xlsx', 'panjin2024');
    // 公开依据 and 公开对象 are not among 内容、主体、时限、渠道、责任.
    expect(r.problems.map((p) => p.code)).toEqual(['NO_TIME_EXPRESSION', 'MISSING_ELEMENT', 'DUPLICATE']);
    expect(r.required).toEqual(['content', 'timeLimit', 'subject', 'channel', 'responsibility']);
  });

  it('reads the national template: two-row header, tick marks, GBK CSV; a missing column is one problem', async () => {
    const x = await checkCatalogueFile(fixture('catalogue-template-gbk.csv'), { required: 'xinjin2021' });
    if (!x.ok) throw new Error(x.error.message);
    expect(x.value.problems).toEqual([]);
    const rows = x.preview!.rows;
    expect(rows.map((r) => r.row)).toEqual([3, 4, 5]);
    // 公开事项 over 一级事项/二级事项: the item is named by its path.
    expect(rows[0].values).toMatchObject({ itemName: '政策文件／规范性文件', audience: '全社会', method: '主动' });
    expect(rows[0].itemPath).toEqual(['政策文件', '规范性文件']);
    expect(rows[2].values).toMatchObject({ audience: '特定群体', method: '依申请' });

    const p = await report('catalogue-template-gbk.csv', 'panjin2024');
    expect(p.problems).toHaveLength(1);
    expect(p.problems[0]).toMatchObject({ code: 'MISSING_COLUMN', element: 'responsibility', row: 1, message: '目录中没有「责任」列，各事项均未列明责任' });
  });

  it('when headers do not match, offers the rows and a proposal, then accepts an explicit mapping', async () => {
    const bytes = catalogueOddHeadersCsv();
    const first = await previewCatalogue({ bytes, fileName: '目录.csv' }, { required: 'panjin2024' });
    expect(first.ok).toBe(false);
    if (first.ok) return;
    expect(first.error.code).toBe('NO_HEADER');
    expect(first.help!.sample[0].cells).toEqual(['编号', '条目', '说明', '出处', '期限', '部门', '途径']);
    expect(first.help!.proposal.complete).toBe(false);

    // The user maps the columns on the mapping screen; the mapping is a plain object the UI can store.
    const mapping = JSON.parse(
      JSON.stringify({ headerRow: 1, columns: { itemName: '条目', content: '说明', basis: '出处', timeLimit: '期限', subject: null, channel: '途径', responsibility: '部门' } }),
    );
    const second = await previewCatalogue({ bytes, fileName: '目录.csv' }, { required: 'panjin2024', mapping });
    if (!second.ok) throw new Error(second.error.message);
    expect(second.value.needsMapping).toBe(false);
    expect(second.value.rows[0].values).toMatchObject({ itemName: '机构职能', timeLimit: '20个工作日内', responsibility: '办公室' });
    const r = checkCatalogue(second.value, { required: 'panjin2024' });
    // 公开主体 confirmed absent: one missing-column problem, nothing else.
    expect(r.problems.map((p) => [p.code, p.element])).toEqual([['MISSING_COLUMN', 'subject']]);
  });

  it('asks for the mapping screen only when the item name cannot be found; a missing element is a stated conclusion', async () => {
    const lacking = new TextEncoder().encode('事项名称,公开内容,公开时限,公开渠道\n机构职能,本机关职能,20个工作日内,政府网站\n');
    const p = await previewCatalogue({ bytes: lacking, fileName: '目录.csv' }, { required: 'panjin2024' });
    if (!p.ok) throw new Error(p.error.message);
    expect(p.value.needsMapping).toBe(false);
    const r = checkCatalogue(p.value, { required: 'panjin2024' });
    expect(r.problems.map((x) => [x.code, x.element])).toEqual([
      ['MISSING_COLUMN', 'subject'],
      ['MISSING_COLUMN', 'responsibility'],
    ]);
    const basis = r.elements!.find((e) => e.element === 'basis')!;
    expect(basis).toMatchObject({ source: 'none', required: false, rowsLacking: 1, conclusions: ['目录中没有「公开依据」列'] });

    const noName = new TextEncoder().encode('编号,条目,公开内容,公开时限,公开渠道\n1,机构职能,本机关职能,20个工作日内,政府网站\n');
    const q = await previewCatalogue({ bytes: noName, fileName: '目录.csv' }, { required: 'panjin2024' });
    if (!q.ok) throw new Error(q.error.message);
    expect(q.value.needsMapping).toBe(true);
    expect(q.value.proposal.missingRequired).toEqual(['itemName']);
  });
});

describe('catalogue layouts', () => {
  const csv = (text: string) => ({ bytes: new TextEncoder().encode(text), fileName: '目录.csv' });

  it('skips a header row repeated in the middle of the table (pages pasted together)', async () => {
    const p = await previewCatalogue(csv('事项名称,公开内容,公开时限\n机构职能,本机关职能,20个工作日内\n事项名称,公开内容,公开时限\n领导信息,领导分工,常年公开\n'));
    if (!p.ok) throw new Error(p.error.message);
    expect(p.value.rows.map((r) => r.row)).toEqual([2, 4]);
    expect(p.value.skipped).toEqual([expect.objectContaining({ row: 3, message: '重复的表头行，已跳过' })]);
  });

  it('reads a table without a header row when the user maps columns by position', async () => {
    const input = csv('机构职能,本机关职能,20个工作日内\n领导信息,领导分工,及时\n');
    const p = await previewCatalogue(input, { mapping: { headerRow: 0, columns: { itemName: 0, content: 1, timeLimit: 2 } } });
    if (!p.ok) throw new Error(p.error.message);
    expect(p.value.rows.map((r) => [r.row, r.values.itemName])).toEqual([
      [1, '机构职能'],
      [2, '领导信息'],
    ]);
    const r = checkCatalogue(p.value, { required: ['itemName', 'content', 'timeLimit'] });
    expect(r.problems.map((x) => [x.code, x.row, x.column])).toEqual([['NO_TIME_EXPRESSION', 2, 'C']]);
  });

  it('refuses a header row the user named that has nothing in it', async () => {
    const p = await previewCatalogue(csv('事项名称,公开内容\n机构职能,本机关职能\n'), { mapping: { headerRow: 7, columns: {} } });
    expect(p.ok ? '' : p.error.message).toBe('指定的表头行（第7行）没有内容：请重新指定表头行');
  });
});

describe('catalogueIndicatorCount', () => {
  it('counts what the inspector confirmed, by catalogue (default), by row or by problem', async () => {
    const r = await report('catalogue-defects.xlsx', 'xinjin2021');
    const ids = r.problems.map((p) => p.id);
    expect(catalogueIndicatorCount(r, [])).toBe(0);
    expect(catalogueIndicatorCount(r, ['NOT_AN_ID'])).toBe(0);
    expect(catalogueIndicatorCount(r, [ids[0]])).toBe(1);
    expect(catalogueIndicatorCount(r, ids)).toBe(1);
    expect(catalogueIndicatorCount(r, ids, 'problem')).toBe(5);
    expect(catalogueIndicatorCount(r, ids.slice(0, 3), 'row')).toBe(3);
    // Two confirmed problems on one row count once per row.
    const twoOnOneRow = checkCatalogue(
      {
        source: r.source,
        proposal: undefined as never,
        needsMapping: false,
        headerRow: 1,
        columns: {
          itemName: { field: 'itemName', label: '事项名称', columns: [0], letters: 'A', header: '事项名称', subLabels: [] },
          timeLimit: { field: 'timeLimit', label: '公开时限', columns: [1], letters: 'B', header: '公开时限', subLabels: [] },
          basis: { field: 'basis', label: '公开依据', columns: [2], letters: 'C', header: '公开依据', subLabels: [] },
        },
        rows: [{ row: 2, values: { itemName: '机构职能', timeLimit: '及时', basis: '有关规定' } }],
        skipped: [],
        warnings: [],
        sheetNames: [],
      },
      { required: ['itemName', 'timeLimit', 'basis'] },
    );
    expect(twoOnOneRow.problems.map((p) => p.code)).toEqual(['NO_LEGAL_BASIS', 'NO_TIME_EXPRESSION']);
    const all = twoOnOneRow.problems.map((p) => p.id);
    expect(catalogueIndicatorCount(twoOnOneRow, all, 'row')).toBe(1);
    expect(catalogueIndicatorCount(twoOnOneRow, all, 'problem')).toBe(2);
    expect(CATALOGUE_PROBLEM_CODES).toHaveLength(7);
  });
});
