/**
 * A change of one field, or of a new row's fields all at once (a row entry:
 * `field` is ROW_FIELD and `value` holds every logged field of the row). The
 * change log is the audit trail and the unit of sync: replaying it rebuilds every
 * row, and merging two logs merges two laptops. Read entries as field changes
 * through `entryFields` / `fieldEntries`, never through `field` and `value` alone.
 */
export interface ChangeLogEntry {
  /** `${hlc}#${index}`: unique, and sorts in the order the changes were made. */
  id: string;
  hlc: string;
  table: string;
  rowId: string;
  /** The field changed, or ROW_FIELD for a row entry. */
  field: string;
  /** JSON-compatible new value (null for a cleared field); for a row entry, an object of field → value. */
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

/**
 * The `field` of a row entry: one entry carries a new row's logged fields as an
 * object `{ field: value }`. It counts as one change of each of those fields, with
 * the entry's stamp: a later edit of a field names the row entry's HLC in `prev`.
 */
export const ROW_FIELD = '*';

export function isRowEntry(e: Pick<ChangeLogEntry, 'field'>): boolean {
  return e.field === ROW_FIELD;
}

/** The field changes an entry records: one pair for a field entry, one per field for a row entry (sorted by field). */
export function entryFields(e: Pick<ChangeLogEntry, 'field' | 'value'>): { field: string; value: unknown }[] {
  if (e.field !== ROW_FIELD) return [{ field: e.field, value: e.value }];
  const v = e.value;
  if (!v || typeof v !== 'object' || Array.isArray(v)) return [];
  const obj = v as Record<string, unknown>;
  return Object.keys(obj)
    .sort()
    .map((field) => ({ field, value: obj[field] ?? null }));
}

/**
 * The entries as one entry per field: a row entry becomes an entry for each of its
 * fields, with the row entry's id, HLC, author, device and `prev`. Field entries are
 * returned as they are, so this may be applied to a list more than once.
 */
export function fieldEntries<E extends ChangeLogEntry>(entries: readonly E[]): E[] {
  let rowEntries = false;
  for (const e of entries) if (e.field === ROW_FIELD) rowEntries = true;
  if (!rowEntries) return entries as E[];
  const out: E[] = [];
  for (const e of entries) {
    if (e.field !== ROW_FIELD) out.push(e);
    else for (const f of entryFields(e)) out.push({ ...e, field: f.field, value: f.value });
  }
  return out;
}

/** The logged fields of a new row, as a row entry's value (cleared fields are null). */
export function rowEntryValue(row: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const r = row as Record<string, unknown>;
  for (const key of Object.keys(r).sort()) if (!UNLOGGED_FIELDS.has(key)) out[key] = r[key] ?? null;
  return out;
}
