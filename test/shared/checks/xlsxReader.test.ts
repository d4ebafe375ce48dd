import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkCatalogueFile } from '../../../shared/checks';
import { readXlsxSheets } from '../../../shared/checks/tableReader';
import { catalogueDefectsXlsx, catalogueMergedHeaderXlsx, catalogueSixLevelXlsx, catalogueTwoLevelXlsx, catalogueUnitLineXlsx, emptyRowsXlsx, interpretationsXlsx, largeCatalogueXlsx, ledgerXlsx, noHeaderXlsx } from '../../fixtures/checks/make-fixtures';

/** The direct reader gives exactly the rows SheetJS gives, so a check reads the same file the same way either way. */
function sameBothWays(bytes: Uint8Array) {
  const direct = readXlsxSheets(bytes, 'direct');
  const general = readXlsxSheets(bytes, 'general');
  expect(direct).not.toBeNull();
  expect(direct).toEqual(general);
  return direct!;
}

describe('the direct .xlsx reader', () => {
  it('reads the catalogue, ledger and interpretation fixtures exactly as SheetJS does (merges, titles, dates as serials)', () => {
    for (const bytes of [catalogueDefectsXlsx(), catalogueTwoLevelXlsx(), catalogueSixLevelXlsx(), catalogueUnitLineXlsx(), catalogueMergedHeaderXlsx(), ledgerXlsx(), interpretationsXlsx(), noHeaderXlsx(), largeCatalogueXlsx(300)]) {
      sameBothWays(bytes);
    }
  });

  it('reads a workbook written by another program (rich text, formulas, booleans, errors, escapes, 1904 dates, two sheets) as SheetJS does', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet('目录 & 清单');
    ws.addRow(['XX县交通运输局主动公开事项目录']);
    ws.mergeCells('A1:D1');
    ws.addRow(['事项名称', '公开内容', '公开依据', '数量']);
    ws.addRow([{ richText: [{ text: '机构', font: { bold: true } }, { text: '职能' }] }, '  前后有空格  ', '《条例》<第二十条> & "附则"', 3]);
    ws.addRow(['换行\r\n第二行', { formula: 'D3*2', result: 6 }, true, { error: '#N/A' }]);
    ws.addRow([new Date(Date.UTC(2024, 0, 5)), 1.5, '', { formula: 'A1', result: '文字结果' }]);
    ws.getCell('F9').value = '远处的单元格';
    const other = wb.addWorksheet('第二页');
    other.addRow(['甲', '乙']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = sameBothWays(bytes);
    if (!r.ok) throw new Error(r.message);
    expect(r.sheets.map((s) => s.name)).toEqual(['目录 & 清单', '第二页']);
    expect(r.sheets[0].date1904).toBe(true);
    expect(r.sheets[0].rows[0].cells).toEqual(Array(4).fill('XX县交通运输局主动公开事项目录'));
    expect(r.sheets[0].rows[2].cells.slice(0, 3)).toEqual(['机构职能', '  前后有空格  ', '《条例》<第二十条> & "附则"']);
  });

  it('leaves to SheetJS what it does not read itself (prefixed XML), with the same rows in the end', () => {
    const sheet = '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>事项名称</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>';
    const bytes = zipSync({
      '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
      '_rels/.rels': strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
      'xl/workbook.xml': strToU8('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': strToU8(sheet),
    });
    expect(readXlsxSheets(bytes, 'direct')).toBeNull();
  });

  it('stops at the row limit of a sheet formatted a million rows down and says so, as before', () => {
    const bytes = emptyRowsXlsx(1_000_000, 0, [['事项名称', '公开内容'], ['机构职能', '职能']]);
    const r = sameBothWays(bytes);
    if (!r.ok) throw new Error(r.message);
    expect(r.warnings[0]).toContain('1,000,000 行');
  }, 120_000);

  it('checks the 10,000-row catalogue read directly: 200 rows with problems, as planted', async () => {
    const bytes = largeCatalogueXlsx(10_000);
    const r = await checkCatalogueFile({ bytes, fileName: '目录.xlsx' }, { required: 'xinjin2021' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.summary.rowsChecked).toBe(10_000);
    expect(r.value.summary.rowsWithProblems).toBe(200);
  }, 60_000);
});

describe('the text fast paths of the checks', () => {
  it('normalise exactly as NFKC does, for every character they pass through unchanged and for those they do not', async () => {
    const { nfkc, normaliseFreeText, cellText } = await import('../../../shared/checks/text');
    const ranges: [number, number][] = [[0x20, 0x7e], [0x4e00, 0x9fff], [0x3000, 0x3020], [0x2010, 0x2030], [0xff00, 0xff60]];
    for (const [a, b] of ranges) {
      for (let c = a; c <= b; c++) {
        const ch = String.fromCharCode(c);
        expect(nfkc(`事项${ch}名称`)).toBe(`事项${ch}名称`.normalize('NFKC'));
      }
    }
    // Full-width letters and digits, the ellipsis and the ideographic space still change.
    expect(nfkc('ＡＢＣ１２３…　')).toBe('ABC123... ');
    expect(normaliseFreeText('事项ABC12')).toBe('事项abc12');
    expect(normaliseFreeText('事项，ＡＢＣ（一）')).toBe('事项abc一');
    expect(cellText('　机构职能 ')).toBe('机构职能');
    expect(cellText('机构职能')).toBe('机构职能');
  });
});
