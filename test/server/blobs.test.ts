import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BLOB_BYTES } from '../../shared/sync/server/protocol';
import { Api, enrol } from './support/client';
import { makeOffice, type TestOffice } from './support/office';
import { ENGINES, startServer, type TestServer } from './support/servers';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function put(api: Api, hash: string, bytes: Buffer, offset: number, length = bytes.length + offset) {
  return fetch(`${api.url}/v1/blobs/${hash}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/octet-stream', 'upload-offset': String(offset), 'upload-length': String(length) },
    body: bytes,
  });
}

async function download(api: Api, hash: string, range?: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const res = await fetch(`${api.url}/v1/blobs/${hash}`, { headers: { authorization: `Bearer ${api.token}`, ...(range ? { range } : {}) } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

/** Sends the first `sendBytes` of an upload of `total`, waits until the server has kept some, then cuts the connection. */
async function cutUpload(api: Api, hash: string, total: Buffer, sendBytes: number): Promise<void> {
  const req = request(`${api.url}/v1/blobs/${hash}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/octet-stream', 'upload-offset': '0', 'upload-length': String(total.length) },
  });
  req.on('error', () => {});
  req.write(total.subarray(0, sendBytes));
  for (;;) {
    const status = await api.call<{ received: number }>('GET', `/v1/blobs/${hash}/upload`);
    if (status.body.received > 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  req.destroy();
}

/** Resumes an upload from what the server holds, retrying while the cut connection is still being closed on the server. */
async function resume(api: Api, hash: string, bytes: Buffer): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { received } = (await api.call<{ received: number }>('GET', `/v1/blobs/${hash}/upload`)).body;
    const res = await put(api, hash, bytes.subarray(received), received, bytes.length);
    if (res.status === 201 || res.status === 200) return received;
    expect(res.status).toBe(409);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('upload never completed');
}

describe.each(ENGINES)('photo files on %s', (engine) => {
  let server: TestServer;
  let office: TestOffice;
  let api: Api;
  let other: Api;

  beforeAll(async () => {
    server = await startServer(engine);
    office = await makeOffice('office-blobs', { admin: { name: '王主任', role: 'admin' }, li: { name: '李华', role: 'inspector' } });
    await server.store.createOffice(office.signed);
    api = await enrol(server, office, office.laptops.li);
    other = await enrol(server, office, office.laptops.admin);
  });
  afterAll(() => server?.dispose());

  it('names the photos it lacks, takes one upload, and gives it back whole and by range', async () => {
    const photo = randomBytes(200_000);
    const hash = sha(photo);
    const ref = { id: 'p-1:processed', photoId: 'p-1', type: 'image/jpeg', sha256: hash, size: photo.length };
    const pushed = await api.push([], [ref]);
    expect(pushed.body.missingBlobs).toEqual([hash]);
    expect((await api.call('POST', '/v1/blobs/missing', { hashes: [hash] })).body.missing).toEqual([hash]);
    expect((await put(api, hash, photo, 0)).status).toBe(201);
    expect((await api.call('POST', '/v1/blobs/missing', { hashes: [hash] })).body.missing).toEqual([]);
    expect((await put(api, hash, photo, 0)).status).toBe(200);
    const whole = await download(other, hash);
    expect(whole.status).toBe(200);
    expect(sha(whole.bytes)).toBe(hash);
    const part = await download(other, hash, 'bytes=1000-1999');
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${photo.length}`);
    expect(part.bytes.equals(photo.subarray(1000, 2000))).toBe(true);
    const tail = await download(other, hash, 'bytes=-100');
    expect(tail.bytes.equals(photo.subarray(photo.length - 100))).toBe(true);
    expect((await download(other, hash, `bytes=${photo.length + 5}-`)).status).toBe(416);
    const pulled = await other.pull(undefined, 5000);
    expect(pulled.body.blobs).toEqual([ref]);
  });

  it('an upload cut off midway resumes from the bytes the server kept and ends with the right file', async () => {
    const photo = randomBytes(3 * 1024 * 1024);
    const hash = sha(photo);
    await cutUpload(api, hash, photo, 1024 * 1024);
    const from = await resume(api, hash, photo);
    expect(from).toBeGreaterThan(0);
    expect(from).toBeLessThanOrEqual(1024 * 1024);
    expect(sha((await download(other, hash)).bytes)).toBe(hash);
  });

  it('a download cut off midway continues with a Range request', async () => {
    const photo = randomBytes(2 * 1024 * 1024);
    const hash = sha(photo);
    expect((await put(api, hash, photo, 0)).status).toBe(201);
    const first = await new Promise<Buffer>((resolve, reject) => {
      const req = request(`${api.url}/v1/blobs/${hash}`, { headers: { authorization: `Bearer ${other.token}` } }, (res) => {
        res.once('data', (chunk: Buffer) => {
          req.destroy();
          resolve(chunk);
        });
      });
      req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' || e.message.includes('hang up') ? undefined : reject(e)));
      req.end();
    });
    expect(first.length).toBeLessThan(photo.length);
    const rest = await download(other, hash, `bytes=${first.length}-`);
    expect(rest.status).toBe(206);
    expect(sha(Buffer.concat([first, rest.bytes]))).toBe(hash);
  });

  it('a file whose bytes do not match its hash is refused and not kept; a file over the limit is refused before upload', async () => {
    const photo = randomBytes(10_000);
    const claimed = sha(randomBytes(10));
    const res = await put(api, claimed, photo, 0);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'hash-mismatch', message: expect.stringContaining('校验值不符') });
    expect((await api.call<{ received: number }>('GET', `/v1/blobs/${claimed}/upload`)).body.received).toBe(0);
    expect((await download(other, claimed)).status).toBe(404);
    const big = await fetch(`${api.url}/v1/blobs/${claimed}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/octet-stream', 'upload-offset': '0', 'upload-length': String(MAX_BLOB_BYTES + 1) },
      body: Buffer.alloc(10),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { message: string } }).error.message).toContain('超过服务器允许的');
  });

  it('keeps the files on disk under the office, not in the database', async () => {
    const photo = randomBytes(5000);
    const hash = sha(photo);
    await put(api, hash, photo, 0);
    const size = await server.blobs.size(office.officeId, hash);
    expect(size).toBe(5000);
    expect(server.blobs.path(office.officeId, hash)).toContain(`blobs/${office.officeId}/${hash.slice(0, 2)}/${hash}`);
  });
});
