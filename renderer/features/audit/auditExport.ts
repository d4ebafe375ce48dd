import ExcelJS from 'exceljs';
import { fieldLabel, laptopText, localStamp, valueText, VERIFIED_TEXT, type FieldChange } from './auditTrail';

/** 修改记录 as an Excel workbook: one row per field change, newest first. */
export async function auditWorkbook(title: string, changes: FieldChange[], verified: Map<string, boolean | null>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('修改记录');
  ws.addRow([`${title}修改记录`]);
  ws.mergeCells(1, 1, 1, 6);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.addRow(['时间（本地）', '字段', '新值', '修改人', '电脑', '验证']).font = { bold: true };
  for (const c of changes) ws.addRow([localStamp(c.at), fieldLabel(c), valueText(c), c.author || '未署名', `${laptopText(c)}（${c.deviceId}）`, VERIFIED_TEXT(verified.get(c.entry.id))]);
  ws.columns.forEach((col, i) => (col.width = [20, 18, 48, 12, 46, 10][i]));
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
