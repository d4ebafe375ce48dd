/**
 * One entry per changed field. The change log is the audit trail and the unit
 * of sync: replaying it rebuilds every row, and merging two logs merges two laptops.
 */
export interface ChangeLogEntry {
  /** `${hlc}#${index}`: unique, and sorts in the order the changes were made. */
  id: string;
  hlc: string;
  table: string;
  rowId: string;
  field: string;
  /** JSON-compatible new value (null for a cleared field). */
  value: unknown;
  author: string;
  deviceId: string;
  /**
   * The HLCs of the values of this field that the writer had seen and replaces
   * (the field's current heads on the writing device). Two changes where neither
   * replaces the other were made concurrently: a conflict if their values differ.
   * Absent on a new row's first values.
   */
  prev?: string[];
}

/** Fields that describe a change rather than the data; never logged. */
export const UNLOGGED_FIELDS = new Set(['id', 'updatedAt']);

/**
 * The fields whose value differs between two versions of a row, compared by
 * JSON value (arrays and objects compare by content). A new row logs every
 * field, so replaying the log alone rebuilds it.
 */
export function changedFields(before: object | undefined, after: object): string[] {
  if (!before) return Object.keys(after).filter((k) => !UNLOGGED_FIELDS.has(k)).sort();
  return diffKeys(before as Record<string, unknown>, after as Record<string, unknown>);
}

function diffKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const out: string[] = [];
  for (const key of keys) {
    if (UNLOGGED_FIELDS.has(key)) continue;
    const a = before[key];
    const b = after[key];
    if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) out.push(key);
  }
  return out.sort();
}
