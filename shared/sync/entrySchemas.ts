import { z } from 'zod';
import type { ChangeLogEntry } from '../domain/changeLog';
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
}

/** Why one entry cannot be merged, or null when it can. */
export function entryProblem(e: ChangeLogEntry): string | null {
  if (!rowSpec(e.table)) return '不认识的数据表';
  if (Object.hasOwn(NEVER_WRITTEN, e.field)) return NEVER_WRITTEN[e.field];
  let stamp;
  try {
    stamp = parseHlc(e.hlc);
  } catch {
    return '时间戳格式不正确';
  }
  if (stamp.deviceId !== e.deviceId) return '时间戳与所属电脑不符';
  if (!/^#\d{3}$/.test(e.id.slice(e.hlc.length)) || !e.id.startsWith(e.hlc)) return '记录编号与时间戳不符';
  const schema = fieldSchema(e.table, e.field);
  if (!schema) return null;
  const parsed = schema.safeParse(e.value, { reportInput: true });
  return parsed.success ? null : valueProblem(parsed.error);
}

function valueProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  const problem = issueProblem(issue);
  return issue.path.length ? `值的「${issue.path.map(String).join('.')}」${problem}` : `值${problem}`;
}

export function firstBadEntry(entries: readonly ChangeLogEntry[]): BadEntry | null {
  for (const [index, entry] of entries.entries()) {
    const why = entryProblem(entry);
    if (why) return { index, entry, why };
  }
  return null;
}

/** What a row is called, from the entries of the bundle: a unit's name, a round's title… */
export function rowLabelFrom(entries: readonly ChangeLogEntry[], table: string, rowId: string): string {
  for (const field of ['name', 'title', 'targetName', 'number', 'description', 'originalName']) {
    const hit = entries.find((e) => e.table === table && e.rowId === rowId && e.field === field && typeof e.value === 'string' && e.value);
    if (hit) return hit.value as string;
  }
  return `编号 ${rowId.slice(0, 8)}`;
}

/** The Chinese message for a refused bundle, naming the first bad entry: table, row, field and why. */
export function badEntryMessage(bad: BadEntry, entries: readonly ChangeLogEntry[]): string {
  const { entry } = bad;
  return `同步数据包未合并，本机数据未改变：第 ${bad.index + 1} 条修改记录（${tableLabel(entry.table)}「${rowLabelFrom(entries, entry.table, entry.rowId)}」的「${fieldLabel(entry.field)}」）：${bad.why}`;
}
