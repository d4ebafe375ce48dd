import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';

/**
 * The units list's index (Dexie v12 `targetSearch`, local, never synced or
 * backed up: it is rebuilt from the units). IndexedDB returns the keys of a
 * store in one cheap request but charges for every value it returns, and an
 * index only ever returns the rows' ids. So each unit has one key here holding
 * what the list filters, searches and sorts on, ending with its id:
 * [deleted, kind, region, name, contactPerson, disclosurePhones, id]. The list
 * reads the keys of a kind and region (or of all), filters and sorts them, and
 * reads only the rows of the page shown.
 *
 * Every write to `targets` keeps it in step, in the same transaction (a Dexie
 * DBCore middleware), whichever code writes: the change logger, a merge, a
 * restore, an upgrade. Each such write also stamps a new generation under the
 * string key `generation` (outside every array range the list reads), so a
 * reader can keep the keys it read and tell, with one small read, whether they
 * are still the stored ones, whichever window or connection wrote since.
 */
export const TARGET_SEARCH = 'targetSearch';

export type TargetSearchKey = [deleted: 0 | 1, kind: string, region: string, name: string, contactPerson: string, disclosurePhones: string[], id: string];

/** The key of the row whose value changes with every write to the units. */
export const TARGET_SEARCH_GENERATION = 'generation';

export interface TargetSearchRow {
  k: TargetSearchKey | typeof TARGET_SEARCH_GENERATION;
  /** On the generation row: a value never used before. */
  g?: string;
}

const generationRow = (): TargetSearchRow => ({ k: TARGET_SEARCH_GENERATION, g: crypto.randomUUID() });

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The list key of a unit row (always a valid key, whatever the row holds). */
export function targetSearchKey(row: Record<string, unknown>): TargetSearchKey {
  const phones = Array.isArray(row.disclosurePhones) ? row.disclosurePhones.filter((p): p is string => typeof p === 'string') : [];
  return [row.deleted === 1 ? 1 : 0, str(row.kind), str(row.region), str(row.name), str(row.contactPerson), phones, str(row.id)];
}

export function targetSearchRow(row: Record<string, unknown>): TargetSearchRow {
  return { k: targetSearchKey(row) };
}

const sameKey = (a: TargetSearchKey, b: TargetSearchKey): boolean => JSON.stringify(a) === JSON.stringify(b);

function storeIn(trans: DBCoreTransaction): boolean {
  const names = (trans as unknown as IDBTransaction).objectStoreNames;
  return !!names && names.contains(TARGET_SEARCH);
}

/** The units stored under these ids (undefined where none), reading only those that exist. */
async function oldRows(targets: DBCoreTable, trans: DBCoreTransaction, ids: string[]): Promise<(Record<string, unknown> | undefined)[]> {
  if (ids.length === 0) return [];
  let lo = ids[0];
  let hi = ids[0];
  for (const id of ids) {
    if (id < lo) lo = id;
    if (id > hi) hi = id;
  }
  const range = { type: 2 as const, lower: lo, upper: hi, lowerOpen: false, upperOpen: false };
  const inRange = await targets.query({ trans, values: false, query: { index: targets.schema.primaryKey, range } });
  const have = new Set(inRange.result as string[]);
  const wanted = ids.filter((id) => have.has(id));
  const rows = wanted.length ? ((await targets.getMany({ trans, keys: wanted })) as (Record<string, unknown> | undefined)[]) : [];
  const byId = new Map(wanted.map((id, i) => [id, rows[i]]));
  return ids.map((id) => byId.get(id));
}

async function mirror(targets: DBCoreTable, search: DBCoreTable, req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
  const { trans } = req;
  if (req.type === 'deleteRange') {
    const gone = await targets.query({ trans, values: true, query: { index: targets.schema.primaryKey, range: req.range } });
    const res = await targets.mutate(req);
    const keys = (gone.result as Record<string, unknown>[]).map(targetSearchKey);
    if (keys.length) await search.mutate({ type: 'delete', trans, keys });
    if (keys.length) await search.mutate({ type: 'put', trans, values: [generationRow()] });
    return res;
  }
  const ids = (req.type === 'delete' ? req.keys : (req.keys ?? req.values.map((v) => (v as { id: unknown }).id))) as string[];
  const before = await oldRows(targets, trans, ids);
  const res = await targets.mutate(req);
  const failed = res.failures ?? {};
  const drop: TargetSearchKey[] = [];
  const put: TargetSearchRow[] = [];
  ids.forEach((_, i) => {
    if (Object.hasOwn(failed, i)) return;
    const old = before[i] ? targetSearchKey(before[i]!) : undefined;
    const next = req.type === 'delete' ? undefined : targetSearchKey(req.values[i] as Record<string, unknown>);
    if (old && next && sameKey(old, next)) return;
    if (old) drop.push(old);
    if (next) put.push({ k: next });
  });
  if (drop.length) await search.mutate({ type: 'delete', trans, keys: drop });
  if (put.length) await search.mutate({ type: 'put', trans, values: put });
  if (drop.length || put.length) await search.mutate({ type: 'put', trans, values: [generationRow()] });
  return res;
}

/** Keeps `targetSearch` in step with `targets` (see above). */
export const targetSearchMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'TargetSearch',
  create(down) {
    return {
      ...down,
      transaction(stores, mode, options) {
        // A write to the units also writes their list keys.
        const scope = mode === 'readwrite' && stores.includes('targets') && !stores.includes(TARGET_SEARCH) && down.schema.tables.some((t) => t.name === TARGET_SEARCH) ? [...stores, TARGET_SEARCH] : stores;
        return down.transaction(scope, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== 'targets') return table;
        return {
          ...table,
          mutate(req) {
            if (!storeIn(req.trans)) return table.mutate(req);
            return mirror(table, down.table(TARGET_SEARCH), req);
          },
        };
      },
    };
  },
};
