import type { ChangeLogEntry } from '../../../shared/domain/changeLog';
import type { PhotoBlobRow } from '../../../shared/domain/photos';
import { entryProblems, entryBody, leadOnlyAction } from '../../../shared/trust/bundleTrust';
import { canonicalJson } from '../../../shared/trust/canonicalJson';
import { signValue } from '../../../shared/trust/keys';
import { isLeadRole, memberOf, newerRoster, verifyRoster } from '../../../shared/trust/office';
import type { SignedRoster } from '../../../shared/trust/model';
import { firstBadEntry } from '../../../shared/sync/entrySchemas';
import { MAX_DRIFT_MS } from '../../../shared/sync/hlc';
import { ServerSyncError, SyncClient, type ClientOptions } from '../../../shared/sync/server/client';
import { dayDigest, decodeCursor, MAX_PUSH_ENTRIES, type BlobRef, type PullResponse, type WireEntry } from '../../../shared/sync/server/protocol';
import { sha256Hex } from '../../../shared/util/sha256';
import { LOGGED_TABLES, type InspectorDatabase } from '../../db/database';
import type { Session } from '../../db/session';
import { originalsFor, type OriginalsBackend } from '../photos/originalStore';
import { applyIncoming, wouldHold } from '../sync/applyBundle';
import { bundleSigner, priorValuesOf } from '../trust/bundleSigning';
import { deviceKeys } from '../trust/officeKeys';
import { trustStore } from '../trust/trustStore';
import {
  blobsOnServer,
  dayOfId,
  forgetHeld,
  markBlobs,
  markHeld,
  saveCursor,
  saveServerConfig,
  serverConfig,
  serverHeld,
  storedCursor,
  syncRecord,
  updateRecord,
  type ServerConfig,
  type SyncRecord,
} from './serverState';

/**
 * Syncing this laptop with the office sync server: push the change entries the
 * server lacks (its own and those relayed from bundles), upload photo files by
 * hash, pull what others pushed page by page (each page checked like a bundle's
 * entries, merged, and the cursor committed), download the photos the pulled
 * entries name, and compare per-day digests to repair silent divergence.
 */

export interface Transport {
  fetch?: typeof fetch;
  retry?: ClientOptions['retry'];
  sleep?: ClientOptions['sleep'];
}

export type SyncPhase = 'roster' | 'push' | 'photos-up' | 'pull' | 'photos-down' | 'check';

export interface SyncProgress {
  phase: SyncPhase;
  done: number;
  /** -1 while unknown (pulling: the server says only whether more follows). */
  total: number;
}

export interface SyncOutcome {
  pushed: number;
  refused: number;
  pulled: number;
  newChanges: number;
  conflicts: number;
  photosUp: number;
  photosDown: number;
  /** A pulled page waits for a person: stamped far ahead of this laptop's clock. */
  held: boolean;
  /** The server was restored from a backup: this laptop sent everything again and pulled from the start. */
  resynced: boolean;
  rejected: number;
}

export interface SyncOptions extends Transport {
  onProgress?: (p: SyncProgress) => void;
  originals?: OriginalsBackend;
  /** Entries per pulled page (the server may serve fewer). */
  pageSize?: number;
}

export function clientFor(clock: { wallMs(): number }, config: { url: string; token?: string }, transport: Transport = {}): SyncClient {
  return new SyncClient({ baseUrl: config.url, token: config.token, fetch: transport.fetch, retry: transport.retry, sleep: transport.sleep, now: () => clock.wallMs() });
}

// ------------------------------------------------------------------ enrolment

const NOT_IN_OFFICE = '本机尚未加入办公室：请先在「团队与设备」中用管理员给的入网文件加入，再连接同步服务器';

/**
 * 加入: trades the one-time code from the 管理员 for this laptop's device token.
 * The laptop must already be in the office's roster; the server's roster is kept when newer.
 */
export async function enrolWithServer(session: Session, input: { url: string; code: string }, transport: Transport = {}): Promise<ServerConfig> {
  const { db } = session;
  const code = input.code.replace(/\s+/g, '');
  if (!code) throw new ServerSyncError('bad-request', '请填写管理员给的一次性代码');
  if (code.length < 6) throw new ServerSyncError('bad-request', '一次性代码不完整：请核对管理员给的代码（至少 6 位）');
  const local = await trustStore(db).roster();
  const deviceId = session.device.deviceId;
  const me = local ? memberOf(local.roster, deviceId) : null;
  if (!local || !me) throw new ServerSyncError('bad-request', NOT_IN_OFFICE);
  if (me.device.revokedAt) throw new ServerSyncError('revoked', '本机已被管理员吊销，不能加入同步服务器');
  const client = clientFor(session.logger, { url: input.url, token: undefined }, transport);
  const officeId = local.roster.officeId;
  const keys = await deviceKeys(db);
  const proof = await signValue(keys.signPrivate, { code, deviceId, officeId });
  const answer = await client.enrol({ officeId, code, deviceId, proof });
  if (answer.officeId !== officeId) throw new ServerSyncError('bad-response', `这台服务器属于另一个办公室（${answer.officeName}），不是本机所在的「${local.roster.officeName}」`);
  await keepServerRoster(db, local, answer.roster);
  const config: ServerConfig = { url: client.baseUrl, officeId, officeName: local.roster.officeName, token: answer.token, enrolledAt: new Date().toISOString(), auto: true };
  await db.transaction('rw', db.meta, async () => {
    await saveServerConfig(db, config);
    await saveCursor(db, null);
    await forgetHeld(db);
    await updateRecord(db, { epoch: answer.epoch, lastError: null, lastErrorKind: null, held: null, repull: false, refused: [], rejected: [] });
  });
  return config;
}

/** The server's roster, checked against the office key this laptop knows, kept when newer. Returns the roster now held. */
async function keepServerRoster(db: InspectorDatabase, local: SignedRoster, value: unknown): Promise<SignedRoster> {
  if (value === null || value === undefined) return local;
  return (await weighServerRoster(db, local, value)).held;
}

/** The server's roster checked and the newer of the two kept; `serverOlder` when this laptop's is newer than the server's. */
async function weighServerRoster(db: InspectorDatabase, local: SignedRoster, value: unknown): Promise<{ held: SignedRoster; serverOlder: boolean }> {
  if (value === null || value === undefined) return { held: local, serverOlder: true };
  let theirs: SignedRoster;
  try {
    theirs = await verifyRoster(value, local.roster);
  } catch (e) {
    throw new ServerSyncError('bad-response', `服务器提供的人员名单未通过核验（${(e as Error).message}）：请联系管理员`);
  }
  const newer = newerRoster(local, theirs)!;
  if (newer !== local) {
    await db.transaction('rw', db.trust, async () => {
      const current = await trustStore(db).roster();
      if (!current || newer.roster.version > current.roster.version) await trustStore(db).putRoster(newer);
    });
  }
  return { held: newer, serverOlder: theirs.roster.version < local.roster.version };
}

// ------------------------------------------------------------------ one sync at a time per database

const running = new Map<string, Promise<SyncOutcome>>();

/** 立即同步 (and the automatic sync): one at a time per laptop; a second call joins the running one. */
export function syncWithServer(session: Session, options: SyncOptions = {}): Promise<SyncOutcome> {
  const key = session.db.name;
  const busy = running.get(key);
  if (busy) return busy;
  const run = runSync(session, options).finally(() => running.delete(key));
  running.set(key, run);
  return run;
}

export function isSyncing(db: InspectorDatabase): boolean {
  return running.has(db.name);
}

async function runSync(session: Session, options: SyncOptions): Promise<SyncOutcome> {
  const { db } = session;
  const config = await serverConfig(db);
  if (!config) throw new ServerSyncError('bad-request', '本机尚未连接同步服务器：请先填写服务器地址和一次性代码，点击「加入」');
  const client = clientFor(session.logger, config, options);
  await updateRecord(db, { lastAttemptAt: new Date().toISOString() });
  try {
    const outcome = await syncSteps(session, client, options);
    await updateRecord(db, { lastSyncAt: new Date().toISOString(), lastError: null, lastErrorKind: null, skewMs: client.skewMs });
    return outcome;
  } catch (e) {
    const err = e instanceof ServerSyncError ? e : new ServerSyncError('server', e instanceof Error ? e.message : String(e));
    await updateRecord(db, { lastError: err.message, lastErrorKind: err.kind, skewMs: client.skewMs });
    throw err;
  }
}

async function syncSteps(session: Session, client: SyncClient, options: SyncOptions): Promise<SyncOutcome> {
  const { db } = session;
  const progress = options.onProgress ?? (() => undefined);
  const originals = options.originals ?? originalsFor(db);
  const out: SyncOutcome = { pushed: 0, refused: 0, pulled: 0, newChanges: 0, conflicts: 0, photosUp: 0, photosDown: 0, held: false, resynced: false, rejected: 0 };

  progress({ phase: 'roster', done: 0, total: 1 });
  const local = await trustStore(db).roster();
  if (!local) throw new ServerSyncError('bad-request', NOT_IN_OFFICE);
  const weighed = await weighServerRoster(db, local, await client.roster());
  let roster = weighed.held;
  // This laptop's roster may be newer (a revocation it brought by USB): the server keeps the newest signed one.
  if (weighed.serverOlder) await client.putRoster(roster).catch(() => undefined);
  client.checkClock(MAX_DRIFT_MS);
  const me = memberOf(roster.roster, session.device.deviceId);
  if (!me) throw new ServerSyncError('bad-request', NOT_IN_OFFICE);
  if (me.device.revokedAt) throw new ServerSyncError('revoked', '本机已被管理员吊销，不能再与服务器同步；本机数据保留');

  for (let round = 0; ; round++) {
    try {
      await pushEntries(session, client, out, progress);
      await pushPhotos(session, client, originals, out, progress);
      await pullPages(session, client, originals, roster, out, progress, options.pageSize);
      break;
    } catch (e) {
      if (!(e instanceof ServerSyncError) || e.kind !== 'epoch-changed' || round > 0) throw e;
      // Restored from a backup: whatever the server may have lost is sent again, and the pull starts over.
      await forgetHeld(db);
      await saveCursor(db, null);
      await updateRecord(db, { held: null, repull: false });
      out.resynced = true;
      roster = (await trustStore(db).roster()) ?? roster;
    }
  }
  if (!out.held) await checkDigests(session, client, out, progress);
  return out;
}

// ------------------------------------------------------------------ push

function toWire(e: ChangeLogEntry & { sig?: string }): WireEntry {
  const w: WireEntry = { id: e.id, hlc: e.hlc, table: e.table, rowId: e.rowId, field: e.field, value: e.value ?? null, author: e.author, deviceId: e.deviceId };
  if (e.prev) w.prev = e.prev;
  if (e.sig) w.sig = e.sig;
  return w;
}

/** Ids of this laptop's entries the server is not known to hold (refused ones left out, except those refused for the clock). */
export async function pendingEntryIds(db: InspectorDatabase, record?: SyncRecord): Promise<string[]> {
  const rec = record ?? (await syncRecord(db));
  const refused = new Set(rec.refused.filter((r) => r.code !== 'clock-ahead').map((r) => r.id));
  const held = await serverHeld(db);
  const ids = (await db.changes.toCollection().primaryKeys()) as string[];
  return ids.filter((id) => !refused.has(id) && !held.get(dayOfId(id))?.has(id));
}

function checkEpoch(db: InspectorDatabase, record: SyncRecord, cursor: string): Promise<void> | void {
  const epoch = decodeCursor(cursor)?.epoch;
  if (!epoch) return;
  if (record.epoch && record.epoch !== epoch) {
    return updateRecord(db, { epoch }).then(() => {
      throw new ServerSyncError('epoch-changed', '同步服务器已从备份恢复：本机将从头重新同步');
    });
  }
  if (!record.epoch) return updateRecord(db, { epoch }).then(() => undefined);
}

async function pushEntries(session: Session, client: SyncClient, out: SyncOutcome, progress: (p: SyncProgress) => void): Promise<void> {
  const { db } = session;
  const record = await syncRecord(db);
  const ids = await pendingEntryIds(db, record);
  const signer = await bundleSigner(db, session.device.deviceId);
  progress({ phase: 'push', done: 0, total: ids.length });
  const refused = new Map(record.refused.map((r) => [r.id, r]));
  for (let i = 0; i === 0 || i < ids.length; i += MAX_PUSH_ENTRIES) {
    const chunk = ((await db.changes.bulkGet(ids.slice(i, i + MAX_PUSH_ENTRIES))).filter(Boolean) as ChangeLogEntry[]);
    const signed = signer ? await signer.signEntries(chunk) : chunk;
    const r = await client.push(signed.map(toWire), []);
    await checkEpoch(db, record, r.cursor);
    await markHeld(db, r.accepted);
    for (const id of r.accepted) refused.delete(id);
    for (const f of r.refused) refused.set(f.id, f);
    out.pushed += r.accepted.length;
    out.refused = [...refused.values()].filter((f) => f.code !== 'clock-ahead').length;
    await updateRecord(db, { refused: [...refused.values()] });
    progress({ phase: 'push', done: Math.min(ids.length, i + MAX_PUSH_ENTRIES), total: ids.length });
    if (!ids.length) break;
  }
}

/** This laptop's photo files: processed copies and thumbnails by blob id, originals as `original:<sha256>`. */
async function localBlobIds(db: InspectorDatabase, originals: OriginalsBackend): Promise<string[]> {
  const blobIds = (await db.photoBlobs.toCollection().primaryKeys()) as string[];
  const photoIds = [...new Set(blobIds.map((id) => id.split(':')[0]))];
  const missing = new Set(await originals.missing(photoIds));
  return [...blobIds, ...photoIds.filter((p) => !missing.has(p)).map((p) => `original:${p}`)];
}

export async function pendingBlobIds(db: InspectorDatabase, originals: OriginalsBackend = originalsFor(db)): Promise<string[]> {
  const done = await blobsOnServer(db);
  return (await localBlobIds(db, originals)).filter((id) => !done[id]);
}

async function blobBytes(db: InspectorDatabase, originals: OriginalsBackend, id: string): Promise<{ ref: BlobRef; bytes: Uint8Array } | null> {
  if (id.startsWith('original:')) {
    const sha = id.slice('original:'.length);
    const bytes = await originals.read(sha);
    return bytes ? { ref: { id, photoId: sha, type: 'application/octet-stream', sha256: sha, size: bytes.byteLength }, bytes } : null;
  }
  const row = await db.photoBlobs.get(id);
  if (!row) return null;
  const bytes = new Uint8Array(await row.blob.arrayBuffer());
  return { ref: { id, photoId: row.photoId, type: row.blob.type || 'image/jpeg', sha256: await sha256Hex(bytes), size: bytes.byteLength }, bytes };
}

async function pushPhotos(session: Session, client: SyncClient, originals: OriginalsBackend, out: SyncOutcome, progress: (p: SyncProgress) => void): Promise<void> {
  const { db } = session;
  const pending = await pendingBlobIds(db, originals);
  progress({ phase: 'photos-up', done: 0, total: pending.length });
  const BATCH = 50;
  let done = 0;
  for (let i = 0; i < pending.length; i += BATCH) {
    const files: { ref: BlobRef; bytes: Uint8Array }[] = [];
    for (const id of pending.slice(i, i + BATCH)) {
      const f = await blobBytes(db, originals, id);
      if (f) files.push(f);
    }
    const r = await client.push([], files.map((f) => f.ref));
    const missing = new Set(r.missingBlobs);
    for (const f of files) {
      if (missing.has(f.ref.sha256)) {
        await client.uploadBlob(f.ref.sha256, f.bytes);
        missing.delete(f.ref.sha256);
        out.photosUp++;
      }
      await markBlobs(db, { [f.ref.id]: f.ref.sha256 });
      progress({ phase: 'photos-up', done: ++done, total: pending.length });
    }
  }
}

// ------------------------------------------------------------------ pull

/** Pulled entries that fail this laptop's checks (signature, roster, role, schema): left out with why. */
async function screenPulled(db: InspectorDatabase, roster: SignedRoster, entries: WireEntry[]): Promise<{ keep: ChangeLogEntry[]; rejected: { id: string; reason: string }[] }> {
  const rejected: { id: string; reason: string }[] = [];
  const stored = await db.changes.bulkGet(entries.map((e) => e.id));
  const candidates: ChangeLogEntry[] = [];
  const tables = new Set<string>(LOGGED_TABLES);
  await Promise.all(
    entries.map(async (e, i) => {
      const have = stored[i];
      if (have) {
        if (canonicalJson(entryBody(have)) !== canonicalJson(entryBody(e)) && canonicalJson(entryBody({ ...have, sig: undefined })) !== canonicalJson(entryBody({ ...e, sig: undefined }))) {
          rejected.push({ id: e.id, reason: '与本机已有的同一条修改记录内容不同' });
        }
        return;
      }
      if (!tables.has(e.table)) {
        rejected.push({ id: e.id, reason: `本版本不认识的数据表「${e.table}」` });
        return;
      }
      const problem = await entryProblems([e as ChangeLogEntry], roster.roster, () => false);
      if (problem) rejected.push({ id: e.id, reason: problem.replace(/^第 1 条修改记录/, '修改记录') });
    }),
  );
  // Entries this laptop holds already change nothing: only the new ones go on.
  const bad = new Set(rejected.map((r) => r.id));
  for (const [i, e] of entries.entries()) if (!bad.has(e.id) && !stored[i]) candidates.push(e as ChangeLogEntry);
  // Role rules: an inspector's laptop cannot unlock, number a notice or settle a conflict.
  const prior = priorValuesOf(db, candidates);
  const keep: ChangeLogEntry[] = [];
  for (const e of candidates) {
    const who = memberOf(roster.roster, e.deviceId);
    if (who && !isLeadRole(who.member.role)) {
      const action = await leadOnlyAction(e, prior);
      if (action) {
        rejected.push({ id: e.id, reason: `检查员「${who.member.name}」${action}，须由组长操作` });
        continue;
      }
    }
    keep.push(e);
  }
  // The schema of every value, one bad entry at a time.
  for (let bad = firstBadEntry(keep); bad; bad = firstBadEntry(keep)) {
    rejected.push({ id: bad.entry.id, reason: bad.why });
    keep.splice(bad.index, 1);
  }
  return { keep, rejected };
}

async function fetchPhotos(db: InspectorDatabase, client: SyncClient, originals: OriginalsBackend, page: PullResponse, out: SyncOutcome, progress: (p: SyncProgress) => void): Promise<{ rows: PhotoBlobRow[]; originals: { sha: string; bytes: Uint8Array }[] }> {
  const copies = page.blobs.filter((b) => !b.id.startsWith('original:'));
  const have = await db.photoBlobs.bulkGet(copies.map((b) => b.id));
  const wantCopies = copies.filter((_, i) => !have[i]);
  const origRefs = page.blobs.filter((b) => b.id.startsWith('original:'));
  const missing = new Set(await originals.missing(origRefs.map((b) => b.sha256)));
  const wantOriginals = origRefs.filter((b) => missing.has(b.sha256));
  const total = wantCopies.length + wantOriginals.length;
  const rows: PhotoBlobRow[] = [];
  const origs: { sha: string; bytes: Uint8Array }[] = [];
  let done = 0;
  if (total) progress({ phase: 'photos-down', done, total });
  for (const b of wantCopies) {
    const bytes = await client.downloadBlob(b.sha256, b.size);
    rows.push({ id: b.id, photoId: b.photoId, blob: new Blob([bytes as BlobPart], { type: b.type }) });
    progress({ phase: 'photos-down', done: ++done, total });
  }
  for (const b of wantOriginals) {
    origs.push({ sha: b.sha256, bytes: await client.downloadBlob(b.sha256, b.size) });
    progress({ phase: 'photos-down', done: ++done, total });
  }
  out.photosDown += total;
  return { rows, originals: origs };
}

async function pullPages(session: Session, client: SyncClient, originals: OriginalsBackend, roster: SignedRoster, out: SyncOutcome, progress: (p: SyncProgress) => void, pageSize?: number): Promise<void> {
  const { db } = session;
  let record = await syncRecord(db);
  let cursor = record.repull ? null : await storedCursor(db);
  if (record.held) {
    const q = await db.quarantine.get(record.held.quarantineId);
    if (q && q.status === 'pending') {
      out.held = true;
      return;
    }
    cursor = record.held.nextCursor;
    await saveCursor(db, cursor);
    record = await updateRecord(db, { held: null });
  }
  if (record.repull) record = await updateRecord(db, { repull: false });
  const rejected = new Map(record.rejected.map((r) => [r.id, r]));
  progress({ phase: 'pull', done: 0, total: -1 });
  for (;;) {
    const page = await client.pull(cursor, pageSize);
    await checkEpoch(db, record, page.cursor);
    record = await syncRecord(db);
    const { keep, rejected: bad } = await screenPulled(db, roster, page.entries);
    for (const r of bad) rejected.set(r.id, r);
    const photos = await fetchPhotos(db, client, originals, page, out, progress);
    const pageId = `server:${page.epoch}:${page.cursor}`;
    const incoming = { fileName: `同步服务器（${roster.roster.officeName}）`, sha256: pageId, fromDevice: 'server', fromAuthor: '同步服务器', createdAt: page.serverTime, entries: keep, blobs: [] as PhotoBlobRow[], record: false };
    if (keep.length && (await wouldHold(session, keep))) {
      for (const o of photos.originals) await originals.put(o.sha, o.bytes);
      const summary = await applyIncoming(session, { ...incoming, blobs: photos.rows });
      await updateRecord(db, { held: { quarantineId: summary.held!.id, nextCursor: page.cursor }, rejected: [...rejected.values()] });
      out.held = true;
      return;
    }
    if (photos.rows.length) await db.photoBlobs.bulkPut(photos.rows);
    for (const o of photos.originals) await originals.put(o.sha, o.bytes);
    if (keep.length) {
      const summary = await applyIncoming(session, incoming);
      out.newChanges += summary.newChanges;
      out.conflicts = summary.conflicts;
    }
    // The page is merged: commit the cursor, and what the server holds.
    await saveCursor(db, page.cursor);
    await markHeld(db, page.entries.map((e) => e.id));
    await markBlobs(db, Object.fromEntries(page.blobs.map((b) => [b.id, b.sha256])));
    await updateRecord(db, { rejected: [...rejected.values()] });
    out.pulled += page.entries.length;
    out.rejected = rejected.size;
    progress({ phase: 'pull', done: out.pulled, total: page.hasMore ? -1 : out.pulled });
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
}

// ------------------------------------------------------------------ divergence

/**
 * Compares per-day digests with the server's. A day where this laptop holds
 * entries the server lacks is sent again now; a day where the server holds more
 * than this laptop knows of makes the next pull start from the beginning.
 */
async function checkDigests(session: Session, client: SyncClient, out: SyncOutcome, progress: (p: SyncProgress) => void): Promise<void> {
  const { db } = session;
  const record = await syncRecord(db);
  const ids = (await db.changes.toCollection().primaryKeys()) as string[];
  if (!ids.length) return;
  progress({ phase: 'check', done: 0, total: 1 });
  const refused = new Set(record.refused.map((r) => r.id));
  const skipped = new Set(record.rejected.map((r) => r.id));
  const byDay = new Map<string, string[]>();
  for (const id of [...ids.filter((i) => !refused.has(i)), ...skipped]) {
    const d = dayOfId(id);
    const list = byDay.get(d);
    if (list) list.push(id);
    else byDay.set(d, [id]);
  }
  const days = [...byDay.keys()].sort();
  const answer = await client.digest(days[0], days[days.length - 1]);
  const theirs = new Map(answer.days.map((d) => [d.day, d]));
  const resend: string[] = [];
  let serverHasMore = false;
  for (const day of days) {
    const mine = byDay.get(day)!;
    const t = theirs.get(day);
    if (t && t.digest === (await dayDigest(mine))) continue;
    if (!t || t.count <= mine.length) resend.push(day);
    else serverHasMore = true;
  }
  for (const t of answer.days) if (!byDay.has(t.day) && t.count > 0) serverHasMore = true;
  if (resend.length) {
    await forgetHeld(db, resend);
    await pushEntries(session, client, out, progress);
  }
  if (serverHasMore) await updateRecord(db, { repull: true });
  progress({ phase: 'check', done: 1, total: 1 });
}

// ------------------------------------------------------------------ status

export interface ServerStatus {
  config: ServerConfig | null;
  record: SyncRecord;
  pendingEntries: number;
  pendingPhotos: number;
}

/** What the 服务器同步 card shows: the server, the last sync, what waits to be sent. */
export async function serverStatus(db: InspectorDatabase, originals: OriginalsBackend = originalsFor(db)): Promise<ServerStatus> {
  const config = await serverConfig(db);
  const record = await syncRecord(db);
  if (!config) return { config, record, pendingEntries: 0, pendingPhotos: 0 };
  return { config, record, pendingEntries: (await pendingEntryIds(db, record)).length, pendingPhotos: (await pendingBlobIds(db, originals)).length };
}
