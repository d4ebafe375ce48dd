import Dexie from 'dexie';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile, type Session } from '../../../renderer/db/session';
import { auditWorkbook } from '../../../renderer/features/audit/auditExport';
import { expandEntry, fieldLabel, localStamp, recordHistory, setChangeVerifier, valueText, verifyChange } from '../../../renderer/features/audit/auditTrail';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';
import type { ChangeLogEntry } from '../../../shared/domain/changeLog';

const names: string[] = [];
async function laptop(name: string): Promise<Session> {
  const dbName = `audit-${Math.random().toString(36).slice(2)}`;
  names.push(dbName);
  return saveProfile(await openSession(new InspectorDatabase(dbName)), { name, organisation: '盘锦市政务公开办公室', team: '一组' });
}
afterEach(async () => {
  setChangeVerifier(async () => null);
  for (const n of names.splice(0)) await Dexie.delete(n);
});

const unit = { kind: '政府部门' as const, region: '市直', address: '', contactPerson: '', contactPhone: '', disclosurePhones: [], note: '' };

describe('audit trail', () => {
  it('lists who changed which field of a unit, when and on which laptop, newest first, and nothing of other records', async () => {
    const s = await laptop('王明');
    const repo = new TargetRepository(s.db, s.logger);
    const row = await repo.create({ ...unit, name: '盘锦市教育局' });
    await repo.create({ ...unit, name: '别的单位' });
    const later = await saveProfile(s, { name: '李华', organisation: '盘锦市政务公开办公室', team: '一组' });
    await new TargetRepository(later.db, later.logger).update(row.id, { ...unit, name: '盘锦市教育局', contactPerson: '张三', note: '已核实' });
    const history = await recordHistory(s.db, 'targets', row.id);
    expect(history.every((c) => c.rowId === row.id)).toBe(true);
    const [newest] = history;
    expect(newest.author).toBe('李华');
    expect(newest.deviceId).toBe(s.device.deviceId);
    const edits = history.filter((c) => c.author === '李华').map((c) => `${fieldLabel(c)}=${valueText(c)}`).sort();
    expect(edits).toEqual(['备注=已核实', '联系人=张三']);
    const created = history.filter((c) => c.author === '王明');
    expect(created.map((c) => c.field)).toContain('name');
    expect(created.find((c) => c.field === 'name') && valueText(created.find((c) => c.field === 'name')!)).toBe('盘锦市教育局');
    expect(history.map((c) => c.entry.hlc)).toEqual([...history.map((c) => c.entry.hlc)].sort().reverse());
  });

  it('expands a row-level entry (one entry holding a new row’s fields) into one change per field', () => {
    const entry: ChangeLogEntry = {
      id: '1700000000000-00000-dev#0',
      hlc: '1700000000000-00000-dev',
      table: 'findings',
      rowId: 'f1',
      field: '*',
      value: { id: 'f1', description: '未设置统一标识牌', status: 'open', deadline: null, updatedAt: 'x' },
      author: '王明',
      deviceId: 'dev',
    };
    const changes = expandEntry(entry);
    expect(changes.map((c) => `${fieldLabel(c)}=${valueText(c)}`)).toEqual(['整改期限=（清空）', '问题描述=未设置统一标识牌', '状态=open']);
    expect(new Set(changes.map((c) => c.id)).size).toBe(3);
    expect(expandEntry({ ...entry, field: 'status', value: 'closed' }).map((c) => c.field)).toEqual(['status']);
  });

  it('reads 未验证 until a verifier is injected, and exports to Excel with local times', async () => {
    const s = await laptop('王明');
    const repo = new TargetRepository(s.db, s.logger);
    const row = await repo.create({ ...unit, name: '盘锦市民政局' });
    // A later edit: its own entry, newest first (the new row's fields share one row entry).
    await repo.update(row.id, { ...unit, name: '盘锦市民政局', note: '年中抽查' });
    const history = await recordHistory(s.db, 'targets', row.id);
    expect(history[0].field).toBe('note');
    expect(await verifyChange(history[0].entry)).toBeNull();
    setChangeVerifier(async (e) => e.deviceId === s.device.deviceId);
    const verified = new Map<string, boolean | null>();
    for (const c of history) verified.set(c.entry.id, await verifyChange(c.entry));
    verified.set(history[0].entry.id, null);
    const bytes = await auditWorkbook('盘锦市民政局', history, verified);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer as ArrayBuffer);
    const ws = wb.getWorksheet('修改记录')!;
    expect(ws.getRow(1).getCell(1).value).toBe('盘锦市民政局修改记录');
    expect(ws.getRow(2).values).toEqual([undefined, '时间（本地）', '字段', '新值', '修改人', '电脑', '验证']);
    expect(ws.rowCount).toBe(2 + history.length);
    const rows = Array.from({ length: history.length }, (_, i) => ws.getRow(3 + i).values as unknown[]);
    expect(rows[0][1]).toBe(localStamp(history[0].at));
    expect(rows[0][6]).toBe('未验证');
    expect(rows.slice(1).every((r) => r[6] === '已验证')).toBe(true);
    expect(rows.some((r) => r[2] === '名称' && r[3] === '盘锦市民政局' && r[4] === '王明')).toBe(true);
  });
});
