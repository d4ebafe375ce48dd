import { entryFields, isRowEntry, UNLOGGED_FIELDS, type ChangeLogEntry } from '../../../shared/domain/changeLog';
import { parseHlc } from '../../../shared/sync/hlc';
import type { InspectorDatabase } from '../../db/database';
import { verifyStoredEntry } from '../trust/entryVerifier';

/**
 * The audit trail a person can read: for one record, every field change (who,
 * when, on which laptop), read from the change log. Entries are read through
 * `expandEntry` alone, so a row-level entry (one entry carrying a new row's
 * fields: field `*`, value an object of fields) reads as one change per field.
 */
export interface FieldChange {
  /** The entry's id, with `/field` for an expanded row-level entry. */
  id: string;
  entry: ChangeLogEntry;
  table: string;
  rowId: string;
  field: string;
  value: unknown;
  /** Local wall time of the change, from its stamp (ms). */
  at: number;
  author: string;
  deviceId: string;
}

/** One change per field: a row entry (a new row's fields in one entry) expands to each of its fields. */
export function expandEntry(entry: ChangeLogEntry): FieldChange[] {
  const at = parseHlc(entry.hlc).ms;
  const base = { entry, table: entry.table, rowId: entry.rowId, at, author: entry.author, deviceId: entry.deviceId };
  if (!isRowEntry(entry)) return [{ ...base, id: entry.id, field: entry.field, value: entry.value }];
  return entryFields(entry)
    .filter(({ field }) => !UNLOGGED_FIELDS.has(field))
    .map(({ field, value }) => ({ ...base, id: `${entry.id}/${field}`, field, value }));
}

/** The kinds of record the trail is offered for, and the rows that belong to one (an assessment's scores). */
export type AuditTable = 'targets' | 'assessments' | 'findings' | 'notices';

/** Every field change of a record, newest first. An assessment includes its scores, notes and call records. */
export async function recordHistory(db: InspectorDatabase, table: AuditTable, rowId: string): Promise<FieldChange[]> {
  const keys: [string, string][] = [[table, rowId]];
  if (table === 'assessments') {
    for (const t of ['responses', 'indicatorNotes', 'phoneCalls', 'checklistAnswers'] as const) {
      const ids = (await db.table(t).where('assessmentId').equals(rowId).primaryKeys().catch(() => [])) as string[];
      for (const id of ids) keys.push([t, id]);
    }
  }
  const entries = (await db.changes.where('[table+rowId]').anyOf(keys).toArray()) as ChangeLogEntry[];
  return entries
    .flatMap(expandEntry)
    .sort((a, b) => (a.entry.hlc === b.entry.hlc ? b.id.localeCompare(a.id) : b.entry.hlc.localeCompare(a.entry.hlc)));
}

/** Whether a change is proven to come from the laptop it names (device signatures). null: cannot tell. */
export type ChangeVerifier = (entry: ChangeLogEntry, db?: InspectorDatabase) => Promise<boolean | null>;

/** By default the trust feature's check: the change's signature against the office's roster. */
const signatureCheck: ChangeVerifier = async (entry, db) => (db ? verifyStoredEntry(db, entry) : null);

let verifier: ChangeVerifier = signatureCheck;

/** Tests replace the check. */
export function setChangeVerifier(v: ChangeVerifier): void {
  verifier = v;
}

export function verifyChange(entry: ChangeLogEntry, db?: InspectorDatabase): Promise<boolean | null> {
  return verifier(entry, db).catch(() => false);
}

const LABELS: Record<string, string> = {
  name: '名称',
  kind: '类别',
  region: '地区',
  address: '地址',
  contactPerson: '联系人',
  contactPhone: '联系电话',
  disclosurePhones: '政务公开电话',
  note: '备注',
  deleted: '删除',
  status: '状态',
  description: '问题描述',
  severity: '严重程度',
  requirement: '整改要求',
  deadline: '整改期限',
  noticeId: '整改通知书',
  followUpNote: '回头看说明',
  statusReason: '状态说明',
  replyReceivedAt: '整改报告收到日期',
  replyText: '整改报告',
  verifiedBy: '核实人',
  verifiedAt: '核实日期',
  outcome: '核实结果',
  number: '文号',
  issuedAt: '下发日期',
  response: '评分',
  submittedAt: '提交时间',
  submittedBy: '提交人',
  inspectors: '检查人员',
  targetId: '被检查单位',
  inspectionId: '检查任务',
  assessmentId: '评分记录',
  indicatorId: '指标',
  ruleId: '评分规则',
  checklistItemId: '核查项',
  text: '内容',
};

const TABLES: Record<string, string> = {
  targets: '单位',
  assessments: '评分记录',
  responses: '评分',
  indicatorNotes: '指标备注',
  phoneCalls: '拨测记录',
  checklistAnswers: '五统一核查',
  findings: '问题',
  notices: '整改通知书',
};

export function fieldLabel(c: Pick<FieldChange, 'table' | 'field'>): string {
  const label = LABELS[c.field] ?? c.field;
  return c.table === 'targets' || c.table === 'findings' || c.table === 'notices' || c.table === 'assessments' ? label : `${TABLES[c.table] ?? c.table}·${label}`;
}

/** A value as a person reads it. */
export function valueText(c: Pick<FieldChange, 'field' | 'value'>): string {
  const v = c.value;
  if (c.field === 'deleted') return v ? '已删除' : '恢复';
  if (v === null || v === undefined || v === '') return '（清空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  const text = JSON.stringify(v);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export const laptopText = (c: Pick<FieldChange, 'deviceId'>) => `设备 ${c.deviceId.slice(0, 8)}`;

const pad = (n: number) => String(n).padStart(2, '0');
/** Local time, as on screen. */
export function localStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export const VERIFIED_TEXT = (v: boolean | null | undefined) => (v === true ? '已验证' : v === false ? '验证失败' : '未验证');
