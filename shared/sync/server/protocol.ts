import { z } from 'zod';
import { changeEntrySchema } from '../changeEntrySchema';

/**
 * The office sync server's wire protocol, shared by the server (server/) and the
 * laptops (renderer/features/serverSync/). The server stores and relays signed
 * change entries and photo files; the deterministic merge stays on the laptops.
 * docs/sync-server.md describes it for people.
 *
 * Every request except /health and /v1/enrol carries `Authorization: Bearer <token>`
 * (the device token from enrolment). Every JSON response carries `serverTime`
 * (ISO) so a laptop can tell how far its clock is off. Errors answer with an HTTP
 * status and `{ error: { code, message } }`, the message in Chinese for a person.
 */

export const PROTOCOL_VERSION = 1;
export const DEFAULT_PORT = 8650;

/** Entries per push request and per pull page (the server may serve fewer). */
export const MAX_PUSH_ENTRIES = 2000;
export const DEFAULT_PULL_LIMIT = 1000;
export const MAX_PULL_LIMIT = 5000;
/** Photo files larger than this are refused. */
export const MAX_BLOB_BYTES = 64 * 1024 * 1024;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** A change entry as stored and relayed (shared/domain/changeLog.ts plus the author laptop's signature). */
export const wireEntrySchema = changeEntrySchema.extend({ prev: z.array(z.string().max(200)).max(100).optional() });
export type WireEntry = z.infer<typeof wireEntrySchema>;

/**
 * A photo file named in the change stream's side channel: a processed copy or a
 * thumbnail (`id` = `${photoId}:${kind}`, as in the laptops' photoBlobs table) or an
 * original (`id` = `original:${sha256}`). The bytes travel by hash through /v1/blobs.
 */
export const blobRefSchema = z.object({
  id: z.string().min(1).max(200),
  photoId: z.string().max(200),
  type: z.string().max(100),
  sha256,
  size: z.number().int().min(0).max(MAX_BLOB_BYTES),
});
export type BlobRef = z.infer<typeof blobRefSchema>;

/** The pull position: opaque to laptops (base64url of `{ epoch, seq }`). */
export interface Cursor {
  /** Changes when the server is restored from a backup: a laptop then resyncs from zero. */
  epoch: string;
  /** Per-office counter assigned inside the inserting transaction; serves in commit order. */
  seq: number;
}

export function encodeCursor(c: Cursor): string {
  const json = JSON.stringify({ epoch: c.epoch, seq: c.seq });
  const bytes = new TextEncoder().encode(json);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Null when the text is not a cursor this protocol wrote. */
export function decodeCursor(text: string): Cursor | null {
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
    const v = z.object({ epoch: z.string().min(1).max(100), seq: z.number().int().min(0) }).safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    return v.success ? v.data : null;
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------ requests and answers

/** GET /health → 200 when ready. */
export const healthSchema = z.object({ ok: z.literal(true), serverTime: z.string(), protocol: z.number().int() });

/**
 * POST /v1/enrol: a laptop already in the office's roster (enrolled by the 管理员 in
 * the app) trades a one-time code for a device token. `proof` is the device's
 * signature (shared/trust/keys.ts signValue) over `{ code, deviceId, officeId }`.
 */
export const enrolRequestSchema = z.object({
  officeId: z.string().min(1).max(100),
  code: z.string().min(6).max(100),
  deviceId: z.string().min(1).max(100),
  proof: z.string().max(200),
});
export const enrolResponseSchema = z.object({
  token: z.string().min(20).max(200),
  officeId: z.string(),
  officeName: z.string(),
  epoch: z.string(),
  serverTime: z.string(),
  /** The server's newest signed roster of the office (shared/trust/model.ts SignedRoster). */
  roster: z.unknown(),
});

/** GET /v1/roster → the newest roster; PUT /v1/roster { roster } stores a newer one signed by the office key (管理员's laptop). */
export const rosterPutSchema = z.object({ roster: z.unknown() });

/** POST /v1/push. Idempotent: an entry the server holds is accepted again, unchanged. */
export const pushRequestSchema = z.object({
  entries: z.array(wireEntrySchema).max(MAX_PUSH_ENTRIES),
  blobs: z.array(blobRefSchema).max(MAX_PUSH_ENTRIES * 4).default([]),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const REFUSAL_CODES = ['unknown-device', 'revoked-device', 'bad-signature', 'wrong-author', 'role', 'clock-ahead', 'invalid'] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export const pushResponseSchema = z.object({
  accepted: z.array(z.string()),
  /** Refused entries with why, in Chinese for a person (e.g. 修改记录的时间比服务器时间快 10 天，超出允许的 1 天). */
  refused: z.array(z.object({ id: z.string(), code: z.enum(REFUSAL_CODES), reason: z.string() })),
  /** Hashes of the pushed blob refs whose bytes the server lacks: upload them. */
  missingBlobs: z.array(sha256),
  cursor: z.string(),
  serverTime: z.string(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** GET /v1/pull?cursor=…&limit=… (no cursor: from the start). */
export const pullResponseSchema = z.object({
  entries: z.array(wireEntrySchema),
  blobs: z.array(blobRefSchema),
  cursor: z.string(),
  hasMore: z.boolean(),
  epoch: z.string(),
  serverTime: z.string(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** POST /v1/blobs/missing { hashes } → { missing }. */
export const blobsMissingRequestSchema = z.object({ hashes: z.array(sha256).max(10_000) });
export const blobsMissingResponseSchema = z.object({ missing: z.array(sha256), serverTime: z.string() });

/**
 * Uploads, resumable:
 * - GET  /v1/blobs/:sha256/upload → { received } (bytes of an interrupted upload kept so far; 0 when none);
 * - PUT  /v1/blobs/:sha256 with headers `Upload-Offset: <received>` and `Upload-Length: <size>`, body the bytes from that offset
 *   (application/octet-stream). When the file is complete the server checks its hash and answers 201; a wrong hash is 422 and the
 *   partial file is dropped. A file already held answers 200 at once.
 * Downloads: GET /v1/blobs/:sha256 (HTTP Range supported: 206 with Content-Range).
 */
export const uploadStatusSchema = z.object({ received: z.number().int().min(0), serverTime: z.string() });

/**
 * GET /v1/digest?from=YYYY-MM-DD&to=YYYY-MM-DD → per UTC day of the entries' HLC time, the number
 * of entries and `dayDigest` of their ids. A laptop compares with its own and pulls the days that differ again.
 */
export const digestResponseSchema = z.object({
  days: z.array(z.object({ day: z.string(), count: z.number().int(), digest: sha256 })),
  serverTime: z.string(),
});

/**
 * POST /v1/notice-numbers: the next number of an issuer's series in a year, atomic and never reused
 * (only a 组长's device may ask). The laptop then issues the notice with it as usual.
 */
export const noticeNumberRequestSchema = z.object({
  issuer: z.string().min(1).max(100),
  year: z.number().int().min(2000).max(2100),
  noticeId: z.string().min(1).max(200),
});
export const noticeNumberResponseSchema = z.object({ issuer: z.string(), year: z.number().int(), seq: z.number().int().positive(), serverTime: z.string() });

export const ERROR_CODES = [
  'bad-request',
  'unauthorized',
  'revoked-device',
  'forbidden-role',
  'not-found',
  'epoch-changed',
  'clock-skew',
  'payload-too-large',
  'hash-mismatch',
  'rate-limited',
  'server-full',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export const errorResponseSchema = z.object({ error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }), serverTime: z.string().optional() });

// ------------------------------------------------------------------ divergence digest

/** The UTC day (YYYY-MM-DD) of an entry's HLC time. */
export function entryDay(hlc: string): string {
  const ms = Number(hlc.slice(0, 13));
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * A day's digest: SHA-256 (hex) of the sorted entry ids joined by '\n'. Same on
 * server and laptop, so equal digests mean the same entries.
 */
export async function dayDigest(ids: readonly string[]): Promise<string> {
  const text = [...ids].sort().join('\n');
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
