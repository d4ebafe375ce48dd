import { fieldEntries, type ChangeLogEntry } from '../domain/changeLog';

/**
 * Merging change logs from several laptops. The state of every field is a pure
 * function of the set of its change entries, so merging is deterministic:
 * importing A then B equals B then A, and importing the same bundle twice
 * changes nothing.
 *
 * - An entry replaces the entries named in its `prev`, and every earlier entry
 *   of the same device (a device always sees its own history).
 * - The heads are the entries nothing replaces. The value shown is the head with
 *   the greatest HLC: an entry that was replaced never wins, however far ahead
 *   its laptop's clock was.
 * - More than one head with different values means two people changed the
 *   field without seeing each other's change: a conflict, kept visible for a
 *   person to settle.
 * - Deletion is a row-level state (field `deleted`). A delete entry names in its
 *   `prev` the heads of every field of the row it had seen; an edit head it did
 *   not see is a delete-versus-edit conflict (一人删除、一人修改).
 * - A row entry (a new row's fields in one entry, field `*`) counts as one entry
 *   per field with the row entry's stamp, so everything above holds per field.
 *   Functions taking a row's history expand row entries themselves; those taking
 *   one field's entries (headsOf, fieldState, prevFor) expect `fieldEntries(…)`
 *   filtered to the field.
 */

/** The fields that hold a row's deleted state. */
export const DELETE_FIELD = 'deleted';
export const DELETED_AT_FIELD = 'deletedAt';

/** How two values of a field compare for conflicts: equal keys are the same value. */
export type ValueKey = (value: unknown) => string;
const jsonKey: ValueKey = (v) => JSON.stringify(v ?? null);
export function fieldKey(e: Pick<ChangeLogEntry, 'table' | 'rowId' | 'field'>): string {
  return `${e.table}\u0001${e.rowId}\u0001${e.field}`;
}

function compareEntries(a: ChangeLogEntry, b: ChangeLogEntry): number {
  return a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The entries of one field that no other entry replaces, oldest first. */
export function headsOf(entries: readonly ChangeLogEntry[]): ChangeLogEntry[] {
  const replaced = new Set<string>();
  const newestByDevice = new Map<string, string>();
  for (const e of entries) {
    for (const p of e.prev ?? []) replaced.add(p);
    const newest = newestByDevice.get(e.deviceId);
    if (!newest || e.hlc > newest) newestByDevice.set(e.deviceId, e.hlc);
  }
  const heads = entries.filter((e) => !replaced.has(e.hlc) && newestByDevice.get(e.deviceId) === e.hlc).sort(compareEntries);
  // Only a forged log replaces everything (entries naming each other): fall back to the newest.
  if (heads.length === 0 && entries.length) return [winnerOf(entries)!];
  return heads;
}

/** The greatest of the given entries by HLC (pass heads to get a field's value). */
export function winnerOf(entries: readonly ChangeLogEntry[]): ChangeLogEntry | undefined {
  let best: ChangeLogEntry | undefined;
  for (const e of entries) if (!best || compareEntries(e, best) > 0) best = e;
  return best;
}

export interface FieldState {
  winner: ChangeLogEntry;
  /** Concurrent heads with different values (the winner among them), or null. */
  conflict: ChangeLogEntry[] | null;
}

export function fieldState(entries: readonly ChangeLogEntry[], keyOf: ValueKey = jsonKey): FieldState | undefined {
  const heads = headsOf(entries);
  const winner = winnerOf(heads);
  if (!winner) return undefined;
  const distinct = new Set(heads.map((h) => keyOf(h.value)));
  return { winner, conflict: heads.length > 1 && distinct.size > 1 ? heads : null };
}

/** Two deletes of the same row are the same decision, whenever each was made. */
export function fieldValueKey(field: string): ValueKey {
  return field === DELETED_AT_FIELD ? (v) => (v ? 'deleted' : 'live') : jsonKey;
}

export function isDeletedValue(v: unknown): boolean {
  return v === 1 || v === true;
}

/** The newest stamp of a row: a local write to the row must sort after it. */
export function newestHlc(entries: readonly ChangeLogEntry[]): string | undefined {
  let best: string | undefined;
  for (const e of entries) if (!best || e.hlc > best) best = e.hlc;
  return best;
}

/** Every head of every field of a row, as a delete's `prev` names what it saw. */
export function rowHeadStamps(history: readonly ChangeLogEntry[]): string[] {
  const out = new Set<string>();
  for (const list of groupByField(history).values()) for (const h of headsOf(list)) out.add(h.hlc);
  return [...out].sort();
}

export interface DeleteEditConflict {
  /** The delete heads (value 1). */
  deletes: ChangeLogEntry[];
  /** Edit heads of other fields that no delete had seen. */
  edits: ChangeLogEntry[];
}

/** A row shown deleted while someone edited it without seeing the delete, or null. */
export function deleteEditConflict(history: readonly ChangeLogEntry[]): DeleteEditConflict | null {
  const byField = new Map<string, ChangeLogEntry[]>();
  for (const e of fieldEntries(history)) {
    const list = byField.get(e.field);
    if (list) list.push(e);
    else byField.set(e.field, [e]);
  }
  const deleteHeads = headsOf(byField.get(DELETE_FIELD) ?? []);
  const winner = winnerOf(deleteHeads);
  if (!winner || !isDeletedValue(winner.value)) return null;
  const deletes = deleteHeads.filter((h) => isDeletedValue(h.value));
  const edits: ChangeLogEntry[] = [];
  for (const [field, list] of byField) {
    if (field === DELETE_FIELD || field === DELETED_AT_FIELD) continue;
    for (const h of headsOf(list)) {
      const seen = deletes.some((d) => (d.prev ?? []).includes(h.hlc) || (d.deviceId === h.deviceId && d.hlc > h.hlc));
      if (!seen) edits.push(h);
    }
  }
  return edits.length ? { deletes, edits: edits.sort(compareEntries) } : null;
}

/** Groups entries by field. */
export function groupByField(entries: readonly ChangeLogEntry[]): Map<string, ChangeLogEntry[]> {
  const out = new Map<string, ChangeLogEntry[]>();
  for (const e of fieldEntries(entries)) {
    const k = fieldKey(e);
    const list = out.get(k);
    if (list) list.push(e);
    else out.set(k, [e]);
  }
  return out;
}

/** The row as the change log says it is: each field's winning value (merges apply these onto the local row). */
export function materializeRow(rowId: string, entries: readonly ChangeLogEntry[]): Record<string, unknown> {
  const row: Record<string, unknown> = { id: rowId };
  const byField = new Map<string, ChangeLogEntry[]>();
  for (const e of fieldEntries(entries)) {
    const list = byField.get(e.field);
    if (list) list.push(e);
    else byField.set(e.field, [e]);
  }
  for (const [field, list] of byField) row[field] = winnerOf(headsOf(list))!.value;
  return row;
}

/** The `prev` a new local write of a field should carry: its current heads. */
export function prevFor(entriesOfField: readonly ChangeLogEntry[]): string[] | undefined {
  const heads = headsOf(entriesOfField);
  return heads.length ? heads.map((h) => h.hlc) : undefined;
}
