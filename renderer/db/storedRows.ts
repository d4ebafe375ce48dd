import type { Table } from 'dexie';

/**
 * Reading many rows by id when most of them may not be stored yet (a new row, a
 * change not merged yet). IndexedDB charges for every request and for every value
 * it returns, not for the keys it returns: one key-only read of the id range says
 * which ids are stored, and only those rows are read. When the range holds far
 * more keys than the ids asked for, the ids are read one by one as before.
 */

/** Key-only reads pay for each key in the range; past this many per id asked for, reading by id is cheaper. */
const KEYS_PER_ID = 8;

/** The ids stored in the table, of a range wide enough for `ids`; undefined when reading by id is cheaper. */
async function storedInRange(table: Table, ids: readonly string[]): Promise<Set<string> | undefined> {
  if (ids.length <= 16) return undefined;
  let lo = ids[0];
  let hi = ids[0];
  for (const id of ids) {
    if (id < lo) lo = id;
    if (id > hi) hi = id;
  }
  const range = table.where(':id').between(lo, hi, true, true);
  if ((await range.count()) > KEYS_PER_ID * ids.length) return undefined;
  return new Set((await range.primaryKeys()) as string[]);
}

/** The ids of `ids` that are stored in the table. */
export async function storedIds(table: Table, ids: readonly string[]): Promise<Set<string>> {
  const inRange = await storedInRange(table, ids);
  if (inRange) return inRange;
  const rows = await table.bulkGet(ids as string[]);
  return new Set(ids.filter((_, i) => rows[i] !== undefined));
}

/** The stored rows of `ids`, in the same order (undefined where none is stored): `bulkGet`, reading only rows that exist. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any key and insert type: only reads
export async function storedRows<T>(table: Table<T, any, any>, ids: readonly string[]): Promise<(T | undefined)[]> {
  const have = await storedInRange(table, ids);
  if (!have) return table.bulkGet(ids as string[]);
  const wanted = ids.filter((id) => have.has(id));
  const rows = wanted.length ? await table.bulkGet(wanted) : [];
  const byId = new Map<string, T | undefined>();
  wanted.forEach((id, i) => byId.set(id, rows[i]));
  return ids.map((id) => byId.get(id));
}
