import { describe, expect, it } from 'vitest';
import { previewTargetImport } from '../../../shared/targets/targetImport';
import { normaliseUnitName } from '../../../shared/domain/targets';
import { targetsAoa, workbookBytes } from '../../fixtures/targets/make-fixtures';

describe('targets workbook import', () => {
  it('finds the header below a title row and reads every field', async () => {
    const p = await previewTargetImport(workbookBytes(targetsAoa(3)), 'a.xlsx', new Set());
    expect(p.errorCount).toBe(0);
    expect(p.rows.map((r) => r.rowNumber)).toEqual([3, 4, 5]);
    expect(p.rows[0].input).toMatchObject({ name: '测试单位0001', kind: '政府部门', region: '兴隆台区', disclosurePhones: ['0427-3000001', '0427-4000001'] });
  });

  it('reports each bad row: missing name, unknown kind, duplicate in file and of the register', async () => {
    const aoa = targetsAoa(4);
    aoa[2][0] = ''; // row 3 missing name
    aoa[3][1] = '事业单位'; // row 4 unknown kind
    aoa[5][0] = aoa[4][0]; // row 6 duplicates row 5
    const p = await previewTargetImport(workbookBytes(aoa), 'a.xlsx', new Set([normaliseUnitName('测试单位 0003')]));
    const errs = Object.fromEntries(p.rows.map((r) => [r.rowNumber, r.errors]));
    expect(errs[3]).toEqual(['缺少单位名称']);
    expect(errs[4][0]).toContain('类别「事业单位」无法识别');
    expect(errs[5]).toEqual(['与已有单位重名']);
    expect(errs[6]).toEqual(['与已有单位重名', '与第 5 行重复']);
    expect(p.errorCount).toBe(4);
  });

  it('accepts common aliases of kinds in a CSV file', async () => {
    const csv = '单位名称,类别,地区\n盘山县政务服务中心,政务大厅,盘山县\n大洼区人民政府,区政府,大洼区\n';
    const gb = new TextEncoder().encode(csv);
    expect((await previewTargetImport(gb, 'a.csv', new Set())).rows.map((r) => r.input.kind)).toEqual(['政务服务大厅', '县区政府']);
  });

  it('refuses files that are not spreadsheets, empty or oversized, with a clear message', async () => {
    await expect(previewTargetImport(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'a.xlsx', new Set())).rejects.toThrow('不是有效的');
    await expect(previewTargetImport(new Uint8Array(), 'a.xlsx', new Set())).rejects.toThrow('文件为空');
    await expect(previewTargetImport(new Uint8Array(21 * 1024 * 1024), 'a.xlsx', new Set())).rejects.toThrow('文件过大');
    await expect(previewTargetImport(workbookBytes([['名称不对', '列'], ['x', 'y']]), 'a.xlsx', new Set())).rejects.toThrow('未找到表头行');
  });
});
