import type { InspectorDatabase } from '../../db/database';

/**
 * What this laptop keeps about the office sync server, all in db.meta (local,
 * never synced): the address and device token, the pull cursor, which of its
 * change entries and photo files the server is known to hold, and how the
 * last sync went. Nothing here is data: clearing it only means a full resend.
 */

export interface ServerConfig {
  url: string;
  officeId: string;
  officeName: string;
  token: string;
  enrolledAt: string;
  /** Automatic sync while the server is reachable. */
  auto: boolean;
}

export interface SyncRecord {
  /** When the last sync that reached the end finished (ISO). */
  lastSyncAt: string | null;
  lastAttemptAt: string | null;
  /** The last failure in words, cleared by a sync that succeeds. */
  lastError: string | null;
  lastErrorKind: string | null;
  /** The server's epoch the cursor belongs to. */
  epoch: string | null;
  /** serverTime − local clock at the last answer, ms. */
  skewMs: number | null;
  /** Entries the server refused, with why (kept so they are not resent each time). */
  refused: { id: string; code: string; reason: string }[];
  /** Entries pulled from the server that failed this laptop's signature or role check: not merged. */
  rejected: { id: string; reason: string }[];
  /** A pulled page held for a person (far-future stamps): pulling waits until it is decided. */
  held: { quarantineId: string; nextCursor: string } | null;
  /** Set when the digests showed the server holds entries this laptop lacks: the next pull starts over. */
  repull: boolean;
}

const CONFIG = 'serverSync.config';
const CURSOR = 'serverSync.cursor';
const RECORD = 'serverSync.record';
/** Per UTC day of the entries' stamps: ids of this laptop's entries the server holds. */
const DAY = 'serverSync.day.';
/** Photo files the server holds: blob id → sha256. */
const BLOBS = 'serverSync.blobs';

export const EMPTY_RECORD: SyncRecord = { lastSyncAt: null, lastAttemptAt: null, lastError: null, lastErrorKind: null, epoch: null, skewMs: null, refused: [], rejected: [], held: null, repull: false };

export async function serverConfig(db: InspectorDatabase): Promise<ServerConfig | null> {
  return ((await db.meta.get(CONFIG))?.value as ServerConfig | undefined) ?? null;
}

export async function saveServerConfig(db: InspectorDatabase, config: ServerConfig): Promise<void> {
  await db.meta.put({ key: CONFIG, value: config });
}

export async function syncRecord(db: InspectorDatabase): Promise<SyncRecord> {
  return { ...EMPTY_RECORD, ...((await db.meta.get(RECORD))?.value as Partial<SyncRecord> | undefined) };
}

export async function updateRecord(db: InspectorDatabase, patch: Partial<SyncRecord>): Promise<SyncRecord> {
  return db.transaction('rw', db.meta, async () => {
    const next = { ...(await syncRecord(db)), ...patch };
    await db.meta.put({ key: RECORD, value: next });
    return next;
  });
}

export async function storedCursor(db: InspectorDatabase): Promise<string | null> {
  return ((await db.meta.get(CURSOR))?.value as string | undefined) ?? null;
}

export async function saveCursor(db: InspectorDatabase, cursor: string | null): Promise<void> {
  if (cursor === null) await db.meta.delete(CURSOR);
  else await db.meta.put({ key: CURSOR, value: cursor });
}

/** The UTC day of an entry id (`${hlc}#n`, the HLC starting with its milliseconds). */
export function dayOfId(id: string): string {
  return new Date(Number(id.slice(0, 13))).toISOString().slice(0, 10);
}

/** Ids of entries known to be on the server, by day. */
export async function serverHeld(db: InspectorDatabase): Promise<Map<string, Set<string>>> {
  const rows = await db.meta.where('key').startsWith(DAY).toArray();
  return new Map(rows.map((r) => [r.key.slice(DAY.length), new Set(r.value as string[])]));
}

/** Records that the server holds these entries. */
export async function markHeld(db: InspectorDatabase, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  const byDay = new Map<string, string[]>();
  for (const id of ids) {
    const d = dayOfId(id);
    const list = byDay.get(d);
    if (list) list.push(id);
    else byDay.set(d, [id]);
  }
  await db.transaction('rw', db.meta, async () => {
    const keys = [...byDay.keys()].map((d) => DAY + d);
    const rows = await db.meta.bulkGet(keys);
    await db.meta.bulkPut(
      [...byDay].map(([d, list], i) => {
        const set = new Set((rows[i]?.value as string[] | undefined) ?? []);
        for (const id of list) set.add(id);
        return { key: DAY + d, value: [...set] };
      }),
    );
  });
}

/** Forgets what the server holds (a server restored from backup, or a day whose digests differ). */
export async function forgetHeld(db: InspectorDatabase, days?: readonly string[]): Promise<void> {
  if (days) await db.meta.bulkDelete(days.map((d) => DAY + d));
  else await db.meta.where('key').startsWith(DAY).delete();
  if (!days) await db.meta.delete(BLOBS);
}

export async function blobsOnServer(db: InspectorDatabase): Promise<Record<string, string>> {
  return ((await db.meta.get(BLOBS))?.value as Record<string, string> | undefined) ?? {};
}

export async function markBlobs(db: InspectorDatabase, done: Record<string, string>): Promise<void> {
  if (!Object.keys(done).length) return;
  await db.transaction('rw', db.meta, async () => {
    await db.meta.put({ key: BLOBS, value: { ...(await blobsOnServer(db)), ...done } });
  });
}

/** Leaves the server: the address, token, cursor and records go; the data stays. */
export async function leaveServer(db: InspectorDatabase): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    await db.meta.bulkDelete([CONFIG, CURSOR, RECORD, BLOBS]);
    await db.meta.where('key').startsWith(DAY).delete();
  });
}
