import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { IMPORT_LIMITS, loadTable, parsePastedTable, previewCatalogue, previewLedger, readTableFile, sha256Hex } from '../../../shared/checks';
import { emptyRowsXlsx, noHeaderXlsx, tooManyRowsCsv } from '../../fixtures/checks/make-fixtures';
import { fixture, nodeSha256 } from './helpers';

const enc = (s: string) => new TextEncoder().encode(s);

async function refused(bytes: Uint8Array, fileName: string) {
  const r = await previewCatalogue({ bytes, fileName });
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('accepted');
  // Nothing but the error: no rows, no report.
  expect(Object.keys(r).sort()).toEqual(r.help ? ['error', 'help', 'ok'] : ['error', 'ok']);
  return r.error;
}

describe('reading spreadsheets', () => {
  it('keeps the file name and the SHA-256 of the bytes', async () => {
    const f = fixture('catalogue-defects.xlsx');
    const r = await readTableFile(f.bytes, f.fileName);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.source).toMatchObject({ fileName: 'catalogue-defects.xlsx', sha256: nodeSha256(f.bytes), byteLength: f.bytes.byteLength, format: 'xlsx' });
    expect(await sha256Hex(enc('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('reads .xls (BIFF8), GBK-encoded CSV and UTF-8 CSV with the Chinese text intact', async () => {
    const xls = await readTableFile(fixture('site.xls').bytes, 'site.xls');
    if (!xls.ok) throw new Error(xls.error.message);
    expect(xls.value.source.format).toBe('xls');
    expect(xls.value.sheets[0].rows[0].cells.slice(0, 2)).toEqual(['发文字号', '文件名称']);

    const gbk = await readTableFile(fixture('submissions-gbk.csv').bytes, 'submissions-gbk.csv');
    if (!gbk.ok) throw new Error(gbk.error.message);
    expect(gbk.value.source.format).toBe('csv');
    expect(gbk.value.sheets[0].rows[0].cells).toEqual(['文件标题', '印发日期', '报送日期']);

    const bom = await readTableFile(enc('\ufeff事项名称,公开内容\r\n"机构职能","本机关职能,内设机构"\r\n'), 'a.csv');
    if (!bom.ok) throw new Error(bom.error.message);
    expect(bom.value.sheets[0].rows[1].cells).toEqual(['机构职能', '本机关职能,内设机构']);
  });

  it('reads an .xls that is really an HTML table, as many systems export', async () => {
    const html = '<html><body><table><tr><td>文号</td><td>标题</td></tr><tr><td>盘政发〔2024〕1号</td><td>关于印发要点的通知</td></tr></table></body></html>';
    const r = await readTableFile(enc(html), '导出.xls');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.source.format).toBe('html');
    expect(r.value.sheets[0].rows[1].cells).toEqual(['盘政发〔2024〕1号', '关于印发要点的通知']);
  });

  it('counts CSV rows as Excel shows them, even with a line break inside a quoted cell', async () => {
    const r = await readTableFile(enc('事项名称,公开内容\n"机构\n职能",职能\n领导信息,分工\n'), 'a.csv');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.sheets[0].rows.map((x) => x.row)).toEqual([1, 2, 3]);
    expect(r.value.sheets[0].rows[1].cells[0]).toBe('机构\n职能');
  });

  it('parses a table pasted from a web page (tab-separated)', () => {
    const r = parsePastedTable('文号\t标题\t发布日期\n盘政发〔2024〕1号\t关于印发要点的通知\t2024-01-08\n\n');
    if (!r.ok) throw new Error(r.message);
    expect(r.sheet.rows).toHaveLength(2);
    expect(r.sheet.rows[1].cells).toEqual(['盘政发〔2024〕1号', '关于印发要点的通知', '2024-01-08']);
    expect(parsePastedTable('   \n ')).toMatchObject({ ok: false, message: expect.stringContaining('粘贴的内容为空') });
    expect(parsePastedTable('只有一段文字，没有表格')).toMatchObject({ ok: false, message: expect.stringContaining('不是表格') });
  });

  it('hashes pasted text and labels its source', async () => {
    const text = '文号\t标题\n盘政发〔2024〕1号\t关于印发要点的通知';
    const r = await loadTable({ pastedText: text, label: '网站政策栏目' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.source).toMatchObject({ fileName: '网站政策栏目', format: 'pasted', sha256: nodeSha256(enc(text)) });
  });
});

describe('files that are not usable tables get a clear message and produce nothing', () => {
  it('random bytes named .xlsx or .csv', async () => {
    const bytes = new Uint8Array(8192);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
    for (const name of ['随机.xlsx', '随机.csv', '随机.xls']) {
      const e = await refused(bytes, name);
      expect(e.code).toBe('NOT_A_TABLE');
      expect(e.message).toContain('无法读取该文件：不是有效的 Excel/CSV 表格');
    }
  });

  it('a text file named .xlsx', async () => {
    const e = await refused(enc('事项名称,公开内容\n机构职能,本机关职能\n'), '目录.xlsx');
    expect(e.code).toBe('NOT_A_TABLE');
    expect(e.message).toBe('无法读取该文件：不是有效的 Excel/CSV 表格（文件扩展名为 .xlsx，但内容不是 Excel 工作簿）');
  });

  it('a zip that is not a workbook, and a truncated workbook', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const docx = zipSync({ 'word/document.xml': strToU8('<w:document/>') });
    expect((await refused(docx, '目录.xlsx')).message).toContain('压缩包中没有 Excel 工作簿');
    const good = fixture('catalogue-defects.xlsx').bytes;
    expect((await refused(good.subarray(0, Math.floor(good.length / 2)), '目录.xlsx')).code).toBe('NOT_A_TABLE');
  });

  it('a password-protected workbook', async () => {
    // An encrypted .xlsx is a compound file holding EncryptionInfo and EncryptedPackage streams.
    type Cfb = { utils: { cfb_new(): unknown; cfb_add(c: unknown, path: string, data: Uint8Array): void }; write(c: unknown, o: { type: 'array' }): ArrayLike<number> };
    const CFB = (XLSX as unknown as { CFB: Cfb }).CFB;
    const container = CFB.utils.cfb_new();
    CFB.utils.cfb_add(container, '/EncryptionInfo', new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]));
    CFB.utils.cfb_add(container, '/EncryptedPackage', new Uint8Array(64));
    const e = await refused(new Uint8Array(CFB.write(container, { type: 'array' })), '加密.xlsx');
    expect(e.message).toBe('无法读取该文件：文件设置了打开密码，请在 Excel 中取消密码后再导入');
  });

  it('an empty file, a file of another type, a file over 20 MB', async () => {
    expect((await refused(new Uint8Array(0), '目录.xlsx')).message).toContain('文件为空');
    expect((await refused(enc('a,b\n1,2'), '目录.docx')).code).toBe('UNSUPPORTED_TYPE');
    const big = new Uint8Array(IMPORT_LIMITS.maxFileBytes + 1);
    const e = await refused(big, '目录.xlsx');
    expect(e.code).toBe('FILE_TOO_LARGE');
    expect(e.message).toContain('不能超过 20 MB');
  });

  it('a sheet with no header row', async () => {
    const e = await refused(noHeaderXlsx(), '数据.xlsx');
    expect(e.code).toBe('NO_HEADER');
    expect(e.message).toContain('未找到表头行：请确认表格含有「事项名称」「公开内容」');
    const ledger = await previewLedger({ bytes: noHeaderXlsx(), fileName: '台账.xlsx' });
    expect(ledger.ok ? '' : ledger.error.message).toContain('「文号」「标题」');
  });

  it('a header with no data below it', async () => {
    const e = await refused(enc('事项名称,公开内容,公开时限\n'), '目录.csv');
    expect(e.code).toBe('NO_DATA');
    expect(e.message).toBe('表头（第1行）下方没有数据行');
  });

  it('more than 50,000 data rows', async () => {
    const e = await refused(tooManyRowsCsv(IMPORT_LIMITS.maxDataRows + 1), '目录.csv');
    expect(e.code).toBe('TOO_MANY_ROWS');
    expect(e.message).toContain('超过 50,000 行');
    const ws = XLSX.utils.aoa_to_sheet([['事项名称', '公开内容'], ...Array.from({ length: IMPORT_LIMITS.maxDataRows + 1 }, (_, i) => [`事项${i}`, '内容'])]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '目录');
    const xlsx = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
    expect((await refused(xlsx, '目录.xlsx')).code).toBe('TOO_MANY_ROWS');
    // Exactly at the limit is accepted.
    const ok = await previewCatalogue({ bytes: tooManyRowsCsv(IMPORT_LIMITS.maxDataRows), fileName: '目录.csv' });
    expect(ok.ok && ok.value.rows.length).toBe(IMPORT_LIMITS.maxDataRows);
  });

  // Performance is measured in bench/, not asserted here (the machine may be busy).
  it('a sheet of 1,000,000 empty rows', async () => {
    for (const bytes of [emptyRowsXlsx(1_000_000), emptyRowsXlsx(1_000_000, 2)]) {
      const e = await refused(bytes, '空表.xlsx');
      expect(e.code).toBe('EMPTY_SHEET');
      expect(e.message).toBe('表格中没有内容：请确认选择了正确的文件和工作表');
    }
    const csv = enc(',,,,,\r\n'.repeat(1_000_000));
    expect((await refused(csv, '空表.csv')).code).toBe('EMPTY_SHEET');
  }, 120_000);

  it('a header and data followed by a million formatted empty rows is read, with a note', async () => {
    const bytes = emptyRowsXlsx(1_000_000, 0, [
      ['事项名称', '公开内容', '公开时限'],
      ['机构职能', '本机关职能', '20个工作日内'],
    ]);
    const r = await previewCatalogue({ bytes, fileName: '目录.xlsx' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.rows.map((x) => x.values.itemName)).toEqual(['机构职能']);
    expect(r.value.warnings.join('')).toContain('范围达 1,000,000 行');
  }, 60_000);
});
