import { useLiveQuery } from 'dexie-react-hooks';
import { BUILTIN_SCHEMES, builtinScheme } from '../../../shared/schemes/index';
import type { Scheme } from '../../../shared/scheme/model';
import { validateScheme } from '../../../shared/scheme/validate';
import { uuidv7 } from '../../../shared/util/ids';
import type { ChangeLogger } from '../../db/changeLogger';
import type { InspectorDatabase, SchemeRow } from '../../db/database';
import { useSession } from '../../store/sessionStore';

/** meta key of an editor draft that has not been saved yet. */
export const DRAFT_KEY_PREFIX = 'schemeDraft:';
export const draftKey = (schemeId: string) => `${DRAFT_KEY_PREFIX}${schemeId}`;

/**
 * What the editor keeps in db.meta between keystrokes, so nothing typed is lost
 * on reload. `draft` is the scheme in file form (points as decimal text), and
 * may be invalid; `baseVersion` is the stored version it started from.
 */
export interface SchemeDraftRecord {
  schemeId: string;
  baseVersion: number;
  draft: unknown;
  savedAt: string;
}

/** One entry of the scheme list: a built-in or one of the office's own schemes. */
export interface SchemeListItem {
  scheme: Scheme;
  builtin: boolean;
  /** The stored row for own schemes. */
  row: SchemeRow | null;
}

export class SchemeValidationError extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(issues.map((i) => i.message).join('；'));
  }
}

/** The name of a copy: 「…（副本）」. */
export function copyName(name: string): string {
  return `${name}（副本）`;
}

/**
 * Reads and change-logged writes of 考核方案. Built-in schemes live in code;
 * the office's own schemes live in db.schemes (soft-deleted rows stay there).
 */
export class SchemeRepository {
  constructor(
    private readonly db: InspectorDatabase,
    private readonly logger: ChangeLogger,
  ) {}

  /** The office's own schemes in use (or the recycle bin), newest year first. */
  async listOwn(options: { deleted?: boolean } = {}): Promise<SchemeRow[]> {
    const rows = await this.db.schemes.where('deleted').equals(options.deleted ? 1 : 0).toArray();
    return rows.sort((a, b) => b.year - a.year || a.name.localeCompare(b.name, 'zh-CN') || a.createdAt.localeCompare(b.createdAt));
  }

  /**
   * Every scheme that can be used for a new inspection round: the built-ins
   * first, then the office's own schemes (not deleted), newest year first.
   */
  async listAll(): Promise<Scheme[]> {
    return (await this.listItems()).map((i) => i.scheme);
  }

  /** listAll with the built-in flag and stored row of each scheme. */
  async listItems(): Promise<SchemeListItem[]> {
    const own = await this.listOwn();
    return [
      ...BUILTIN_SCHEMES.map((scheme) => ({ scheme, builtin: true, row: null })),
      ...own.map((row) => ({ scheme: row.scheme, builtin: false, row })),
    ];
  }

  /** A built-in or own scheme by id (deleted own schemes only when asked). */
  async get(id: string, options: { includeDeleted?: boolean } = {}): Promise<Scheme | undefined> {
    const builtin = builtinScheme(id);
    if (builtin) return builtin;
    const row = await this.db.schemes.get(id);
    if (!row || (row.deleted && !options.includeDeleted)) return undefined;
    return row.scheme;
  }

  getRow(id: string): Promise<SchemeRow | undefined> {
    return this.db.schemes.get(id);
  }

  /** Ids in use by built-ins and stored rows (deleted ones too), to avoid collisions. */
  async usedIds(): Promise<Set<string>> {
    const ids = new Set<string>(BUILTIN_SCHEMES.map((s) => s.id));
    for (const key of await this.db.schemes.toCollection().primaryKeys()) ids.add(String(key));
    return ids;
  }

  /** 复制为本单位方案: a new own scheme (new id, version 1, name …（副本）). */
  async clone(source: Scheme): Promise<SchemeRow> {
    const copy: Scheme = { ...structuredClone(source), id: uuidv7(), builtin: false, version: 1, name: copyName(source.name) };
    return this.insert(copy);
  }

  /**
   * Stores an imported scheme as a new own scheme. When its id is taken (a
   * built-in, or a stored scheme) it gets a new id; rule ids are kept.
   */
  async importAsNew(scheme: Scheme): Promise<SchemeRow> {
    const used = await this.usedIds();
    const id = used.has(scheme.id) ? uuidv7() : scheme.id;
    return this.insert({ ...structuredClone(scheme), id, builtin: false });
  }

  /**
   * Replaces a stored own scheme with an imported one (same id): the content
   * of the file, with a version above both the stored and the file's version.
   */
  async importReplacing(id: string, scheme: Scheme): Promise<SchemeRow> {
    const current = await this.db.schemes.get(id);
    if (!current || current.deleted) throw new Error('要更新的方案不存在或已被删除');
    const version = Math.max(current.scheme.version + 1, scheme.version);
    return this.update(id, { ...structuredClone(scheme), id, builtin: false, version }, current.scheme.version);
  }

  /**
   * Saves an edited own scheme as its next version (version + 1) and drops the
   * editor draft, in one transaction. Refuses an invalid scheme and built-ins.
   */
  async saveEdited(edited: Scheme): Promise<SchemeRow> {
    const current = await this.db.schemes.get(edited.id);
    if (!current || current.deleted) throw new Error('方案不存在或已被删除，无法保存');
    return this.update(edited.id, { ...edited, builtin: false, version: current.scheme.version + 1 }, current.scheme.version);
  }

  async softDelete(id: string): Promise<void> {
    if (builtinScheme(id)) throw new Error('内置方案不能删除');
    await this.db.transaction('rw', [this.db.schemes, this.db.meta, this.db.changes], async () => {
      await this.logger.patch(this.db.schemes, id, { deletedAt: this.logger.nowIso(), deleted: 1 });
      await this.db.meta.delete(draftKey(id));
    });
  }

  async restore(id: string): Promise<void> {
    await this.logger.patch(this.db.schemes, id, { deletedAt: null, deleted: 0 });
  }

  // --- editor drafts (local to this computer, not synced) -------------------

  async getDraft(schemeId: string): Promise<SchemeDraftRecord | undefined> {
    return (await this.db.meta.get(draftKey(schemeId)))?.value as SchemeDraftRecord | undefined;
  }

  async putDraft(schemeId: string, baseVersion: number, draft: unknown): Promise<void> {
    const value: SchemeDraftRecord = { schemeId, baseVersion, draft, savedAt: new Date().toISOString() };
    await this.db.meta.put({ key: draftKey(schemeId), value });
  }

  async clearDraft(schemeId: string): Promise<void> {
    await this.db.meta.delete(draftKey(schemeId));
  }

  /** Ids of the schemes that have an unsaved draft. */
  async draftIds(): Promise<Set<string>> {
    const keys = await this.db.meta.where('key').startsWith(DRAFT_KEY_PREFIX).primaryKeys();
    return new Set(keys.map((k) => String(k).slice(DRAFT_KEY_PREFIX.length)));
  }

  // --- internals --------------------------------------------------------------

  private checked(scheme: Scheme): Scheme {
    const r = validateScheme({ ...scheme, builtin: false });
    if (!r.ok) throw new SchemeValidationError(r.errors);
    return { ...r.scheme, builtin: false };
  }

  private async insert(scheme: Scheme): Promise<SchemeRow> {
    const valid = this.checked(scheme);
    const now = this.logger.nowIso();
    const row: SchemeRow = {
      id: valid.id,
      scheme: valid,
      name: valid.name,
      year: valid.year,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      deleted: 0,
    };
    await this.logger.save(this.db.schemes, [row]);
    return row;
  }

  /** Writes the new content if the stored version is still `expectedVersion` (no lost update). */
  private async update(id: string, scheme: Scheme, expectedVersion: number): Promise<SchemeRow> {
    const valid = this.checked(scheme);
    return this.db.transaction('rw', [this.db.schemes, this.db.meta, this.db.changes], async () => {
      const current = await this.db.schemes.get(id);
      if (!current || current.deleted) throw new Error('方案不存在或已被删除，无法保存');
      if (current.scheme.version !== expectedVersion) {
        throw new Error(`方案已被更新为第${current.scheme.version}版，请重新打开后再修改`);
      }
      const next: SchemeRow = { ...current, scheme: valid, name: valid.name, year: valid.year };
      await this.logger.save(this.db.schemes, [next]);
      await this.db.meta.delete(draftKey(id));
      return (await this.db.schemes.get(id))!;
    });
  }
}

/** The repository for the current session. */
export function useSchemeRepository(): SchemeRepository {
  const { db, logger } = useSession();
  // One instance per session; cheap to create, but keep identity stable for hooks.
  return cachedRepository(db, logger);
}

const cache = new WeakMap<ChangeLogger, SchemeRepository>();
function cachedRepository(db: InspectorDatabase, logger: ChangeLogger): SchemeRepository {
  let repo = cache.get(logger);
  if (!repo) {
    repo = new SchemeRepository(db, logger);
    cache.set(logger, repo);
  }
  return repo;
}

/**
 * Live list of every usable scheme (built-ins, then own schemes not deleted),
 * for pickers such as the "create round" form. undefined while loading.
 */
export function useAllSchemes(): Scheme[] | undefined {
  const repo = useSchemeRepository();
  return useLiveQuery(() => repo.listAll(), [repo]);
}

/** Live list with built-in flags and stored rows. */
export function useSchemeItems(): SchemeListItem[] | undefined {
  const repo = useSchemeRepository();
  return useLiveQuery(() => repo.listItems(), [repo]);
}
