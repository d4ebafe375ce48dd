import type { Table } from 'dexie';
import { fieldEntries, type ChangeLogEntry } from '../../../shared/domain/changeLog';
import { fieldLabel, fieldSchema, rowSpec, tableLabel } from '../../../shared/domain/rowSchemas';
import type { Inspection } from '../../../shared/domain/inspections';
import type { PhotoBlobRow } from '../../../shared/domain/photos';
import { findRule, walkRules, type Rule, type Scheme } from '../../../shared/scheme/model';
import { FIVE_UNIFIED_CHECKLIST } from '../../../shared/schemes/fiveUnified';
import { describeFieldValue } from '../../../shared/sync/describeValue';
import { badEntryMessage, firstBadEntry, rowLabelFrom } from '../../../shared/sync/entrySchemas';
import { isBeyondDrift, MAX_DRIFT_MS, parseHlc } from '../../../shared/sync/hlc';
import {
  DELETE_FIELD,
  DELETED_AT_FIELD,
  deleteEditConflict,
  fieldKey,
  fieldState,
  fieldValueKey,
  groupByField,
  isDeletedValue,
  type FieldState,
  newestHlc,
  prevFor,
  rowHeadStamps,
} from '../../../shared/sync/merge';
import { LOGGED_TABLES, type ConflictRow, type InspectorDatabase, type QuarantineRow } from '../../db/database';
import type { Session } from '../../db/session';
import { storedIds, storedRows } from '../../db/storedRows';
import { requireLead } from '../trust/officeKeys';
import { canonicalJson } from '../../../shared/trust/canonicalJson';

/**
 * Applying a sync bundle's changes to this laptop: validate every entry, hold a
 * bundle from a laptop whose clock is far ahead for a person to decide, merge
 * the rest (the local row with the winning field values applied), and keep
 * concurrent changes visible as conflicts.
 */

/** A bundle after unpacking: who sent it and what it carries. */
export interface IncomingBundle {
  fileName: string;
  sha256: string;
  fromDevice: string;
  fromAuthor: string;
  createdAt: string;
  entries: ChangeLogEntry[];
  blobs: PhotoBlobRow[];
  /** False for entries pulled from the office sync server: no row in the list of merged bundles. */
  record?: boolean;
}

export interface MergeSummary {
  newChanges: number;
  rowsUpdated: number;
  conflicts: number;
  /** Photos whose images arrived (a photo brings a processed copy and a thumbnail). */
  photosAdded: number;
  /** Set when the bundle was held for a person to accept or refuse; nothing was merged. */
  held?: HeldBundle;
}

export interface HeldBundle {
  id: string;
  fromAuthor: string;
  fromDevice: string;
  skewMs: number;
  aheadCount: number;
}

/** Refuse a bundle with a bad entry before anything is written. */
export function validateIncoming(bundle: IncomingBundle): void {
  // The same list checked again (an import checks before its photos are written, the merge before it writes) is not read twice.
  if (validated.get(bundle.entries) === bundle.entries.length) return;
  const bad = firstBadEntry(bundle.entries);
  if (bad) throw new Error(badEntryMessage(bad, bundle.entries));
  validated.set(bundle.entries, bundle.entries.length);
}

/** Entry lists found valid, with their length then. */
const validated = new WeakMap<readonly ChangeLogEntry[], number>();

/** How far ahead of our clock, in words: 约 25 小时, 约 3 天, 约 50 年. */
export function skewText(ms: number): string {
  const hour = 3_600_000;
  const day = 24 * hour;
  if (ms < 2 * day) return `约 ${Math.max(1, Math.round(ms / hour))} 小时`;
  if (ms < 60 * day) return `约 ${Math.round(ms / day)} 天`;
  if (ms < 730 * day) return `约 ${Math.round(ms / (30.44 * day))} 个月`;
  return `约 ${Math.round(ms / (365.25 * day))} 年`;
}

/**
 * Merge a bundle, or hold it when changes this laptop has not seen are stamped
 * further ahead of its clock than the allowed drift: such a change would beat
 * every later edit, so a person decides. All or nothing.
 */
export async function applyIncoming(session: Session, bundle: IncomingBundle): Promise<MergeSummary> {
  validateIncoming(bundle);
  const { db, logger } = session;
  const wall = logger.wallMs();
  const beyond = bundle.entries.filter((e) => isBeyondDrift(parseHlc(e.hlc).ms, wall));
  const known = await storedIds(db.changes, beyond.map((e) => e.id));
  const ahead = beyond.filter((e) => !known.has(e.id));
  if (ahead.length) {
    const newest = newestHlc(ahead)!;
    const row: QuarantineRow = {
      id: bundle.sha256,
      fileName: bundle.fileName,
      fromDevice: bundle.fromDevice,
      fromAuthor: bundle.fromAuthor,
      createdAt: bundle.createdAt,
      receivedAt: new Date().toISOString(),
      skewMs: parseHlc(newest).ms - wall,
      newestHlc: newest,
      total: bundle.entries.length,
      aheadCount: ahead.length,
      status: 'pending',
      decidedAt: null,
      decidedBy: null,
      entries: bundle.entries,
      blobs: bundle.blobs,
    };
    await db.quarantine.put(row);
    return { newChanges: 0, rowsUpdated: 0, conflicts: 0, photosAdded: 0, held: { id: row.id, fromAuthor: row.fromAuthor, fromDevice: row.fromDevice, skewMs: row.skewMs, aheadCount: row.aheadCount } };
  }
  return mergeEntries(session, bundle);
}

/** Whether merging these entries would hold the bundle: a change not seen yet is stamped beyond the allowed drift. */
export async function wouldHold(session: Session, entries: readonly ChangeLogEntry[]): Promise<boolean> {
  const wall = session.logger.wallMs();
  // Only entries stamped beyond the drift need asking about.
  const beyond = entries.filter((e) => isBeyondDrift(parseHlc(e.hlc).ms, wall));
  if (!beyond.length) return false;
  const known = await storedIds(session.db.changes, beyond.map((e) => e.id));
  return beyond.some((e) => !known.has(e.id));
}

/** Bundles held back, newest first (decided ones stay listed as a record). */
export async function listHeld(db: InspectorDatabase): Promise<QuarantineRow[]> {
  return (await db.quarantine.orderBy('receivedAt').reverse().toArray()).map((r) => ({ ...r, entries: [], blobs: [] }));
}

async function pendingHeld(db: InspectorDatabase, id: string): Promise<QuarantineRow> {
  const row = await db.quarantine.get(id);
  if (!row) throw new Error('找不到这个待确认的数据包');
  if (row.status !== 'pending') throw new Error(row.status === 'accepted' ? '这个数据包已经接受并合并' : '这个数据包已经拒绝');
  return row;
}

/** Accept a held bundle: merge it (the clock stays where it is), and record the decision. */
export async function acceptHeld(session: Session, id: string): Promise<MergeSummary> {
  await requireLead(session.db, '接受待确认的数据包');
  const row = await pendingHeld(session.db, id);
  const bundle = { ...row, sha256: row.id };
  validateIncoming(bundle);
  const summary = await mergeEntries(session, bundle);
  await session.db.quarantine.put({ ...row, status: 'accepted', decidedAt: new Date().toISOString(), decidedBy: session.logger.author, entries: [], blobs: [] });
  return summary;
}

/** Refuse a held bundle: nothing of it is merged; the decision is recorded. */
export async function refuseHeld(session: Session, id: string): Promise<void> {
  const row = await pendingHeld(session.db, id);
  await session.db.quarantine.put({ ...row, status: 'refused', decidedAt: new Date().toISOString(), decidedBy: session.logger.author, entries: [], blobs: [] });
}

const DELETE_EDIT = '@deleteEdit';

/** The same change, whatever order its value's keys come in (a relay such as the sync server's JSON store may reorder them). */
function sameEntry(a: ChangeLogEntry, b: ChangeLogEntry): boolean {
  return canonicalJson([a.hlc, a.table, a.rowId, a.field, a.value ?? null, a.deviceId, a.prev ?? []]) === canonicalJson([b.hlc, b.table, b.rowId, b.field, b.value ?? null, b.deviceId, b.prev ?? []]);
}

function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * The row after a merge: the local row with each field's winning value applied.
 * Fields this version does not know stay in the log only. A row new to this
 * laptop gets defaults for fields that were never logged and must be complete.
 */
function mergedRow(table: string, rowId: string, local: Record<string, unknown> | undefined, history: ChangeLogEntry[], states: readonly FieldOfRow[], wall: number): Record<string, unknown> {
  const spec = rowSpec(table)!;
  const next: Record<string, unknown> = { ...(local ?? {}), id: rowId };
  const legacy: Record<string, unknown> = {};
  for (const { field, known, state } of states) {
    if (known) next[field] = state.winner.value;
    else legacy[field] = state.winner.value;
  }
  if (spec.defaults) {
    const defaults = spec.defaults(next, legacy);
    for (const [k, v] of Object.entries(defaults)) if (!Object.hasOwn(next, k) || next[k] === undefined) next[k] = v;
  }
  const newest = isoOf(Math.min(parseHlc(newestHlc(history)!).ms, wall));
  const updatedAt = typeof local?.updatedAt === 'string' && local.updatedAt > newest ? local.updatedAt : newest;
  if (Object.hasOwn(spec.row.shape, 'createdAt') && next.createdAt === undefined) next.createdAt = updatedAt;
  next.updatedAt = updatedAt;
  if (!local) {
    const parsed = spec.row.safeParse(next);
    if (!parsed.success) {
      const field = String(parsed.error.issues[0].path[0] ?? '');
      throw new Error(`同步数据包未合并，本机数据未改变：${tableLabel(table)}「${rowLabelFrom(history, table, rowId)}」缺少或含有无效的「${fieldLabel(field)}」`);
    }
  }
  return next;
}

async function mergeEntries(session: Session, bundle: IncomingBundle): Promise<MergeSummary> {
  const { db, logger } = session;
  const wall = logger.wallMs();
  const tables: Table[] = [...LOGGED_TABLES.map((t) => db.table(t)), db.changes, db.conflicts, db.importedBundles, db.photoBlobs];
  let summary: MergeSummary;
  try {
    summary = await db.transaction('rw', tables, async () => {
      const known = await storedRows(db.changes, bundle.entries.map((e) => e.id));
      const fresh: ChangeLogEntry[] = [];
      for (const [i, e] of bundle.entries.entries()) {
        const k = known[i];
        if (!k) fresh.push(e);
        else if (!sameEntry(k, e)) throw new Error(badEntryMessage({ index: i, entry: e, why: '与本机已有的同一条修改记录内容不同' }, bundle.entries));
      }
      const freshIds = new Set<string>();
      const unique = fresh.filter((e) => (freshIds.has(e.id) ? false : (freshIds.add(e.id), true)));
      // Each touched row, by table, with its fresh entries.
      const byTable = new Map<string, Map<string, ChangeLogEntry[]>>();
      for (const e of unique) {
        let rowsOf = byTable.get(e.table);
        if (!rowsOf) byTable.set(e.table, (rowsOf = new Map()));
        const list = rowsOf.get(e.rowId);
        if (list) list.push(e);
        else rowsOf.set(e.rowId, [e]);
      }
      // The stored histories are read before the fresh entries are added: a row new to this laptop reads nothing.
      const stored = new Map<string, Map<string, ChangeLogEntry[]>>();
      for (const [table, rowsOf] of byTable) stored.set(table, await historiesOf(db, table, [...rowsOf.keys()]));
      if (unique.length) await db.changes.bulkAdd(unique);
      let rowsUpdated = 0;
      const open: ConflictRow[] = [];
      const settled: string[] = [];
      const detectedAt = new Date().toISOString();
      for (const [table, rowsOf] of byTable) {
        const ids = [...rowsOf.keys()];
        const locals = (await storedRows(db.table(table), ids)) as (Record<string, unknown> | undefined)[];
        const histories = stored.get(table)!;
        const puts: Record<string, unknown>[] = [];
        for (const [i, rowId] of ids.entries()) {
          const history = fieldEntries([...(histories.get(rowId) ?? []), ...rowsOf.get(rowId)!]);
          const local = locals[i];
          const states = fieldsOfRow(table, history);
          const next = mergedRow(table, rowId, local, history, states, wall);
          const { updatedAt: _a, ...a } = local ?? {};
          const { updatedAt: _b, ...b } = next;
          if (!local || JSON.stringify(a) !== JSON.stringify(b)) puts.push(next);
          conflictsOf(table, rowId, history, states, detectedAt, open, settled);
        }
        await db.table(table).bulkPut(puts);
        rowsUpdated += puts.length;
      }
      // Only conflicts that are open here can be settled: one key-only read, not a delete per field merged.
      const openHere = await storedIds(db.conflicts, settled);
      await db.conflicts.bulkDelete(settled.filter((k) => openHere.has(k)));
      await db.conflicts.bulkPut(open);
      const conflicts = open.length;
      const haveBlobs = await db.photoBlobs.bulkGet(bundle.blobs.map((b) => b.id));
      const newBlobs = bundle.blobs.filter((_, i) => !haveBlobs[i]);
      await db.photoBlobs.bulkAdd(newBlobs);
      if ((unique.length || newBlobs.length) && bundle.record !== false) {
        await db.importedBundles.put({
          id: bundle.sha256,
          fileName: bundle.fileName,
          sha256: bundle.sha256,
          fromDevice: bundle.fromDevice,
          fromAuthor: bundle.fromAuthor,
          createdAt: bundle.createdAt,
          importedAt: new Date().toISOString(),
          newChanges: unique.length,
        });
      }
      return { newChanges: unique.length, rowsUpdated, conflicts, photosAdded: new Set(newBlobs.map((b) => b.photoId)).size };
    });
  } catch (e) {
    throw chineseError(e);
  }
  // Move the clock past what was merged; stamps beyond the allowed drift never move it.
  const newest = newestHlc(bundle.entries.filter((e) => !isBeyondDrift(parseHlc(e.hlc).ms, wall)));
  if (newest) logger.observe(newest);
  return summary;
}

/**
 * The change histories of many rows of a table. Which rows have any history is
 * read from the index keys alone (no values), over the span of the ids asked
 * for only; only those rows' entries are read, together (IndexedDB pipelines the
 * requests within the transaction). A row new to this laptop costs no read at all.
 */
async function historiesOf(db: InspectorDatabase, table: string, ids: readonly string[]): Promise<Map<string, ChangeLogEntry[]>> {
  const out = new Map<string, ChangeLogEntry[]>();
  if (!ids.length) return out;
  let lo = ids[0];
  let hi = ids[0];
  for (const id of ids) {
    if (id < lo) lo = id;
    if (id > hi) hi = id;
  }
  const keys = (await db.changes.where('[table+rowId]').between([table, lo], [table, hi], true, true).keys()) as unknown as [string, string][];
  const known = new Set(keys.map((k) => k[1]));
  const need = ids.filter((id) => known.has(id));
  const CHUNK = 500;
  for (let i = 0; i < need.length; i += CHUNK) {
    const part = need.slice(i, i + CHUNK);
    const lists = await Promise.all(part.map((id) => db.changes.where('[table+rowId]').equals([table, id]).toArray()));
    part.forEach((id, n) => out.set(id, lists[n]));
  }
  return out;
}

/** Database errors in words a person can act on. */
function chineseError(e: unknown): Error {
  const name = (e as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError') return new Error('磁盘空间不足，同步数据包未合并，本机数据未改变。请清理磁盘后重试。');
  if (e instanceof Error && /[\u4e00-\u9fff]/.test(e.message)) return e;
  return new Error(`数据库写入失败，同步数据包未合并，本机数据未改变（${name ?? '未知错误'}）。请重新启动程序后重试。`);
}

/** Re-check a row's fields and its deleted state: the conflicts open on it, and the keys of those settled. */
/** One field of a row after a merge: its state from the row's whole history (`known`: a field this version has). */
interface FieldOfRow {
  key: string;
  field: string;
  known: boolean;
  state: FieldState;
}

/** The state of each field of a row, from its history as field entries (each field's heads worked out once for the row and its conflicts). */
function fieldsOfRow(table: string, history: readonly ChangeLogEntry[]): FieldOfRow[] {
  const out: FieldOfRow[] = [];
  for (const [key, list] of groupByField(history)) {
    const { field } = list[0];
    out.push({ key, field, known: !!fieldSchema(table, field), state: fieldState(list, fieldValueKey(field))! });
  }
  return out;
}

function conflictsOf(table: string, rowId: string, history: ChangeLogEntry[], states: readonly FieldOfRow[], detectedAt: string, open: ConflictRow[], settled: string[]): void {
  let deletedNow = false;
  for (const { key, field, known, state } of states) {
    if (field === DELETE_FIELD && isDeletedValue(state.winner.value)) deletedNow = true;
    // Fields this version does not know are never shown as data.
    if (known && state.conflict) open.push({ id: key, table, rowId, field, heads: state.conflict.map((h) => h.hlc), detectedAt });
    else settled.push(key);
  }
  const key = fieldKey({ table, rowId, field: DELETE_EDIT });
  // Only a row shown deleted can have a delete-versus-edit conflict.
  const de = deletedNow ? deleteEditConflict(history.filter((e) => e.field === DELETE_FIELD || fieldSchema(table, e.field))) : null;
  if (de) open.push({ id: key, table, rowId, field: DELETE_EDIT, heads: [...de.deletes, ...de.edits].map((h) => h.hlc), detectedAt });
  else settled.push(key);
}

// ---------------------------------------------------------------------------
// The list of conflicts, as the inspector sees the data elsewhere.

export interface ConflictCandidate {
  entry: ChangeLogEntry;
  /** The value as the screens show it, or what the person did (删除了此记录). */
  text: string;
  /** The value now shown on this laptop. */
  current: boolean;
}

export interface ConflictContext {
  unit?: string;
  round?: string;
  indicator?: string;
  rule?: string;
}

export interface ConflictView {
  id: string;
  kind: 'field' | 'deleteEdit';
  table: string;
  rowId: string;
  field: string;
  /** 被检查单位、评分… and the field's name (评分, 联系电话; 一人删除、一人修改). */
  tableLabel: string;
  fieldLabel: string;
  candidates: ChangeLogEntry[];
  options: ConflictCandidate[];
  current: unknown;
  /** What the row is, in words: a unit's name, a round's title, a finding's description. */
  rowLabel: string;
  context: ConflictContext;
  /** The row is gone from this laptop: nothing can be applied. */
  missing: boolean;
}

interface RowContext extends ConflictContext {
  ruleObj?: Rule;
}

/** Rounds read while listing, so a long list reads each round's scheme once. */
type RoundCache = Map<string, Promise<Inspection | undefined>>;

async function contextOf(db: InspectorDatabase, table: string, row: Record<string, unknown> | undefined, rounds: RoundCache): Promise<RowContext> {
  if (!row) return {};
  const ctx: RowContext = {};
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  if (table === 'targets') ctx.unit = str(row.name);
  if (table === 'inspections') ctx.round = str(row.title);
  const assessmentId = table === 'assessments' ? str(row.id) : str(row.assessmentId);
  const assessment = assessmentId ? await db.assessments.get(assessmentId) : undefined;
  if (assessment) ctx.unit = assessment.targetName;
  else if (str(row.targetId)) ctx.unit = (await db.targets.get(row.targetId as string))?.name;
  const inspectionId = assessment?.inspectionId ?? str(row.inspectionId);
  if (inspectionId && !rounds.has(inspectionId)) rounds.set(inspectionId, db.inspections.get(inspectionId));
  const inspection = inspectionId ? await rounds.get(inspectionId) : undefined;
  if (inspection) ctx.round = inspection.title;
  const scheme: Scheme | undefined = inspection?.scheme;
  const ruleId = str(row.ruleId);
  if (scheme && ruleId) {
    ctx.ruleObj = findRule(scheme, ruleId);
    for (const w of walkRules(scheme)) {
      if (w.rule.id === ruleId) {
        ctx.indicator = w.indicator.title;
        ctx.rule = w.rule.text;
      }
    }
  }
  const indicatorId = str(row.indicatorId);
  if (scheme && indicatorId && !ctx.indicator) {
    for (const s of scheme.sections) for (const i of s.indicators) if (i.id === indicatorId) ctx.indicator = i.title;
  }
  const itemId = str(row.itemId);
  if (table === 'checklistAnswers' && itemId) {
    for (const d of FIVE_UNIFIED_CHECKLIST.dimensions) {
      const item = d.items.find((i) => i.id === itemId);
      if (item) {
        ctx.indicator = `${FIVE_UNIFIED_CHECKLIST.title}·${d.title}`;
        ctx.rule = item.text;
      }
    }
  }
  return ctx;
}

function labelOf(table: string, row: Record<string, unknown> | undefined, ctx: ConflictContext, rowId: string): string {
  const own = [row?.name, row?.title, row?.number, row?.description, row?.caption].find((v) => typeof v === 'string' && v) as string | undefined;
  if (own) return own;
  if (table === 'responses' || table === 'findings') return ctx.rule ?? ctx.indicator ?? ctx.unit ?? `编号 ${rowId.slice(0, 8)}`;
  return ctx.indicator ?? ctx.unit ?? ctx.round ?? `编号 ${rowId.slice(0, 8)}`;
}

/** Open conflicts, re-checked against the log (a later edit may already have settled one). */
export async function listConflicts(db: InspectorDatabase): Promise<ConflictView[]> {
  const out: ConflictView[] = [];
  const rounds: RoundCache = new Map();
  for (const c of await db.conflicts.toArray()) {
    if (!rowSpec(c.table)) continue;
    const rowHistory = fieldEntries(await db.changes.where('[table+rowId]').equals([c.table, c.rowId]).toArray());
    const row = (await db.table(c.table).get(c.rowId)) as Record<string, unknown> | undefined;
    const ctx = await contextOf(db, c.table, row, rounds);
    const { ruleObj, ...context } = ctx;
    const base = { id: c.id, table: c.table, rowId: c.rowId, field: c.field, tableLabel: tableLabel(c.table), rowLabel: labelOf(c.table, row, context, c.rowId), context, missing: !row };
    if (c.field === DELETE_EDIT) {
      const de = deleteEditConflict(rowHistory.filter((e) => e.field === DELETE_FIELD || fieldSchema(c.table, e.field)));
      if (!de) continue;
      const options: ConflictCandidate[] = [
        ...de.deletes.map((entry) => ({ entry, text: '删除了此记录', current: true })),
        ...de.edits.map((entry) => ({ entry, text: `将「${fieldLabel(entry.field)}」改为 ${describeFieldValue(c.table, entry.field, entry.value, ruleObj)}`, current: false })),
      ];
      out.push({ ...base, kind: 'deleteEdit', fieldLabel: '一人删除、一人修改', candidates: [...de.deletes, ...de.edits], options, current: 1 });
      continue;
    }
    const state = fieldState(
      rowHistory.filter((e) => e.field === c.field),
      fieldValueKey(c.field),
    );
    if (!state?.conflict) continue;
    const options = state.conflict.map((entry) => ({ entry, text: describeFieldValue(c.table, c.field, entry.value, ruleObj), current: entry.id === state.winner.id }));
    out.push({ ...base, kind: 'field', fieldLabel: fieldLabel(c.field), candidates: state.conflict, options, current: state.winner.value });
  }
  return out;
}

const GONE = '这条记录在本机已不存在（可能已被清除或尚未合并），无法采用此值。请先导入最新的同步数据包。';

/** Settle a field conflict with the chosen value: a new change that replaces every concurrent value. */
export async function resolveConflict(session: Session, conflict: Pick<ConflictView, 'table' | 'rowId' | 'field'>, value: unknown): Promise<void> {
  const { db, logger } = session;
  await requireLead(db, '处理合并冲突');
  if (conflict.field === DELETE_EDIT) throw new Error('删除与修改的冲突请选择「保留删除」或「恢复并保留修改」');
  const schema = fieldSchema(conflict.table, conflict.field);
  if (!schema?.safeParse(value ?? null).success) throw new Error(`所选的值不符合「${fieldLabel(conflict.field)}」的要求，未作修改`);
  const table = db.table(conflict.table);
  await db.transaction('rw', table, db.changes, db.conflicts, async () => {
    const row = (await table.get(conflict.rowId)) as Record<string, unknown> | undefined;
    if (!row) throw new Error(GONE);
    const history = fieldEntries(await db.changes.where('[table+rowId]').equals([conflict.table, conflict.rowId]).toArray());
    // The deleted flag and the deletion time always move together.
    const values: Record<string, unknown> = { [conflict.field]: value ?? null };
    if (conflict.field === DELETE_FIELD) values[DELETED_AT_FIELD] = value ? (row.deletedAt ?? logger.nowIso()) : null;
    if (conflict.field === DELETED_AT_FIELD) values[DELETE_FIELD] = value ? 1 : 0;
    const hlc = logger.nextHlc(newestHlc(history));
    await db.changes.bulkAdd(
      Object.entries(values).map(([field, v], n) => ({
        id: `${hlc}#${String(n).padStart(3, '0')}`,
        hlc,
        table: conflict.table,
        rowId: conflict.rowId,
        field,
        value: v,
        author: logger.author,
        deviceId: logger.deviceId,
        prev: prevFor(history.filter((e) => e.field === field)),
      })),
    );
    await table.put({ ...row, ...values, updatedAt: logger.nowIso() });
    for (const field of Object.keys(values)) await db.conflicts.delete(fieldKey({ ...conflict, field }));
  });
}

/**
 * Settle 一人删除、一人修改: keep the delete (a new delete that has seen the edits),
 * or restore the row so the edits show.
 */
export async function settleDeleteEdit(session: Session, conflict: Pick<ConflictView, 'table' | 'rowId'>, keep: 'delete' | 'restore'): Promise<void> {
  const { db, logger } = session;
  await requireLead(db, '处理合并冲突');
  const table = db.table(conflict.table);
  await db.transaction('rw', table, db.changes, db.conflicts, async () => {
    const row = (await table.get(conflict.rowId)) as Record<string, unknown> | undefined;
    if (!row) throw new Error(GONE);
    const history = await db.changes.where('[table+rowId]').equals([conflict.table, conflict.rowId]).toArray();
    if (keep === 'restore') {
      await logger.save(table as never, [{ ...row, deleted: 0, deletedAt: null } as never]);
    } else {
      const hlc = logger.nextHlc(newestHlc(history));
      await db.changes.add({
        id: `${hlc}#000`,
        hlc,
        table: conflict.table,
        rowId: conflict.rowId,
        field: DELETE_FIELD,
        value: 1,
        author: logger.author,
        deviceId: logger.deviceId,
        prev: rowHeadStamps(history),
      });
      await table.put({ ...row, deleted: 1, deletedAt: row.deletedAt ?? logger.nowIso(), updatedAt: logger.nowIso() });
    }
    await db.conflicts.delete(fieldKey({ ...conflict, field: DELETE_EDIT }));
  });
}

export const ALLOWED_DRIFT_HOURS = MAX_DRIFT_MS / 3_600_000;
