import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import {
  buildCheckReportWorkbook,
  checkCatalogueFile,
  checkReportSheets,
  checkTimeliness,
  compareLedgerFiles,
  previewTimeliness,
  TIMELINESS_PRESETS,
  type CheckReportInput,
} from '../../../shared/checks';
import { fixture } from './helpers';

async function input(): Promise<CheckReportInput> {
  const cat = await checkCatalogueFile(fixture('catalogue-defects.xlsx'), { required: 'xinjin2021' });
  const led = await compareLedgerFiles(fixture('ledger.xlsx'), fixture('site.xls'));
  const tim = await previewTimeliness(fixture('interpretations.xlsx'), { kind: 'interpretation' });
  if (!cat.ok || !led.ok || !tim.ok) throw new Error('fixtures did not load');
  const confirmed = cat.value.problems.filter((p) => p.code !== 'DUPLICATE').map((p) => p.id);
  return {
    title: 'XX县交通运输局',
    catalogue: { report: cat.value, confirmedProblemIds: confirmed, countUnit: 'row' },
    ledger: led.value,
    timeliness: [checkTimeliness(tim.value, TIMELINESS_PRESETS.interpretationPanjin2024)],
  };
}

describe('check report workbook', () => {
  it('lists every problem, entry and timeliness row, with the counts in a summary', async () => {
    const data = await input();
    const sheets = checkReportSheets(data);
    expect(sheets.map((s) => s.name)).toEqual(['汇总', '目录要素', '目录检查', '台账比对', '解读时效']);
    // Per element: where it was found, how many rows lack it, what was concluded.
    const elements = sheets[1];
    expect(elements.columns.map((c) => c.header)).toEqual(['要素', '标准要求', '所在列', '表头', '缺少该要素的事项数', '结论']);
    expect(elements.rows.find((r) => r[0] === '公开渠道')).toEqual(['公开渠道', '必需', 'H列', '公开渠道', 1, '']);
    expect(elements.rows.find((r) => r[0] === '责任')).toEqual(['责任', '', 'J列', '责任科室', 0, '']);
    expect(elements.rows.find((r) => r[0] === '公开时长')).toEqual(['公开时长', '', '无此列', '', 8, '目录中没有「公开时长」列']);
    const catalogue = sheets[2];
    expect(catalogue.rows).toHaveLength(5);
    expect(catalogue.rows[0]).toEqual([1, 7, 'E', '公开时限', '公开时限不明确', expect.stringContaining('及时'), '规划计划', '是']);
    expect(catalogue.rows[4][7]).toBe(''); // the duplicate was not confirmed
    const summary = sheets[0].rows;
    expect(summary).toContainEqual(['主动公开事项目录', '计入“未按统一标准编制”的数量', 4, '按事项行计']);
    expect(summary).toContainEqual(['文件公开台账比对', '待人工确认', 4, '确认前不计入以上各类']);
    expect(summary).toContainEqual(['政策解读时效', '超过时限的文件数', 2, '时限5个自然日']);
    expect(sheets[3].rows).toHaveLength(data.ledger!.entries.length);
    // Timeliness: 4 judged rows and 2 rows with bad dates, in row order.
    expect(sheets[4].rows.map((r) => [r[1], r[7]])).toEqual([
      [2, ''],
      [3, '超期'],
      [4, '超期'],
      [5, '无法判断'],
      [6, '无法判断'],
      [7, ''],
    ]);
  });

  it('writes a styled .xlsx: bold bordered header, widths, frozen header, A4 landscape', async () => {
    const bytes = await buildCheckReportWorkbook(await input());
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '目录要素', '目录检查', '台账比对', '解读时效']);
    const el = wb.getWorksheet('目录要素')!;
    expect(el.getRow(2).getCell(6).value).toBe('结论');
    expect(el.rowCount).toBe(2 + 10);
    const ws = wb.getWorksheet('目录检查')!;
    expect(ws.getCell('A1').value).toBe('XX县交通运输局 主动公开事项目录检查');
    const head = ws.getRow(2);
    expect(head.getCell(1).value).toBe('序号');
    expect(head.getCell(6).value).toBe('问题说明');
    expect(head.getCell(1).font?.bold).toBe(true);
    expect(head.getCell(1).border?.bottom?.style).toBe('thin');
    expect(ws.getRow(3).getCell(6).border?.left?.style).toBe('thin');
    expect(ws.getColumn(6).width).toBe(48);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });
    expect(ws.rowCount).toBe(2 + 5);
  });

  it('states an inferred 公开主体 and a column read by its values in the element sheet', async () => {
    const cat = await checkCatalogueFile(fixture('catalogue-unit-line.xlsx'), { required: 'panjin2024' });
    if (!cat.ok) throw new Error(cat.error.message);
    const [, elements] = checkReportSheets({ catalogue: { report: cat.value } });
    const subject = elements.rows.find((r) => r[0] === '公开主体')!;
    expect(subject.slice(0, 5)).toEqual(['公开主体', '必需', '取自目录标题或编制单位', '（XX县公安局）', 0]);
    expect(subject[5]).toContain('主体取自编制单位（第2行）');
    expect(elements.rows.find((r) => r[0] === '责任')!.slice(0, 5)).toEqual(['责任', '必需', 'E列', '公开主体', 1]);
    // A report stored before elements were reported still exports, without the element sheet.
    const { elements: _dropped, ...old } = cat.value;
    expect(checkReportSheets({ catalogue: { report: old } }).map((x) => x.name)).toEqual(['汇总', '目录检查']);
  });

  it('writes only the sheets given, and says so when a list is empty', async () => {
    const data = await input();
    const clean = { ...data.catalogue!.report, problems: [] };
    const bytes = await buildCheckReportWorkbook({ catalogue: { report: clean } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '目录要素', '目录检查']);
    expect(wb.getWorksheet('目录检查')!.getCell('A3').value).toBe('未发现问题');
  });
});
