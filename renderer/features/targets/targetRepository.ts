import { isHallKind, normaliseUnitName, type Target, type TargetInput, type TargetKind } from '../../../shared/domain/targets';
import { uuidv7 } from '../../../shared/util/ids';
import type { ChangeLogger } from '../../db/changeLogger';
import type { InspectorDatabase, TargetRow } from '../../db/database';

export interface TargetFilter {
  search?: string;
  kind?: TargetKind;
  region?: string;
  /** List the recycle bin (soft-deleted units) instead of the units in use. */
  deleted?: boolean;
}

/** Reads and change-logged writes of 被检查单位. */
/** The same order as localeCompare(…, 'zh-CN'), without building a collator per comparison. */
const ZH = new Intl.Collator('zh-CN');

export class TargetRepository {
  constructor(
    private readonly db: InspectorDatabase,
    private readonly logger: ChangeLogger,
  ) {}

  async list(filter: TargetFilter = {}): Promise<TargetRow[]> {
    const deleted = filter.deleted ? 1 : 0;
    const q = filter.search?.trim() ? normaliseUnitName(filter.search.trim()).toLowerCase() : '';
    const region = filter.region?.trim();
    // The index that serves the filter: only the units of that kind and region are read.
    const base =
      filter.kind && region
        ? this.db.targets.where('[deleted+kind+region]').equals([deleted, filter.kind, region])
        : filter.kind
          ? this.db.targets.where('[deleted+kind]').equals([deleted, filter.kind])
          : region
            ? this.db.targets.where('[deleted+region]').equals([deleted, region])
            : this.db.targets.where('deleted').equals(deleted);
    // One getAll over the index range, then filter in memory: far faster than a
    // cursor-driven Dexie filter on tens of thousands of rows.
    const rows = (await base.toArray()).filter((t) => (!region || t.region === region) && (!q || matches(t, q)));
    return rows.sort((a, b) => ZH.compare(a.region, b.region) || ZH.compare(a.name, b.name));
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

function matches(t: Target, q: string): boolean {
  return (
    normaliseUnitName(t.name).toLowerCase().includes(q) ||
    t.region.includes(q) ||
    t.contactPerson.includes(q) ||
    t.disclosurePhones.some((p) => p.includes(q))
  );
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
