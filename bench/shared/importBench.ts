import * as XLSX from 'xlsx';
import { makeTargets } from './dbBench';

export function makeTargetWorkbook(n: number): Uint8Array {
  const aoa = [['单位名称', '类别', '所属地区', '地址', '联系人', '联系电话', '政府信息公开联系电话', '备注']];
  for (const t of makeTargets(n)) aoa.push([t.name, t.kind, t.region, t.address, t.contactPerson, t.contactPhone, t.disclosurePhones.join('、'), t.note]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '名单');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}
