import { isHallKind, normaliseUnitName, TARGET_KINDS, type TargetInput, type TargetKind } from '../../../shared/domain/targets';
import { uuidv7 } from '../../../shared/util/ids';
import type { ChangeLogger } from '../../db/changeLogger';
import type { InspectorDatabase, TargetRow } from '../../db/database';
import { TARGET_SEARCH_GENERATION, type TargetSearchKey } from '../../db/targetSearch';

export interface TargetFilter {
  search?: string;
  kind?: TargetKind;
  region?: string;
  /** List the recycle bin (soft-deleted units) instead of the units in use. */
  deleted?: boolean;
}

/** One page of the list, and how many units the filter lists in all. */
export interface TargetPage {
  total: number;
  rows: TargetRow[];
}

/** Reads and change-logged writes of 被检查单位. */
/** The same order as localeCompare(…, 'zh-CN'), without building a collator per comparison. */
const ZH = new Intl.Collator('zh-CN');

export class TargetRepository {
  constructor(
    private readonly db: InspectorDatabase,
    private readonly logger: ChangeLogger,
  ) {}

  /** Every unit the filter lists, in the list's order (by region, then name). */
  async list(filter: TargetFilter = {}): Promise<TargetRow[]> {
    if (filter.search?.trim()) return (await this.page(filter, 0, Infinity)).rows;
    // Every unit of the kind and region is listed: one read of their rows over the index.
    const deleted = filter.deleted ? 1 : 0;
    const region = filter.region?.trim();
    const base =
      filter.kind && region
        ? this.db.targets.where('[deleted+kind+region]').equals([deleted, filter.kind, region])
        : filter.kind
          ? this.db.targets.where('[deleted+kind]').equals([deleted, filter.kind])
          : region
            ? this.db.targets.where('[deleted+region]').equals([deleted, region])
            : this.db.targets.where('deleted').equals(deleted);
    const rows = await base.toArray();
    return rows.sort((a, b) => ZH.compare(a.region, b.region) || ZH.compare(a.name, b.name));
  }

  /**
   * The units of one page of the list (as the 被检查单位 screen shows 20 at a
   * time) and the total. The filter and the search are served by the list's
   * index (targetSearch): its keys are read, filtered and sorted, and only the
   * rows of the page are read.
   */
  async page(filter: TargetFilter, offset: number, limit: number): Promise<TargetPage> {
    const keys = await this.matching(filter);
    const ids = keys.slice(offset, offset + limit).map((k) => k[6]);
    const rows = ids.length ? await this.db.targets.bulkGet(ids) : [];
    return { total: keys.length, rows: rows.filter((r): r is TargetRow => !!r) };
  }

  /** The list keys of the units the filter lists, in the list's order. */
  private async matching(filter: TargetFilter): Promise<TargetSearchKey[]> {
    const d = filter.deleted ? 1 : 0;
    const q = filter.search?.trim() ? normaliseUnitName(filter.search.trim()).toLowerCase() : '';
    const region = filter.region?.trim();
    // Key ranges: [deleted, kind, region, …]; a region alone is one range per kind.
    const prefixes: unknown[][] = filter.kind && region ? [[d, filter.kind, region]] : filter.kind ? [[d, filter.kind]] : region ? TARGET_KINDS.map((k) => [d, k, region]) : [[d]];
    const listed = await this.listed(prefixes);
    return q ? listed.filter((e) => entryMatches(e, q)).map((e) => e.key) : listed.map((e) => e.key);
  }

  /**
   * The keys under these prefixes, sorted, from the keys kept since the last read
   * while the stored generation says no unit has been written since (typing a
   * search then filters them without reading the index again).
   */
  private listed(prefixes: unknown[][]): Promise<readonly ListedKey[]> {
    const db = this.db;
    return db.transaction('r', db.targetSearch, async () => {
      const generation = (await db.targetSearch.get(TARGET_SEARCH_GENERATION))?.g;
      const id = JSON.stringify(prefixes);
      let kept = LISTED.get(db);
      const hit = generation !== undefined && kept?.generation === generation ? kept.lists.get(id) : undefined;
      if (hit) return hit;
      const lists = await Promise.all(prefixes.map((p) => db.targetSearch.where(':id').between(p, [...p, []], true, true).primaryKeys()));
      const keys = (lists.length === 1 ? lists[0] : lists.flat()) as unknown as TargetSearchKey[];
      const entries = keys.map((key) => ({ key, name: normaliseUnitName(key[3]).toLowerCase() })).sort((a, b) => ZH.compare(a.key[2], b.key[2]) || ZH.compare(a.key[3], b.key[3]));
      // Nothing is kept before the first write stamps a generation (an index just rebuilt).
      if (generation === undefined) return entries;
      if (!kept || kept.generation !== generation) LISTED.set(db, (kept = { generation, lists: new Map() }));
      kept.lists.set(id, entries);
      if (kept.lists.size > KEPT_LISTS) kept.lists.delete(kept.lists.keys().next().value!);
      return entries;
    });
  }

  get(id: string): Promise<TargetRow | undefined> {
    return this.db.targets.get(id);
  }

  async regions(): Promise<string[]> {
    const keys = (await this.db.targets.orderBy('region').uniqueKeys()) as string[];
    return keys.filter(Boolean);
  }

  async create(input: TargetInput): Promise<TargetRow> {
    const [row] = await this.createMany([input]);
    return row;
  }

  /** Insert many units in one transaction: all are stored, or none. */
  async createMany(inputs: TargetInput[]): Promise<TargetRow[]> {
    const now = this.logger.nowIso();
    const rows: TargetRow[] = inputs.map((input) => ({
      ...clean(input),
      id: uuidv7(),
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      deleted: 0,
    }));
    await this.logger.save(this.db.targets, rows);
    return rows;
  }

  async update(id: string, input: TargetInput): Promise<TargetRow> {
    return this.logger.patch(this.db.targets, id, clean(input));
  }

  async softDelete(id: string): Promise<void> {
    await this.logger.patch(this.db.targets, id, { deletedAt: this.logger.nowIso(), deleted: 1 });
  }

  async restore(id: string): Promise<void> {
    await this.logger.patch(this.db.targets, id, { deletedAt: null, deleted: 0 });
  }

  /** Normalised names of the units in use, for duplicate checks. */
  async existingNames(): Promise<Set<string>> {
    const names = new Set<string>();
    await this.db.targets.where('deleted').equals(0).each((t) => names.add(normaliseUnitName(t.name)));
    return names;
  }
}

/** A list key with its unit name as the search compares it. */
interface ListedKey {
  key: TargetSearchKey;
  name: string;
}

/** The keys last read per database, by prefixes, valid while the index's generation is the one they were read at. */
const LISTED = new WeakMap<InspectorDatabase, { generation: string; lists: Map<string, readonly ListedKey[]> }>();
/** How many filters' keys are kept (a kind and region each; all units at most 50,000 keys). */
const KEPT_LISTS = 8;

/** Whether a unit matches the search, on its list key: name (normalised), region, contact person, phones. */
function entryMatches({ key: k, name }: ListedKey, q: string): boolean {
  return name.includes(q) || k[2].includes(q) || k[4].includes(q) || k[5].some((p) => p.includes(q));
}

function clean(input: TargetInput): TargetInput {
  return {
    name: input.name.trim(),
    kind: input.kind,
    region: input.region.trim(),
    address: input.address.trim(),
    contactPerson: input.contactPerson.trim(),
    contactPhone: input.contactPhone.trim(),
    disclosurePhones: input.disclosurePhones.map((p) => p.trim()).filter(Boolean),
    note: input.note.trim(),
    // A hall belongs to a county; other kinds of unit carry no county.
    ...(input.parentId !== undefined ? { parentId: isHallKind(input.kind) ? input.parentId || null : null } : {}),
  };
}
