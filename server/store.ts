import { createHash, randomBytes } from 'node:crypto';
import { entryFields, type ChangeLogEntry } from '../shared/domain/changeLog';
import { entryBody, leadOnlyAction } from '../shared/trust/bundleTrust';
import { verifyValue } from '../shared/trust/keys';
import type { Member, Device, Roster, SignedRoster } from '../shared/trust/model';
import { isLeadRole, memberOf, TrustError, verifyRoster } from '../shared/trust/office';
import { entryProblem } from '../shared/sync/entrySchemas';
import { MAX_DRIFT_MS, parseHlc } from '../shared/sync/hlc';
import {
  dayDigest,
  decodeCursor,
  DEFAULT_PULL_LIMIT,
  encodeCursor,
  entryDay,
  MAX_PULL_LIMIT,
  type BlobRef,
  type PushRequest,
  type PushResponse,
  type RefusalCode,
  type WireEntry,
} from '../shared/sync/server/protocol';
import type { Db, Queryable } from './db';
import { ServerError } from './errors';
import { migrate } from './migrations';

/**
 * What the server keeps, behind the HTTP routes and the admin commands: offices
 * and their signed rosters, enrolled devices and their tokens (hashed), the change
 * entries in per-office sequence order, photo file references, notice number series
 * and an audit log. Every office-owned query runs inside `inOffice` (PostgreSQL
 * row-level security scoped to that office) and names the office in its WHERE.
 */

export interface Session {
  officeId: string;
  deviceId: string;
  member: Member;
  device: Device;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
const ENROL_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ENROL_CODE_TTL_MS = 7 * DAY_MS;

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** An enrolment code as printed: XXXX-XXXX-XXXX from letters and digits that cannot be misread. */
export function newEnrolCode(): string {
  const bytes = randomBytes(12);
  const chars = Array.from(bytes, (b) => ENROL_CODE_ALPHABET[b % ENROL_CODE_ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

const normaliseCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');
const codeHash = (officeId: string, code: string) => sha256Hex(`${officeId}:${normaliseCode(code)}`);
const tokenHash = (token: string) => sha256Hex(`token:${token}`);

/** How far ahead a stamp is, as a person reads it: 10 天, 1.5 天. */
function daysText(ms: number): string {
  const days = ms / DAY_MS;
  return String(days >= 10 ? Math.round(days) : Math.round(days * 10) / 10);
}

interface OfficeRow {
  id: string;
  name: string;
  office_key: Roster['officeKey'];
  roster: SignedRoster;
  roster_version: number;
  last_seq: number;
}

export interface Refusal {
  id: string;
  code: RefusalCode;
  reason: string;
}

export class Store {
  private rosterCache = new Map<string, { version: number; roster: SignedRoster }>();

  constructor(
    readonly db: Db,
    readonly now: () => number = Date.now,
  ) {}

  static async open(db: Db, now?: () => number): Promise<Store> {
    await migrate(db);
    return new Store(db, now);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  /** One transaction seeing only one office's rows. */
  inOffice<T>(officeId: string, fn: (q: Queryable) => Promise<T>): Promise<T> {
    return this.db.tx(async (q) => {
      await q.query("select set_config('app.office_id', $1, true)", [officeId]);
      return fn(q);
    });
  }

  /** One transaction of an operator's work across offices (enrolment lookups, backups, checks). */
  asOperator<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    return this.db.tx(async (q) => {
      await q.query("select set_config('app.scope', 'all', true)");
      return fn(q);
    });
  }

  async epoch(q: Queryable = this.db): Promise<string> {
    const rows = await q.query<{ value: string }>("select value from server_meta where key = 'epoch'");
    return rows[0].value;
  }

  // ---------------------------------------------------------------- offices and rosters

  /** Creates an office from its first signed roster (exported by the 管理员 from the app): the roster's office key is pinned. */
  async createOffice(value: unknown): Promise<{ officeId: string; officeName: string; version: number }> {
    let signed: SignedRoster;
    try {
      signed = await verifyRoster(value);
    } catch (e) {
      throw new ServerError(400, 'bad-request', (e as Error).message);
    }
    const r = signed.roster;
    return this.asOperator(async (q) => {
      const existing = await q.query('select 1 from offices where id = $1', [r.officeId]);
      if (existing.length) throw new ServerError(409, 'bad-request', `办公室「${r.officeName}」（${r.officeId}）已经存在；更新人员名单请用 roster 命令`);
      await q.query('insert into offices (id, name, office_key, roster, roster_version) values ($1, $2, $3::text::jsonb, $4::text::jsonb, $5)', [
        r.officeId,
        r.officeName,
        JSON.stringify(r.officeKey),
        JSON.stringify(signed),
        r.version,
      ]);
      return { officeId: r.officeId, officeName: r.officeName, version: r.version };
    });
  }

  async listOffices(): Promise<{ id: string; name: string; rosterVersion: number; entries: number; devices: number }[]> {
    return this.asOperator(async (q) => {
      const rows = await q.query<{ id: string; name: string; roster_version: number; entries: number; devices: number }>(
        `select o.id, o.name, o.roster_version,
           (select count(*)::int from entries e where e.office_id = o.id) as entries,
           (select count(*)::int from devices d where d.office_id = o.id and d.token_hash is not null and d.revoked_at is null) as devices
         from offices o order by o.id`,
      );
      return rows.map((r) => ({ id: r.id, name: r.name, rosterVersion: Number(r.roster_version), entries: Number(r.entries), devices: Number(r.devices) }));
    });
  }

  private async officeRow(q: Queryable, officeId: string, lock = false): Promise<OfficeRow> {
    const rows = await q.query<OfficeRow>(`select id, name, office_key, roster, roster_version, last_seq from offices where id = $1${lock ? ' for update' : ''}`, [officeId]);
    if (!rows.length) throw new ServerError(404, 'not-found', `服务器上没有这个办公室（${officeId}）`);
    const row = rows[0];
    row.last_seq = Number(row.last_seq);
    row.roster_version = Number(row.roster_version);
    this.rosterCache.set(officeId, { version: row.roster_version, roster: row.roster });
    return row;
  }

  async roster(officeId: string): Promise<SignedRoster> {
    return this.inOffice(officeId, async (q) => (await this.officeRow(q, officeId)).roster);
  }

  /**
   * Stores a newer roster of the office, checked against the pinned office key. A device the new
   * roster revokes loses its token at once. The same roster again changes nothing.
   */
  async putRoster(officeId: string, value: unknown, by = 'operator'): Promise<{ version: number; changed: boolean; revoked: string[] }> {
    return this.inOffice(officeId, async (q) => {
      const row = await this.officeRow(q, officeId, true);
      let signed: SignedRoster;
      try {
        signed = await verifyRoster(value, { officeId: row.id, officeKey: row.office_key });
      } catch (e) {
        throw new ServerError(e instanceof TrustError ? 422 : 400, 'bad-request', (e as Error).message);
      }
      const v = signed.roster.version;
      if (v === row.roster_version && signed.sig === row.roster.sig) return { version: v, changed: false, revoked: [] };
      if (v <= row.roster_version) throw new ServerError(409, 'bad-request', `服务器上已有更新的人员名单（第 ${row.roster_version} 版），收到的是第 ${v} 版，未替换`);
      await q.query('update offices set roster = $2::text::jsonb, roster_version = $3, name = $4 where id = $1', [officeId, JSON.stringify(signed), v, signed.roster.officeName]);
      const revoked = signed.roster.devices.filter((d) => d.revokedAt).map((d) => d.id);
      if (revoked.length) {
        await q.query('update devices set revoked_at = coalesce(revoked_at, now()) where office_id = $1 and device_id = any($2::text[])', [officeId, revoked]);
      }
      await this.audit(q, officeId, by, 'roster', { version: v, revoked });
      this.rosterCache.set(officeId, { version: v, roster: signed });
      return { version: v, changed: true, revoked };
    });
  }

  /** What a laptop shows about the server: the office, the epoch and how far the office's stream has come. */
  async status(officeId: string): Promise<{ officeName: string; epoch: string; lastSeq: number; rosterVersion: number }> {
    return this.inOffice(officeId, async (q) => {
      const row = await this.officeRow(q, officeId);
      return { officeName: row.name, epoch: await this.epoch(q), lastSeq: row.last_seq, rosterVersion: row.roster_version };
    });
  }

  // ---------------------------------------------------------------- devices

  /** A one-time enrolment code for a laptop of the roster (valid 7 days unless told otherwise). */
  async makeEnrolCode(officeId: string, deviceId: string, ttlMs = ENROL_CODE_TTL_MS, by = 'operator'): Promise<{ code: string; expiresAt: string; deviceName: string; memberName: string }> {
    return this.inOffice(officeId, async (q) => {
      const row = await this.officeRow(q, officeId);
      const who = memberOf(row.roster.roster, deviceId);
      if (!who) throw new ServerError(404, 'not-found', `人员名单（第 ${row.roster_version} 版）中没有这台电脑（${deviceId}）；请先在管理员的电脑上为它办理入网，并把新名单上传到服务器`);
      if (who.device.revokedAt) throw new ServerError(403, 'revoked-device', `「${who.device.name}」已被吊销，不能再注册`);
      const code = newEnrolCode();
      const expiresAt = new Date(this.now() + ttlMs).toISOString();
      await q.query('insert into enrol_codes (office_id, code_hash, device_id, expires_at) values ($1, $2, $3, $4)', [officeId, codeHash(officeId, code), deviceId, expiresAt]);
      await this.audit(q, officeId, by, 'enrol-code', { deviceId, expiresAt });
      return { code, expiresAt, deviceName: who.device.name, memberName: who.member.name };
    });
  }

  /**
   * Trades a one-time code for a device token. The proof is the laptop's signature over
   * `{ code, deviceId, officeId }` with the key the roster lists for it.
   */
  async enrol(req: { officeId: string; code: string; deviceId: string; proof: string }): Promise<{ token: string; officeName: string; roster: SignedRoster; epoch: string }> {
    const wrong = () => new ServerError(401, 'unauthorized', '注册码不正确、已使用或已过期，请向管理员索取新的注册码');
    return this.inOffice(req.officeId, async (q) => {
      const rows = await q.query<OfficeRow>('select id, name, roster from offices where id = $1', [req.officeId]);
      if (!rows.length) throw wrong();
      const roster = rows[0].roster;
      const who = memberOf(roster.roster, req.deviceId);
      if (!who) throw new ServerError(401, 'unauthorized', '服务器上的人员名单中没有这台电脑，请管理员先办理入网并上传新名单');
      if (who.device.revokedAt) throw new ServerError(403, 'revoked-device', `「${who.device.name}」已被吊销，不能注册到服务器`);
      const codes = await q.query<{ code_hash: string }>(
        'select code_hash from enrol_codes where office_id = $1 and code_hash = $2 and device_id = $3 and used_at is null and expires_at > $4 for update',
        [req.officeId, codeHash(req.officeId, req.code), req.deviceId, new Date(this.now()).toISOString()],
      );
      if (!codes.length) throw wrong();
      if (!(await verifyValue(who.device.signKey, { code: req.code, deviceId: req.deviceId, officeId: req.officeId }, req.proof))) {
        throw new ServerError(401, 'unauthorized', '这台电脑的签名与人员名单中登记的密钥不符，不能注册');
      }
      const token = `zwgk_${randomBytes(32).toString('base64url')}`;
      await q.query('update enrol_codes set used_at = now() where office_id = $1 and code_hash = $2', [req.officeId, codes[0].code_hash]);
      await q.query(
        `insert into devices (office_id, device_id, token_hash, enrolled_at, revoked_at) values ($1, $2, $3, now(), null)
         on conflict (office_id, device_id) do update set token_hash = excluded.token_hash, enrolled_at = now(), revoked_at = null`,
        [req.officeId, req.deviceId, tokenHash(token)],
      );
      await this.audit(q, req.officeId, req.deviceId, 'enrol', { device: who.device.name, member: who.member.name });
      return { token, officeName: rows[0].name, roster, epoch: await this.epoch(q) };
    });
  }

  /** Cuts a device off the server (its token stops working at once). The roster is the office key's: revoke there too. */
  async revokeDevice(officeId: string, deviceId: string, by = 'operator'): Promise<boolean> {
    return this.inOffice(officeId, async (q) => {
      const rows = await q.query('update devices set revoked_at = now() where office_id = $1 and device_id = $2 and revoked_at is null returning device_id', [officeId, deviceId]);
      if (rows.length) await this.audit(q, officeId, by, 'revoke', { deviceId });
      return rows.length > 0;
    });
  }

  /** The device behind a token, or why not. */
  async authenticate(token: string): Promise<Session> {
    const rows = await this.asOperator((q) =>
      q.query<{ office_id: string; device_id: string; revoked_at: string | null }>('select office_id, device_id, revoked_at from devices where token_hash = $1', [tokenHash(token)]),
    );
    if (!rows.length) throw new ServerError(401, 'unauthorized', '这台电脑尚未注册到服务器，或注册已被替换，请重新注册');
    const { office_id: officeId, device_id: deviceId } = rows[0];
    const roster = await this.cachedRoster(officeId);
    const who = memberOf(roster.roster, deviceId);
    if (rows[0].revoked_at || !who || who.device.revokedAt) throw new ServerError(403, 'revoked-device', '这台电脑已被管理员吊销，不能再与服务器同步');
    return { officeId, deviceId, ...who };
  }

  private async cachedRoster(officeId: string): Promise<SignedRoster> {
    const rows = await this.asOperator((q) => q.query<{ roster_version: number }>('select roster_version from offices where id = $1', [officeId]));
    const cached = this.rosterCache.get(officeId);
    if (cached && rows.length && cached.version === Number(rows[0].roster_version)) return cached.roster;
    return this.roster(officeId);
  }

  // ---------------------------------------------------------------- push and pull

  /**
   * Checks and stores a batch of signed entries. Each entry is checked on its own
   * (its author laptop, author, signature, clock, role); the good ones are stored
   * in one transaction holding the office row's lock, so sequence numbers are
   * handed out in commit order and a pull never passes over a late commit.
   */
  async push(session: Session, req: PushRequest): Promise<PushResponse & { stored: number }> {
    const { officeId } = session;
    const roster = await this.cachedRoster(officeId);
    const ids = req.entries.map((e) => e.id);
    const { known, cutOff } = await this.inOffice(officeId, async (q) => ({
      known: new Set((await q.query<{ id: string }>('select id from entries where office_id = $1 and id = any($2::text[])', [officeId, ids])).map((r) => r.id)),
      cutOff: new Set((await q.query<{ device_id: string }>('select device_id from devices where office_id = $1 and revoked_at is not null', [officeId])).map((r) => r.device_id)),
    }));
    const refused: Refusal[] = [];
    const fresh: WireEntry[] = [];
    const seen = new Set<string>();
    const candidates: WireEntry[] = [];
    for (const e of req.entries) {
      if (known.has(e.id) || seen.has(e.id)) continue;
      seen.add(e.id);
      candidates.push(e);
    }
    const checks = await Promise.all(candidates.map((e) => this.entryRefusal(e, roster.roster, cutOff)));
    const batch = new Map<string, WireEntry>();
    for (const [i, e] of candidates.entries()) {
      let why = checks[i];
      if (!why) why = await this.roleRefusal(officeId, e, roster.roster, batch);
      if (why) refused.push({ id: e.id, ...why });
      else {
        fresh.push(e);
        batch.set(e.id, e);
      }
    }
    const refusedIds = new Set(refused.map((r) => r.id));
    const { lastSeq, stored, missing } = await this.inOffice(officeId, async (q) => {
      const row = await this.officeRow(q, officeId, true);
      let seq = row.last_seq;
      // Another push may have stored some of these since the first look: never give an entry two numbers.
      const late = new Set((await q.query<{ id: string }>('select id from entries where office_id = $1 and id = any($2::text[])', [officeId, fresh.map((e) => e.id)])).map((r) => r.id));
      const rows = fresh
        .filter((e) => !late.has(e.id))
        .map((e) => ({ id: e.id, seq: ++seq, hlc: e.hlc, tbl: e.table, row_id: e.rowId, field: e.field, device_id: e.deviceId, day: entryDay(e.hlc), body: e }));
      if (rows.length) {
        await q.query(
          `insert into entries (office_id, id, seq, hlc, tbl, row_id, field, device_id, day, body, pushed_by)
           select $1, r.id, r.seq, r.hlc, r.tbl, r.row_id, r.field, r.device_id, r.day, r.body, $2
           from jsonb_to_recordset($3::text::jsonb) as r(id text, seq bigint, hlc text, tbl text, row_id text, field text, device_id text, day text, body jsonb)
           on conflict (office_id, id) do nothing`,
          [officeId, session.deviceId, JSON.stringify(rows)],
        );
      }
      seq = await this.storeBlobRefs(q, officeId, req.blobs, seq);
      if (seq !== row.last_seq) await q.query('update offices set last_seq = $2 where id = $1', [officeId, seq]);
      const hashes = [...new Set(req.blobs.map((b) => b.sha256))];
      const held = new Set((await q.query<{ sha256: string }>('select sha256 from blobs where office_id = $1 and sha256 = any($2::text[])', [officeId, hashes])).map((r) => r.sha256));
      if (rows.length || refused.length || req.blobs.length) {
        await this.audit(q, officeId, session.deviceId, 'push', {
          entries: req.entries.length,
          stored: rows.length,
          refused: refused.length,
          seq: rows.length ? [rows[0].seq, rows[rows.length - 1].seq] : null,
          blobs: req.blobs.length,
        });
      }
      return { lastSeq: seq, stored: rows.length, missing: hashes.filter((h) => !held.has(h)) };
    });
    return {
      accepted: [...new Set(req.entries.filter((e) => !refusedIds.has(e.id)).map((e) => e.id))],
      refused,
      missingBlobs: missing,
      cursor: encodeCursor({ epoch: await this.epoch(), seq: lastSeq }),
      serverTime: new Date(this.now()).toISOString(),
      stored,
    };
  }

  /** Why an entry is refused on its own (before role rules), or null. */
  private async entryRefusal(e: WireEntry, roster: Roster, cutOff: Set<string>): Promise<Omit<Refusal, 'id'> | null> {
    const problem = entryProblem(e as ChangeLogEntry);
    if (problem) return { code: 'invalid', reason: `修改记录不完整或格式不正确：${problem}` };
    const who = memberOf(roster, e.deviceId);
    if (!who) return { code: 'unknown-device', reason: `修改记录来自不在人员名单中的电脑（${e.deviceId}）` };
    if (who.device.revokedAt || cutOff.has(e.deviceId)) return { code: 'revoked-device', reason: `修改记录来自已吊销的电脑「${who.device.name}」（${who.member.name}）` };
    if (e.author !== '' && e.author !== who.member.name) {
      return { code: 'wrong-author', reason: `修改记录的作者「${e.author}」不是签名电脑「${who.device.name}」的使用人「${who.member.name}」` };
    }
    if (!e.sig || !(await verifyValue(who.device.signKey, entryBody(e), e.sig))) {
      return { code: 'bad-signature', reason: e.sig ? `修改记录的签名无效（记录被改动或伪造）` : `修改记录没有「${who.device.name}」的签名` };
    }
    const ahead = parseHlc(e.hlc).ms - this.now();
    if (ahead > MAX_DRIFT_MS) {
      return { code: 'clock-ahead', reason: `修改记录的时间比服务器时间快 ${daysText(ahead)} 天，超出允许的 ${daysText(MAX_DRIFT_MS)} 天；请校准「${who.device.name}」的系统时间` };
    }
    return null;
  }

  /** The team lead's work done from an inspector's laptop (shared/trust/bundleTrust.ts leadOnlyAction), judged with the stored values it replaces. */
  private async roleRefusal(officeId: string, e: WireEntry, roster: Roster, batch: Map<string, WireEntry>): Promise<Omit<Refusal, 'id'> | null> {
    const who = memberOf(roster, e.deviceId)!;
    if (isLeadRole(who.member.role)) return null;
    const action = await leadOnlyAction(e as ChangeLogEntry, async (entry) => {
      const prev = entry.prev ?? [];
      const replaced: WireEntry[] = [...batch.values()].filter((b) => b.table === entry.table && b.rowId === entry.rowId && prev.includes(b.hlc));
      const stored = await this.inOffice(officeId, (q) =>
        q.query<{ body: WireEntry }>('select body from entries where office_id = $1 and tbl = $2 and row_id = $3 and hlc = any($4::text[])', [officeId, entry.table, entry.rowId, prev]),
      );
      replaced.push(...stored.map((r) => r.body));
      return replaced.flatMap((r) => entryFields(r).filter((f) => f.field === entry.field).map((f) => f.value));
    });
    return action ? { code: 'role', reason: `检查员「${who.member.name}」不能${action}，须由组长操作` } : null;
  }

  private async storeBlobRefs(q: Queryable, officeId: string, refs: BlobRef[], seq: number): Promise<number> {
    if (!refs.length) return seq;
    const byId = new Map(refs.map((r) => [r.id, r]));
    const existing = new Map(
      (await q.query<{ id: string; sha256: string }>('select id, sha256 from blob_refs where office_id = $1 and id = any($2::text[])', [officeId, [...byId.keys()]])).map((r) => [r.id, r.sha256]),
    );
    const rows = [...byId.values()].filter((r) => existing.get(r.id) !== r.sha256).map((r) => ({ ...r, seq: ++seq }));
    if (rows.length) {
      await q.query(
        `insert into blob_refs (office_id, id, photo_id, type, sha256, size, seq)
         select $1, r.id, r."photoId", r.type, r.sha256, r.size, r.seq
         from jsonb_to_recordset($2::text::jsonb) as r(id text, "photoId" text, type text, sha256 text, size bigint, seq bigint)
         on conflict (office_id, id) do update set photo_id = excluded.photo_id, type = excluded.type, sha256 = excluded.sha256, size = excluded.size, seq = excluded.seq`,
        [officeId, JSON.stringify(rows)],
      );
    }
    return seq;
  }

  /** Entries and photo file references after the cursor, in sequence order, one page. */
  async pull(session: Session, cursorText: string | undefined, limitAsked?: number): Promise<{ entries: WireEntry[]; blobs: BlobRef[]; cursor: string; hasMore: boolean; epoch: string }> {
    const { officeId } = session;
    const limit = Math.max(1, Math.min(MAX_PULL_LIMIT, limitAsked ?? DEFAULT_PULL_LIMIT));
    return this.inOffice(officeId, async (q) => {
      const epoch = await this.epoch(q);
      let after = 0;
      if (cursorText) {
        const c = decodeCursor(cursorText);
        if (!c) throw new ServerError(400, 'bad-request', '同步位置（cursor）无法识别');
        if (c.epoch !== epoch) throw new ServerError(409, 'epoch-changed', '服务器已从备份恢复，本机需要与服务器重新完整同步（本机数据不会丢失，服务器缺少的修改会重新上传）', { epoch });
        after = c.seq;
      }
      const entries = await q.query<{ seq: number; body: WireEntry }>('select seq, body from entries where office_id = $1 and seq > $2 order by seq limit $3', [officeId, after, limit + 1]);
      const refs = await q.query<{ seq: number; id: string; photo_id: string; type: string; sha256: string; size: number }>(
        'select seq, id, photo_id, type, sha256, size from blob_refs where office_id = $1 and seq > $2 order by seq limit $3',
        [officeId, after, limit + 1],
      );
      const items: { seq: number; entry?: WireEntry; blob?: BlobRef }[] = [
        ...entries.map((r) => ({ seq: Number(r.seq), entry: r.body })),
        ...refs.map((r) => ({ seq: Number(r.seq), blob: { id: r.id, photoId: r.photo_id, type: r.type, sha256: r.sha256, size: Number(r.size) } })),
      ].sort((a, b) => a.seq - b.seq);
      const page = items.slice(0, limit);
      const last = page.length ? page[page.length - 1].seq : after;
      const out = {
        entries: page.flatMap((i) => (i.entry ? [i.entry] : [])),
        blobs: page.flatMap((i) => (i.blob ? [i.blob] : [])),
        cursor: encodeCursor({ epoch, seq: last }),
        hasMore: items.length > limit,
        epoch,
      };
      if (page.length) await this.audit(q, officeId, session.deviceId, 'pull', { entries: out.entries.length, blobs: out.blobs.length, seq: [page[0].seq, last] });
      return out;
    });
  }

  /** Per UTC day of the entries' stamps, how many and the digest of their ids (shared/sync/server/protocol.ts dayDigest). */
  async digest(officeId: string, from: string, to: string): Promise<{ day: string; count: number; digest: string }[]> {
    const rows = await this.inOffice(officeId, (q) =>
      q.query<{ day: string; id: string }>('select day, id from entries where office_id = $1 and day >= $2 and day <= $3 order by day', [officeId, from, to]),
    );
    const byDay = new Map<string, string[]>();
    for (const r of rows) {
      const list = byDay.get(r.day) ?? [];
      list.push(r.id);
      byDay.set(r.day, list);
    }
    return Promise.all([...byDay].map(async ([day, ids]) => ({ day, count: ids.length, digest: await dayDigest(ids) })));
  }

  // ---------------------------------------------------------------- notice numbers

  /** The next number of an issuer's series in a year for a notice: atomic, never reused; the same notice asking again gets its number again. */
  async noticeNumber(session: Session, issuer: string, year: number, noticeId: string): Promise<number> {
    if (!isLeadRole(session.member.role)) throw new ServerError(403, 'forbidden-role', `检查员「${session.member.name}」不能编制整改通知书文号，须由组长操作`);
    const { officeId } = session;
    return this.inOffice(officeId, async (q) => {
      await q.query('insert into notice_series (office_id, issuer, year, last_seq) values ($1, $2, $3, 0) on conflict do nothing', [officeId, issuer, year]);
      const series = await q.query<{ last_seq: number }>('select last_seq from notice_series where office_id = $1 and issuer = $2 and year = $3 for update', [officeId, issuer, year]);
      const had = await q.query<{ seq: number }>('select seq from notice_numbers where office_id = $1 and issuer = $2 and year = $3 and notice_id = $4', [officeId, issuer, year, noticeId]);
      if (had.length) return Number(had[0].seq);
      const seq = Number(series[0].last_seq) + 1;
      await q.query('update notice_series set last_seq = $4 where office_id = $1 and issuer = $2 and year = $3', [officeId, issuer, year, seq]);
      await q.query('insert into notice_numbers (office_id, issuer, year, seq, notice_id, device_id) values ($1, $2, $3, $4, $5, $6)', [officeId, issuer, year, seq, noticeId, session.deviceId]);
      await this.audit(q, officeId, session.deviceId, 'notice-number', { issuer, year, seq, noticeId });
      return seq;
    });
  }

  // ---------------------------------------------------------------- blobs (metadata; the bytes are on disk)

  async heldBlobs(officeId: string, hashes: string[]): Promise<Set<string>> {
    if (!hashes.length) return new Set();
    const rows = await this.inOffice(officeId, (q) => q.query<{ sha256: string }>('select sha256 from blobs where office_id = $1 and sha256 = any($2::text[])', [officeId, hashes]));
    return new Set(rows.map((r) => r.sha256));
  }

  async recordBlob(session: Session, sha256: string, size: number): Promise<void> {
    await this.inOffice(session.officeId, async (q) => {
      await q.query('insert into blobs (office_id, sha256, size) values ($1, $2, $3) on conflict do nothing', [session.officeId, sha256, size]);
      await this.audit(q, session.officeId, session.deviceId, 'blob-upload', { sha256, size });
    });
  }

  async audit(q: Queryable, officeId: string, deviceId: string, action: string, detail: unknown): Promise<void> {
    await q.query('insert into audit_log (office_id, device_id, action, detail) values ($1, $2, $3, $4::text::jsonb)', [officeId, deviceId, action, JSON.stringify(detail)]);
  }

  async auditLog(officeId: string, limit = 100): Promise<{ at: string; deviceId: string; action: string; detail: unknown }[]> {
    const rows = await this.inOffice(officeId, (q) =>
      q.query<{ at: Date | string; device_id: string; action: string; detail: unknown }>('select at, device_id, action, detail from audit_log where office_id = $1 order by id desc limit $2', [officeId, limit]),
    );
    return rows.map((r) => ({ at: new Date(r.at).toISOString(), deviceId: r.device_id, action: r.action, detail: r.detail }));
  }
}
