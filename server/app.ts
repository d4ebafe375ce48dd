import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  blobsMissingRequestSchema,
  DEFAULT_PORT,
  enrolRequestSchema,
  MAX_PULL_LIMIT,
  noticeNumberRequestSchema,
  PROTOCOL_VERSION,
  pushRequestSchema,
  rosterPutSchema,
} from '../shared/sync/server/protocol';
import { BlobFiles } from './blobs';
import { openPglite, openPostgres, type Db } from './db';
import { ServerError } from './errors';
import { Store, type Session } from './store';

export interface ServerOptions {
  /** Photo files, the embedded database (DATA_DIR/db) and partial uploads live here. */
  dataDir: string;
  /** postgres://… to use a PostgreSQL server instead of the embedded engine. */
  databaseUrl?: string;
  host?: string;
  /** 0 picks a free port (tests). */
  port?: number;
  /** The server's clock (tests move it). */
  now?: () => number;
  /** JSON logs (pino) on stdout. */
  logger?: boolean;
  /** Requests per minute per device token (or per address without one); false turns the limits off (load tests). */
  rateLimit?: { perMinute: number; enrolPerMinute: number } | false;
}

export interface RunningServer {
  url: string;
  store: Store;
  blobs: BlobFiles;
  close(): Promise<void>;
}

/** The embedded database's folder inside DATA_DIR. */
export const EMBEDDED_DB_DIR = 'db';
/** Written while a server runs on the embedded database: admin commands refuse to open it meanwhile. */
export const LOCK_FILE = 'server.lock';

/** Opens the database the options name (PGlite in DATA_DIR/db, or PostgreSQL) and runs the migrations. */
export async function openStore(opts: Pick<ServerOptions, 'dataDir' | 'databaseUrl' | 'now'>): Promise<Store> {
  let db: Db;
  if (opts.databaseUrl) db = await openPostgres(opts.databaseUrl);
  else {
    await mkdir(opts.dataDir, { recursive: true });
    db = await openPglite(join(opts.dataDir, EMBEDDED_DB_DIR));
  }
  try {
    return await Store.open(db, opts.now);
  } catch (e) {
    await db.close();
    throw e;
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
  }
}

/**
 * The office sync server (docs/sync-server.md): opens the store, runs the migrations,
 * listens, and resolves once it answers. In-process use, e.g. in a test:
 *
 *     const server = await createServer({ dataDir: tmp, port: 0 });
 *     await server.store.createOffice(signedRoster);            // the 管理员's exported roster
 *     const { code } = await server.store.makeEnrolCode(officeId, deviceId);
 *     // … the laptop POSTs `${server.url}/v1/enrol` with the code …
 *     await server.close();
 *
 * `databaseUrl` switches from the embedded PGlite (DATA_DIR/db) to PostgreSQL.
 */
export async function createServer(opts: ServerOptions): Promise<RunningServer> {
  const now = opts.now ?? Date.now;
  const lockPath = join(opts.dataDir, LOCK_FILE);
  if (!opts.databaseUrl && existsSync(lockPath)) {
    const pid = Number((await import('node:fs')).readFileSync(lockPath, 'utf8').trim());
    if (pid && pid !== process.pid && processAlive(pid)) throw new Error(`另一个服务器进程（${pid}）正在使用数据目录 ${opts.dataDir} / another server process is using this data folder`);
  }
  const store = await openStore(opts);
  if (!opts.databaseUrl) await writeFile(lockPath, String(process.pid));
  const blobs = new BlobFiles(opts.dataDir);
  const serverTime = () => new Date(now()).toISOString();

  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 64 * 1024 * 1024, forceCloseConnections: true });
  app.decorateRequest('session', null);
  // Photo uploads are streamed to disk by the route, not buffered.
  app.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload));

  // The app calls the server from its own origin (app:// on desktop, the web build's host in a browser).
  // Every request is authorised by its bearer token, never by a cookie, so any origin may ask.
  await app.register(cors, {
    origin: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', 'upload-offset', 'upload-length', 'range'],
    exposedHeaders: ['content-range', 'content-length', 'retry-after'],
    maxAge: 600,
  });

  const limits = opts.rateLimit === undefined ? { perMinute: 1200, enrolPerMinute: 20 } : opts.rateLimit;
  if (limits) {
    await app.register(rateLimit, {
      global: true,
      max: limits.perMinute,
      timeWindow: 60_000,
      keyGenerator: (req) => (typeof req.headers.authorization === 'string' ? req.headers.authorization : req.ip),
      errorResponseBuilder: (_req, ctx) => ({
        statusCode: 429,
        error: { code: 'rate-limited', message: `请求过于频繁，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试` },
        serverTime: serverTime(),
      }),
    });
  }

  app.setErrorHandler((err: unknown, req, reply) => {
    const e = err as { statusCode?: number; code?: string; error?: { code: string; message: string }; message?: string };
    if (e.error?.code === 'rate-limited') return reply.code(429).send({ error: e.error, serverTime: serverTime() });
    if (err instanceof ServerError) return reply.code(err.status).send({ error: { code: err.code, message: err.message }, ...err.extra, serverTime: serverTime() });
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ error: { code: 'payload-too-large', message: '一次上传的数据过多，请分批同步' }, serverTime: serverTime() });
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return reply.code(e.statusCode).send({ error: { code: 'bad-request', message: `请求格式不正确：${e.message ?? ''}` }, serverTime: serverTime() });
    }
    req.log.error({ err }, 'request failed');
    return reply.code(500).send({ error: { code: 'internal', message: '服务器内部错误，请稍后重试；如反复出现请联系管理员' }, serverTime: serverTime() });
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ error: { code: 'not-found', message: '服务器没有这个地址，请检查服务器地址是否正确' }, serverTime: serverTime() }));

  const parse = <S extends z.ZodType>(schema: S, value: unknown): z.infer<S> => {
    const r = schema.safeParse(value);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new ServerError(400, 'bad-request', `请求格式不正确：${issue.path.map(String).join('.') || '内容'} ${issue.message}`);
    }
    return r.data;
  };
  const session = (req: FastifyRequest): Session => req.session!;
  const ok = <T extends object>(body: T) => ({ ...body, serverTime: serverTime() });

  const authenticate = async (req: FastifyRequest) => {
    const header = req.headers.authorization;
    const m = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!m) throw new ServerError(401, 'unauthorized', '这台电脑尚未注册到服务器，请先用管理员给的注册码注册');
    req.session = await store.authenticate(m[1]);
  };

  app.get('/health', { config: { rateLimit: false } }, async () => ({ ok: true, serverTime: serverTime(), protocol: PROTOCOL_VERSION }));

  await app.register(async (v1) => {
    v1.addHook('onRequest', async (req) => {
      if (req.routeOptions.url !== '/v1/enrol') await authenticate(req);
    });

    v1.post('/v1/enrol', { config: limits ? { rateLimit: { max: limits.enrolPerMinute, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => req.ip } } : {} }, async (req) => {
      const body = parse(enrolRequestSchema, req.body);
      const out = await store.enrol(body);
      return ok({ token: out.token, officeId: body.officeId, officeName: out.officeName, epoch: out.epoch, roster: out.roster });
    });

    v1.get('/v1/status', async (req) => {
      const s = session(req);
      const st = await store.status(s.officeId);
      return ok({ officeId: s.officeId, officeName: st.officeName, deviceId: s.deviceId, member: s.member.name, role: s.member.role, epoch: st.epoch, lastSeq: st.lastSeq, rosterVersion: st.rosterVersion });
    });

    v1.get('/v1/roster', async (req) => ok({ roster: await store.roster(session(req).officeId) }));
    v1.put('/v1/roster', async (req) => {
      const s = session(req);
      const body = parse(rosterPutSchema, req.body);
      const out = await store.putRoster(s.officeId, body.roster, s.deviceId);
      return ok({ version: out.version, changed: out.changed });
    });

    v1.post('/v1/enrol-codes', async (req) => {
      const s = session(req);
      if (s.member.role !== 'admin') throw new ServerError(403, 'forbidden-role', '只有管理员可以生成注册码');
      const body = parse(enrolRequestSchema.pick({ deviceId: true }), req.body);
      const out = await store.makeEnrolCode(s.officeId, body.deviceId, undefined, s.deviceId);
      return ok({ code: out.code, expiresAt: out.expiresAt });
    });

    v1.post('/v1/push', async (req) => {
      const body = parse(pushRequestSchema, req.body);
      const { stored: _stored, ...out } = await store.push(session(req), body);
      return out;
    });

    v1.get('/v1/pull', async (req) => {
      const q = req.query as { cursor?: string; limit?: string };
      const limit = q.limit === undefined ? undefined : Number(q.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > MAX_PULL_LIMIT)) throw new ServerError(400, 'bad-request', `每页条数须为 1 到 ${MAX_PULL_LIMIT} 之间的整数`);
      return ok(await store.pull(session(req), q.cursor || undefined, limit));
    });

    v1.get('/v1/digest', async (req) => {
      const q = req.query as { from?: string; to?: string };
      const day = /^\d{4}-\d{2}-\d{2}$/;
      if (!q.from || !q.to || !day.test(q.from) || !day.test(q.to)) throw new ServerError(400, 'bad-request', '请给出起止日期（YYYY-MM-DD）');
      return ok({ days: await store.digest(session(req).officeId, q.from, q.to) });
    });

    v1.post('/v1/notice-numbers', async (req) => {
      const body = parse(noticeNumberRequestSchema, req.body);
      const seq = await store.noticeNumber(session(req), body.issuer, body.year, body.noticeId);
      return ok({ issuer: body.issuer, year: body.year, seq });
    });

    // ---------------------------------------------------------------- blobs
    v1.post('/v1/blobs/missing', async (req) => {
      const body = parse(blobsMissingRequestSchema, req.body);
      const held = await store.heldBlobs(session(req).officeId, body.hashes);
      return ok({ missing: [...new Set(body.hashes)].filter((h) => !held.has(h)) });
    });

    const hashParam = (req: FastifyRequest) => {
      const sha = (req.params as { sha256: string }).sha256;
      if (!/^[0-9a-f]{64}$/.test(sha)) throw new ServerError(400, 'bad-request', '照片文件的校验值格式不正确');
      return sha;
    };

    v1.get('/v1/blobs/:sha256/upload', async (req) => {
      const s = session(req);
      const sha = hashParam(req);
      const held = await store.heldBlobs(s.officeId, [sha]);
      const size = held.has(sha) ? await blobs.size(s.officeId, sha) : null;
      return ok({ received: size ?? (await blobs.received(s.officeId, sha)) });
    });

    v1.put('/v1/blobs/:sha256', async (req, reply) => {
      const s = session(req);
      const sha = hashParam(req);
      const body = req.body as Readable | undefined;
      if ((await store.heldBlobs(s.officeId, [sha])).has(sha)) {
        body?.resume();
        return reply.code(200).send(ok({ received: (await blobs.size(s.officeId, sha)) ?? 0 }));
      }
      if (!body || typeof (body as Readable).pipe !== 'function') throw new ServerError(415, 'bad-request', '照片文件须以 application/octet-stream 上传');
      const offset = Number(req.headers['upload-offset'] ?? 0);
      const length = Number(req.headers['upload-length']);
      if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(length) || length < 0 || offset > length) {
        throw new ServerError(400, 'bad-request', '上传须给出 Upload-Offset 与 Upload-Length（字节数）');
      }
      const out = await blobs.receive(s.officeId, sha, offset, length, body);
      if (out.state === 'partial') return reply.code(409).send({ error: { code: 'bad-request', message: `照片文件未传完：已收到 ${out.received} / ${length} 字节，请从该位置继续上传` }, received: out.received, serverTime: serverTime() });
      await store.recordBlob(s, sha, length);
      return reply.code(201).send(ok({ received: length }));
    });

    v1.get('/v1/blobs/:sha256', async (req, reply) => {
      const s = session(req);
      const sha = hashParam(req);
      const size = (await store.heldBlobs(s.officeId, [sha])).has(sha) ? await blobs.size(s.officeId, sha) : null;
      if (size === null) throw new ServerError(404, 'not-found', '服务器上没有这个照片文件');
      reply.header('Accept-Ranges', 'bytes');
      const range = req.headers.range;
      if (typeof range === 'string') {
        const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
        let start = m && m[1] !== '' ? Number(m[1]) : NaN;
        let end = m && m[2] !== '' ? Number(m[2]) : size - 1;
        if (m && m[1] === '' && m[2] !== '') {
          start = Math.max(0, size - Number(m[2]));
          end = size - 1;
        }
        end = Math.min(end, size - 1);
        if (!m || Number.isNaN(start) || start > end || start >= size) {
          return reply.code(416).header('Content-Range', `bytes */${size}`).type('application/json; charset=utf-8').send({ error: { code: 'bad-request', message: '请求的范围超出照片文件' }, serverTime: serverTime() });
        }
        return reply.code(206).type('application/octet-stream').header('Content-Range', `bytes ${start}-${end}/${size}`).header('Content-Length', end - start + 1).send(blobs.read(s.officeId, sha, { start, end }));
      }
      return reply.type('application/octet-stream').header('Content-Length', size).send(blobs.read(s.officeId, sha));
    });
  });

  try {
    await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? DEFAULT_PORT });
  } catch (e) {
    await store.close();
    if (!opts.databaseUrl) await rm(lockPath, { force: true });
    throw e;
  }
  const addr = app.server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  let closed: Promise<void> | null = null;
  return {
    url: `http://${host}:${addr.port}`,
    store,
    blobs,
    close: () =>
      (closed ??= (async () => {
        await app.close();
        await store.close();
        if (!opts.databaseUrl) await rm(lockPath, { force: true });
      })()),
  };
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

