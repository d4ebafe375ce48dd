import { z } from 'zod';
import { sha256Hex } from '../../util/sha256';
import {
  blobsMissingResponseSchema,
  digestResponseSchema,
  enrolResponseSchema,
  errorResponseSchema,
  healthSchema,
  MAX_BLOB_BYTES,
  MAX_PUSH_ENTRIES,
  noticeNumberResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
  uploadStatusSchema,
  type BlobRef,
  type ErrorCode,
  type PullResponse,
  type PushResponse,
  type WireEntry,
} from './protocol';

/**
 * The laptops' side of the office sync server's protocol (protocol.ts): plain
 * fetch, so the same code runs in the app (Chromium) and in Node. Every failure
 * becomes a ServerSyncError whose message a person can act on, in Chinese;
 * failures that may pass (no network, server busy) are retried with backoff.
 */

export type SyncFailure =
  | 'network'
  | 'certificate'
  | 'timeout'
  | 'unauthorized'
  | 'revoked'
  | 'forbidden'
  | 'clock'
  | 'server-full'
  | 'epoch-changed'
  | 'rate-limited'
  | 'too-large'
  | 'hash-mismatch'
  | 'not-found'
  | 'bad-request'
  | 'bad-response'
  | 'server';

export class ServerSyncError extends Error {
  constructor(
    readonly kind: SyncFailure,
    message: string,
    readonly status = 0,
  ) {
    super(message);
    this.name = 'ServerSyncError';
  }

  /** Whether trying again later may succeed without anyone changing anything. */
  get transient(): boolean {
    return ['network', 'timeout', 'rate-limited', 'server'].includes(this.kind);
  }
}

export interface RetryPolicy {
  /** Tries in all (1: no retry). */
  attempts: number;
  /** First wait; doubled after each failure, with jitter, up to maxMs. */
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseMs: 500, maxMs: 8000 };

export interface ClientOptions {
  /** e.g. http://192.168.1.10:8650 (see normalizeServerUrl). */
  baseUrl: string;
  token?: string;
  fetch?: typeof fetch;
  /** This laptop's wall clock (for the clock check against serverTime). */
  now?: () => number;
  retry?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
  /** Per request, for the answer's headers to arrive. */
  timeoutMs?: number;
}

const HOUR = 3_600_000;

/** How long, in words: 约 3 分钟, 约 25 小时, 约 10 天. */
export function durationText(ms: number): string {
  const a = Math.abs(ms);
  if (a < HOUR) return `约 ${Math.max(1, Math.round(a / 60_000))} 分钟`;
  if (a < 48 * HOUR) return `约 ${Math.round(a / HOUR)} 小时`;
  if (a < 730 * 24 * HOUR) return `约 ${Math.round(a / (24 * HOUR))} 天`;
  return `约 ${Math.round(a / (365.25 * 24 * HOUR))} 年`;
}

/** The clock message: which way and by how much this laptop's clock is off. */
export function clockMessage(skewMs: number, allowedMs: number): string {
  const way = skewMs > 0 ? '快' : '慢';
  return `本机时钟比服务器${way}${durationText(skewMs)}，超出允许的 ${durationText(allowedMs).replace('约 ', '')}：请把本机的日期和时间改正（设为自动同步时间）后再同步`;
}

/**
 * A server address as typed by a person (192.168.1.10:8650, https://sync.example.gov.cn/)
 * as a base URL without trailing slash; throws a Chinese message when it is not one.
 */
export function normalizeServerUrl(text: string): string {
  const raw = text.trim();
  if (!raw) throw new ServerSyncError('bad-request', '请填写同步服务器地址，如 http://192.168.1.10:8650');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ServerSyncError('bad-request', `「${raw}」不是有效的服务器地址，应为 http://192.168.1.10:8650 这样的形式`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ServerSyncError('bad-request', `服务器地址应以 http:// 或 https:// 开头（而不是 ${url.protocol}//）`);
  if (url.search || url.hash || url.username) throw new ServerSyncError('bad-request', `「${raw}」不是有效的服务器地址，应为 http://192.168.1.10:8650 这样的形式`);
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

const CERT_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|SSL|UNABLE_TO_GET_ISSUER/i;

function causeCode(e: unknown): string {
  const parts: string[] = [];
  let cur = e as { code?: unknown; cause?: unknown; message?: unknown } | undefined;
  for (let i = 0; cur && i < 4; i++) {
    if (typeof cur.code === 'string') parts.push(cur.code);
    if (typeof cur.message === 'string') parts.push(cur.message);
    cur = cur.cause as typeof cur;
  }
  return parts.join(' ');
}

/** A fetch that never reached an answer, in words. */
export function networkFailure(e: unknown, baseUrl: string): ServerSyncError {
  if (e instanceof ServerSyncError) return e;
  const code = causeCode(e);
  if (CERT_CODES.test(code)) {
    return new ServerSyncError('certificate', `服务器证书无效或不被本机信任（${baseUrl}）：请确认地址无误，并请管理员为本机安装办公室的证书，或检查证书是否已过期`);
  }
  if ((e as { name?: string } | null)?.name === 'TimeoutError' || /timeout|timed out/i.test(code)) {
    return new ServerSyncError('timeout', `同步服务器（${baseUrl}）长时间没有响应：网络可能很慢或服务器正忙，稍后会自动重试`);
  }
  const https = baseUrl.startsWith('https:');
  return new ServerSyncError(
    'network',
    `无法连接同步服务器（${baseUrl}）：请检查本机是否已接入办公室网络、服务器是否开启${https ? '；如果网络正常，可能是服务器证书不被本机信任' : ''}。恢复连接后会自动同步`,
  );
}

/** An error answer of the server, in words (its own Chinese message when it gave one). */
export function answerFailure(status: number, body: unknown, skewMs: number | null): ServerSyncError {
  const parsed = errorResponseSchema.safeParse(body);
  const code: ErrorCode | null = parsed.success ? parsed.data.error.code : null;
  const said = parsed.success ? parsed.data.error.message : '';
  const withSaid = (text: string) => (said && /[\u4e00-\u9fff]/.test(said) && !text.includes(said) ? `${text}（服务器说明：${said}）` : text);
  if (code === 'revoked-device') return new ServerSyncError('revoked', withSaid('本机已被管理员吊销，不能再与服务器同步；本机数据保留。如系误操作，请联系管理员重新加入'), status);
  if (code === 'clock-skew') {
    const text = skewMs !== null && Math.abs(skewMs) > 60_000 ? `本机时钟与服务器相差${durationText(skewMs)}（本机${skewMs > 0 ? '快' : '慢'}）` : '本机时钟与服务器相差太多';
    return new ServerSyncError('clock', withSaid(`${text}：请把本机的日期和时间改正后再同步`), status);
  }
  if (code === 'server-full' || status === 507) return new ServerSyncError('server-full', withSaid('同步服务器的存储空间已满，暂时不能上传：请联系管理员清理服务器磁盘。本机数据保留，稍后再同步'), status);
  if (code === 'epoch-changed') return new ServerSyncError('epoch-changed', withSaid('同步服务器已从备份恢复：本机将从头重新同步，本机数据不会丢失'), status);
  if (code === 'unauthorized' || status === 401) return new ServerSyncError('unauthorized', withSaid('服务器不认可本机的同步凭据（可能已过期或服务器已重置）：请向管理员索取新的一次性代码，重新加入'), status);
  if (code === 'forbidden-role' || status === 403) return new ServerSyncError('forbidden', withSaid('服务器拒绝了这项操作：本机人员没有相应的权限（如编号须由组长操作）'), status);
  if (code === 'rate-limited' || status === 429) return new ServerSyncError('rate-limited', withSaid('同步服务器暂时繁忙（请求过于频繁），稍后会自动重试'), status);
  if (code === 'payload-too-large' || status === 413) return new ServerSyncError('too-large', withSaid(`文件太大，服务器不接收（上限 ${MAX_BLOB_BYTES / 1024 / 1024} MB）`), status);
  if (code === 'hash-mismatch') return new ServerSyncError('hash-mismatch', withSaid('上传的照片文件与其校验值不符（传输中损坏），将重新上传'), status);
  if (code === 'not-found' || status === 404) return new ServerSyncError('not-found', withSaid('服务器上找不到所需的内容：请确认服务器地址无误、服务器版本与本软件相符'), status);
  if (code === 'bad-request' || (status >= 400 && status < 500)) return new ServerSyncError('bad-request', withSaid(`服务器不接受本机的请求（${status}）：请确认服务器版本与本软件相符`), status);
  return new ServerSyncError('server', withSaid(`同步服务器出错（${status}），稍后会自动重试；如一直出现，请联系管理员查看服务器日志`), status);
}

const rosterAnswer = z.object({ roster: z.unknown(), serverTime: z.string().optional() });

const badAnswer = (what: string) => new ServerSyncError('bad-response', `同步服务器的回答无法识别（${what}）：请确认地址指向的是本办公室的同步服务器，且版本与本软件相符`);

export interface PushProgress {
  done: number;
  total: number;
}

export interface PushAllResult {
  accepted: string[];
  refused: PushResponse['refused'];
  missingBlobs: string[];
  cursor: string | null;
}

export class SyncClient {
  readonly baseUrl: string;
  token: string | undefined;
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly timeoutMs: number;
  /** serverTime − this laptop's clock, from the newest answer (null before the first). */
  skewMs: number | null = null;

  constructor(options: ClientOptions) {
    this.baseUrl = normalizeServerUrl(options.baseUrl);
    this.token = options.token;
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.now = options.now ?? Date.now;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  // ---------------------------------------------------------------- plumbing

  private noteTime(serverTime: unknown): void {
    if (typeof serverTime !== 'string') return;
    const ms = Date.parse(serverTime);
    if (Number.isFinite(ms)) this.skewMs = this.now() - ms;
  }

  /** One HTTP exchange, retried on failures that may pass. */
  private async exchange(path: string, init: RequestInit & { auth?: boolean } = {}): Promise<Response> {
    const { auth = true, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (auth && this.token) headers.set('authorization', `Bearer ${this.token}`);
    let wait = this.retry.baseMs;
    for (let attempt = 1; ; attempt++) {
      let res: Response | null = null;
      let failure: ServerSyncError;
      try {
        const signal = typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(this.timeoutMs) : undefined;
        res = await this.fetchFn(`${this.baseUrl}${path}`, { ...rest, headers, signal: rest.signal ?? signal });
        if (res.ok) return res;
        const body = await res.json().catch(() => null);
        this.noteTime((body as { serverTime?: unknown } | null)?.serverTime ?? res.headers.get('date'));
        failure = answerFailure(res.status, body, this.skewMs);
      } catch (e) {
        failure = networkFailure(e, this.baseUrl);
      }
      if (!failure.transient || attempt >= this.retry.attempts) throw failure;
      const after = Number(res?.headers.get('retry-after'));
      const jitter = 0.5 + Math.random() / 2;
      await this.sleep(Number.isFinite(after) && after > 0 ? Math.min(after * 1000, this.retry.maxMs * 4) : Math.min(wait, this.retry.maxMs) * jitter);
      wait *= 2;
    }
  }

  private async json<S extends z.ZodTypeAny>(schema: S, path: string, init: RequestInit & { auth?: boolean } = {}, body?: unknown): Promise<z.infer<S>> {
    const headers = new Headers(init.headers);
    if (body !== undefined) headers.set('content-type', 'application/json');
    const res = await this.exchange(path, { ...init, headers, body: body === undefined ? init.body : JSON.stringify(body) });
    let value: unknown;
    try {
      value = await res.json();
    } catch {
      throw badAnswer(`${path} 不是 JSON`);
    }
    this.noteTime((value as { serverTime?: unknown } | null)?.serverTime);
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw badAnswer(path);
    return parsed.data;
  }

  /** Throws the clock message when this laptop's clock is off from the server's by more than allowedMs. */
  checkClock(allowedMs: number): void {
    if (this.skewMs !== null && Math.abs(this.skewMs) > allowedMs) throw new ServerSyncError('clock', clockMessage(this.skewMs, allowedMs));
  }

  // ---------------------------------------------------------------- endpoints

  health() {
    return this.json(healthSchema, '/health', { auth: false });
  }

  enrol(request: { officeId: string; code: string; deviceId: string; proof: string }) {
    return this.json(enrolResponseSchema, '/v1/enrol', { method: 'POST', auth: false }, request);
  }

  async roster(): Promise<unknown> {
    const r = await this.json(rosterAnswer, '/v1/roster');
    return r.roster;
  }

  async putRoster(roster: unknown): Promise<void> {
    await this.exchange('/v1/roster', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ roster }) });
  }

  push(entries: WireEntry[], blobs: BlobRef[] = []): Promise<PushResponse> {
    return this.json(pushResponseSchema, '/v1/push', { method: 'POST' }, { entries, blobs });
  }

  /** Pushes any number of entries in batches (idempotent: a batch sent twice is harmless); blob refs go with the last batch. */
  async pushAll(entries: WireEntry[], blobs: BlobRef[] = [], onProgress?: (p: PushProgress) => void, onBatch?: (r: PushResponse, batch: WireEntry[]) => Promise<void>): Promise<PushAllResult> {
    const out: PushAllResult = { accepted: [], refused: [], missingBlobs: [], cursor: null };
    const BLOB_BATCH = MAX_PUSH_ENTRIES * 4;
    const batches = Math.max(Math.ceil(entries.length / MAX_PUSH_ENTRIES), Math.ceil(blobs.length / BLOB_BATCH), 1);
    for (let i = 0; i < batches; i++) {
      const batch = entries.slice(i * MAX_PUSH_ENTRIES, (i + 1) * MAX_PUSH_ENTRIES);
      const refs = blobs.slice(i * BLOB_BATCH, (i + 1) * BLOB_BATCH);
      if (!batch.length && !refs.length && entries.length + blobs.length > 0) continue;
      const r = await this.push(batch, refs);
      out.accepted.push(...r.accepted);
      out.refused.push(...r.refused);
      out.missingBlobs.push(...r.missingBlobs);
      out.cursor = r.cursor;
      await onBatch?.(r, batch);
      onProgress?.({ done: Math.min(entries.length, (i + 1) * MAX_PUSH_ENTRIES), total: entries.length });
    }
    return out;
  }

  pull(cursor: string | null, limit?: number): Promise<PullResponse> {
    const q = new URLSearchParams();
    if (cursor) q.set('cursor', cursor);
    if (limit) q.set('limit', String(limit));
    const qs = q.toString();
    return this.json(pullResponseSchema, `/v1/pull${qs ? `?${qs}` : ''}`);
  }

  async blobsMissing(hashes: string[]): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < hashes.length; i += 10_000) {
      const r = await this.json(blobsMissingResponseSchema, '/v1/blobs/missing', { method: 'POST' }, { hashes: hashes.slice(i, i + 10_000) });
      out.push(...r.missing);
    }
    return out;
  }

  async uploadStatus(sha256: string): Promise<number> {
    return (await this.json(uploadStatusSchema, `/v1/blobs/${sha256}/upload`)).received;
  }

  /**
   * Uploads a file by hash, resuming where an interrupted upload stopped: asks what
   * the server kept, sends the rest. A dropped connection is retried from the new offset.
   */
  async uploadBlob(sha256: string, bytes: Uint8Array, onProgress?: (sent: number, total: number) => void): Promise<void> {
    if (bytes.byteLength > MAX_BLOB_BYTES) throw new ServerSyncError('too-large', `照片文件太大（${Math.round(bytes.byteLength / 1024 / 1024)} MB），服务器不接收（上限 ${MAX_BLOB_BYTES / 1024 / 1024} MB）`);
    let lastError: ServerSyncError | null = null;
    for (let attempt = 1; attempt <= this.retry.attempts; attempt++) {
      const received = await this.uploadStatus(sha256);
      const from = Math.min(received, bytes.byteLength);
      onProgress?.(from, bytes.byteLength);
      try {
        const res = await this.exchange(`/v1/blobs/${sha256}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/octet-stream', 'upload-offset': String(from), 'upload-length': String(bytes.byteLength) },
          body: bytes.slice(from) as BodyInit,
        });
        await res.body?.cancel().catch(() => undefined);
        onProgress?.(bytes.byteLength, bytes.byteLength);
        return;
      } catch (e) {
        lastError = e instanceof ServerSyncError ? e : networkFailure(e, this.baseUrl);
        // A wrong hash drops the partial file on the server: sending again from 0 is the fix.
        if (!lastError.transient && lastError.kind !== 'hash-mismatch' && lastError.status !== 409) throw lastError;
      }
    }
    throw lastError!;
  }

  /** Downloads a file by hash, resuming with HTTP Range after a dropped connection; the hash is checked. */
  async downloadBlob(sha256: string, expectedSize?: number): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    let received = 0;
    let total = expectedSize ?? -1;
    let lastError: ServerSyncError | null = null;
    for (let attempt = 1; attempt <= this.retry.attempts + 2; attempt++) {
      try {
        const res = await this.exchange(`/v1/blobs/${sha256}`, { headers: received ? { range: `bytes=${received}-` } : {} });
        if (received && res.status !== 206) {
          // The server sent the whole file again: start over.
          chunks.length = 0;
          received = 0;
        }
        const range = res.headers.get('content-range');
        const m = range?.match(/\/(\d+)$/);
        if (m) total = Number(m[1]);
        else if (!received && res.headers.get('content-length')) total = Number(res.headers.get('content-length'));
        const reader = res.body!.getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          chunks.push(value);
          received += value.byteLength;
        }
        if (total < 0 || received >= total) break;
      } catch (e) {
        lastError = e instanceof ServerSyncError ? e : networkFailure(e, this.baseUrl);
        if (!lastError.transient) throw lastError;
        await this.sleep(this.retry.baseMs);
      }
      if (attempt === this.retry.attempts + 2) throw lastError ?? networkFailure(new Error('download incomplete'), this.baseUrl);
    }
    const bytes = new Uint8Array(received);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.byteLength;
    }
    if ((await sha256Hex(bytes)) !== sha256) throw new ServerSyncError('hash-mismatch', '从服务器下载的照片文件与其校验值不符（传输中损坏或服务器上的文件已损坏），未保存；下次同步时重新下载');
    return bytes;
  }

  digest(from: string, to: string) {
    return this.json(digestResponseSchema, `/v1/digest?from=${from}&to=${to}`);
  }

  noticeNumber(request: { issuer: string; year: number; noticeId: string }) {
    return this.json(noticeNumberResponseSchema, '/v1/notice-numbers', { method: 'POST' }, request);
  }
}
