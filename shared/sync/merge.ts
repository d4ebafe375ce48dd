import type { ChangeLogEntry } from '../domain/changeLog';

/**
 * Merging change logs from several laptops. The state of every field is a pure
 * function of the set of its change entries, so merging is deterministic:
 * importing A then B equals B then A, and importing the same bundle twice
 * changes nothing.
 *
 * - The value shown is the entry with the greatest HLC (last writer wins).
 * - An entry replaces the entries named in its `prev`, and every earlier entry
 *   of the same device (a device always sees its own history).
 * - The heads are the entries nothing replaces. More than one head with
 *   different values means two people changed the field without seeing each
 *   other's change: a conflict, kept visible for a person to settle.
 */
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
  return entries
    .filter((e) => !replaced.has(e.hlc) && newestByDevice.get(e.deviceId) === e.hlc)
    .sort(compareEntries);
}

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

export function fieldState(entries: readonly ChangeLogEntry[]): FieldState | undefined {
  const winner = winnerOf(entries);
  if (!winner) return undefined;
  const heads = headsOf(entries);
  const distinct = new Set(heads.map((h) => JSON.stringify(h.value ?? null)));
  return { winner, conflict: heads.length > 1 && distinct.size > 1 ? heads : null };
}

/** Groups entries by field. */
export function groupByField(entries: readonly ChangeLogEntry[]): Map<string, ChangeLogEntry[]> {
  const out = new Map<string, ChangeLogEntry[]>();
  for (const e of entries) {
    const k = fieldKey(e);
    const list = out.get(k);
    if (list) list.push(e);
    else out.set(k, [e]);
  }
  return out;
}

/** The row as the change log says it is: each field's winning value. */
export function materializeRow(rowId: string, entries: readonly ChangeLogEntry[]): Record<string, unknown> {
  const row: Record<string, unknown> = { id: rowId };
  const byField = new Map<string, ChangeLogEntry[]>();
  for (const e of entries) {
    const list = byField.get(e.field);
    if (list) list.push(e);
    else byField.set(e.field, [e]);
  }
  for (const [field, list] of byField) row[field] = winnerOf(list)!.value;
  return row;
}

/** The `prev` a new local write of a field should carry: its current heads. */
export function prevFor(entriesOfField: readonly ChangeLogEntry[]): string[] | undefined {
  const heads = headsOf(entriesOfField);
  return heads.length ? heads.map((h) => h.hlc) : undefined;
}
