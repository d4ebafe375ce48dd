import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TargetImportModal } from '../../../renderer/features/targets/TargetImportModal';
import { previewTargetImport, type ExistingTarget } from '../../../shared/targets/targetImport';
import { normaliseUnitName } from '../../../shared/domain/targets';
import { targetsAoa, workbookBytes } from '../../fixtures/targets/make-fixtures';

afterEach(cleanup);

/** 10 units, one with no 类别 on the second page of the preview, a footnote and blank rows under the table. */
function listWithFootnote(): string[][] {
  const aoa = targetsAoa(10);
  aoa[11][1] = ''; // row 12: no kind
  aoa.push(['', '', '', ''], ['注：名单由市政务公开办提供，如有变动以最新通知为准。'], ['']);
  return aoa;
}

describe('importing a unit list as people write it', () => {
  it('leaves footnote and blank tail rows out instead of refusing them', async () => {
    const aoa = targetsAoa(3);
    aoa.push([''], ['注：名单由市政务公开办提供。'], ['说明：电话以最新为准']);
    const p = await previewTargetImport(workbookBytes(aoa), 'a.xlsx', new Set());
    expect(p.errorCount).toBe(0);
    expect(p.rows).toHaveLength(3);
    expect(p.skippedNotes).toEqual([
      { rowNumber: 7, text: '注：名单由市政务公开办提供。' },
      { rowNumber: 8, text: '说明：电话以最新为准' },
    ]);
  });

  it('hints when only a plain 联系电话 column exists, since 拨测 needs the disclosure phone', async () => {
    const aoa = targetsAoa(2).map((r) => r.slice(0, 6));
    const p = await previewTargetImport(workbookBytes(aoa), 'a.xlsx', new Set());
    expect(p.rows[0].input.disclosurePhones).toEqual([]);
    expect(p.hints[0]).toContain('表格没有「政府信息公开联系电话」列');
    const full = await previewTargetImport(workbookBytes(targetsAoa(2)), 'a.xlsx', new Set());
    expect(full.hints).toEqual([]);
    expect(full.rows[0].input.disclosurePhones).toEqual(['0427-3000001', '0427-4000001']);
  });

  it('shows the errors first, no made-up 其他 next to 缺少类别, and imports the rest only when asked to skip', async () => {
    const preview = await previewTargetImport(workbookBytes(listWithFootnote()), 'a.xlsx', new Set());
    expect(preview.errorCount).toBe(1);
    const onConfirm = vi.fn(async () => {});
    render(<TargetImportModal fileName="名单.xlsx" preview={preview} onCancel={() => {}} onConfirm={onConfirm} />);
    const firstRow = screen.getAllByRole('row')[1];
    expect(within(firstRow).getByText('12')).toBeTruthy();
    expect(within(firstRow).getByText('缺少类别')).toBeTruthy();
    expect(within(firstRow).queryByText('其他')).toBeNull();
    expect(screen.getByTestId('import-notes').textContent).toContain('第 14 行「注：名单由市政务公开办提供，如有变动以最…」');

    const button = screen.getByRole('button', { name: '有 1 行需修改，暂不能导入' });
    expect(button).toBeDisabled();
    fireEvent.click(screen.getByRole('checkbox', { name: '跳过有问题的行' }));
    const go = screen.getByRole('button', { name: '跳过 1 行有问题的行，确认导入 9 家单位' });
    expect(go).toBeEnabled();
    fireEvent.click(go);
    expect(onConfirm).toHaveBeenCalledTimes(1);
    const rows = (onConfirm.mock.calls[0] as unknown as [{ rowNumber: number }[]])[0];
    expect(rows.map((r) => r.rowNumber)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('updates the units of an updated list, showing what changes, instead of refusing 与已有单位重名', async () => {
    const first = await previewTargetImport(workbookBytes(targetsAoa(3)), 'a.xlsx', new Set());
    const existing: ExistingTarget[] = first.rows.map((r, i) => ({ id: `t${i + 1}`, input: r.input }));
    const names = new Set(existing.map((e) => normaliseUnitName(e.input.name)));
    const aoa = targetsAoa(4);
    aoa[2][6] = '0427-3999999'; // row 3: new disclosure phone
    aoa[3][4] = ''; // row 4: contact person left blank keeps the stored one
    const p = await previewTargetImport(workbookBytes(aoa), 'b.xlsx', names, existing);
    expect(p.errorCount).toBe(0);
    expect(p.updateCount).toBe(3);
    expect(p.rows[0].update).toEqual({ id: 't1', changes: [{ field: 'disclosurePhones', label: '政府信息公开联系电话', from: '0427-3000001、0427-4000001', to: '0427-3999999' }] });
    expect(p.rows[1].update).toEqual({ id: 't2', changes: [] });
    expect(p.rows[1].input.contactPerson).toBe('联系人2');
    expect(p.rows[3].update).toBeUndefined();

    const onConfirm = vi.fn(async () => {});
    render(<TargetImportModal fileName="名单（更新）.xlsx" preview={p} onCancel={() => {}} onConfirm={onConfirm} />);
    expect(screen.getByText('政府信息公开联系电话：0427-3000001、0427-4000001 → 0427-3999999')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '确认导入：新增 1 家、更新 3 家单位' }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('still refuses a name of the register when the unit is not offered for update', async () => {
    const p = await previewTargetImport(workbookBytes(targetsAoa(1)), 'a.xlsx', new Set([normaliseUnitName('测试单位0001')]));
    expect(p.rows[0].errors).toEqual(['与已有单位重名']);
  });
});
