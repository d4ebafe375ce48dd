import { z } from 'zod';
import { entryFields, ROW_FIELD, type ChangeLogEntry } from '../domain/changeLog';
import { fieldLabel, fieldSchema, rowSpec, tableLabel } from '../domain/rowSchemas';
import { issueProblem } from '../scheme/validate';
import { parseHlc } from './hlc';

/**
 * Checking a bundle's change entries before anything is written: each entry
 * against its table's row schema (shared/domain/rowSchemas.ts). Entries of fields
 * this version does not know are accepted and kept in the log, but never applied
 * to a row or shown as data.
 */

/** Fields no merge may write: the row's identity and the local modification time. */
const NEVER_WRITTEN: Record<string, string> = {
  id: '记录编号不可修改',
  updatedAt: '修改时间由每台电脑自己记录，不可通过合并写入',
};

export interface BadEntry {
  index: number;
  entry: ChangeLogEntry;
  why: string;
  /** The field at fault, when it is one field of a row entry. */
  field?: string;
}

/** Why one entry cannot be merged, or null when it can. */
export function entryProblem(e: ChangeLogEntry): string | null {
  return entryFault(e)?.why ?? null;
}

/** Why one entry cannot be merged and, for a row entry, which of its fields; null when it can. */
export function entryFault(e: ChangeLogEntry): { why: string; field?: string } | null {
  if (!rowSpec(e.table)) return { why: '不认识的数据表' };
  if (e.field === ROW_FIELD) {
    const v = e.value;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return { why: '新建记录的内容不是字段与值的对应表' };
  } else if (Object.hasOwn(NEVER_WRITTEN, e.field)) return { why: NEVER_WRITTEN[e.field] };
  let stamp;
  try {
    stamp = parseHlc(e.hlc);
  } catch {
    return { why: '时间戳格式不正确' };
  }
  if (stamp.deviceId !== e.deviceId) return { why: '时间戳与所属电脑不符' };
  if (!/^#\d{3}$/.test(e.id.slice(e.hlc.length)) || !e.id.startsWith(e.hlc)) return { why: '记录编号与时间戳不符' };
  if (e.field !== ROW_FIELD) {
    const why = valueFault(e.table, e.field, e.value);
    return why ? { why } : null;
  }
  for (const { field, value } of entryFields(e)) {
    if (Object.hasOwn(NEVER_WRITTEN, field)) return { why: NEVER_WRITTEN[field], field };
    const why = valueFault(e.table, field, value);
    if (why) return { why, field };
  }
  return null;
}

function valueFault(table: string, field: string, value: unknown): string | null {
  const schema = fieldSchema(table, field);
  if (!schema) return null;
  const parsed = schema.safeParse(value, { reportInput: true });
  return parsed.success ? null : valueProblem(parsed.error);
}

function valueProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  const problem = issueProblem(issue);
  return issue.path.length ? `值的「${issue.path.map(String).join('.')}」${problem}` : `值${problem}`;
}

export function firstBadEntry(entries: readonly ChangeLogEntry[]): BadEntry | null {
  for (const [index, entry] of entries.entries()) {
    const fault = entryFault(entry);
    if (fault) return { index, entry, ...fault };
  }
  return null;
}

/** What a row is called, from the entries of the bundle: a unit's name, a round's title… */
export function rowLabelFrom(entries: readonly ChangeLogEntry[], table: string, rowId: string): string {
  const values = new Map<string, string>();
  for (const e of entries) {
    if (e.table !== table || e.rowId !== rowId) continue;
    for (const f of entryFields(e)) if (!values.has(f.field) && typeof f.value === 'string' && f.value) values.set(f.field, f.value);
  }
  for (const field of ['name', 'title', 'targetName', 'number', 'description', 'originalName']) {
    const hit = values.get(field);
    if (hit) return hit;
  }
  return `编号 ${rowId.slice(0, 8)}`;
}

/** The Chinese message for a refused bundle, naming the first bad entry: table, row, field and why. */
export function badEntryMessage(bad: BadEntry, entries: readonly ChangeLogEntry[]): string {
  const { entry } = bad;
  const field = bad.field ?? entry.field;
  const what = field === ROW_FIELD ? '新建记录' : `「${fieldLabel(field)}」`;
  return `同步数据包未合并，本机数据未改变：第 ${bad.index + 1} 条修改记录（${tableLabel(entry.table)}「${rowLabelFrom(entries, entry.table, entry.rowId)}」的${what}）：${bad.why}`;
}
