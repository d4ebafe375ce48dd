import { describe, expect, it } from 'vitest';
import { memorySink, memorySource, readAll } from '../../../shared/backup/byteStreams';
import {
  FIXED_HEADER_BYTES,
  MIN_CHUNK_BYTES,
  PBKDF2_ITERATIONS,
  SealError,
  generateDataKey,
  openSealed,
  readSealHeader,
  sealSink,
  unsealIfSealed,
  type Keyring,
  type Recipient,
} from '../../../shared/crypto/envelope';

const CHUNK = MIN_CHUNK_BYTES; // small chunks: many of them in a small file

function pattern(n: number, seed = 7): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

async function seal(plain: Uint8Array, recipients: Recipient[], writes = 3): Promise<Uint8Array> {
  const sink = memorySink('x');
  const sealed = await sealSink(sink, 'backup', recipients, { chunkBytes: CHUNK });
  const step = Math.max(1, Math.ceil(plain.byteLength / writes));
  for (let at = 0; at < plain.byteLength; at += step) await sealed.write(plain.subarray(at, at + step));
  await sealed.close();
  return sink.bytes();
}

async function open(file: Uint8Array, keyring: Keyring): Promise<Uint8Array> {
  const opened = await openSealed(memorySource(file), keyring, 'backup');
  return readAll(opened.source);
}

async function refusal(p: Promise<unknown>): Promise<SealError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SealError);
  return e as SealError;
}

describe('sealed envelope', () => {
  it('round-trips files of every awkward size, and the ciphertext does not contain the plaintext', async () => {
    const key = await generateDataKey();
    const ring = { devices: [{ keyId: 'k1', key }] };
    for (const n of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17]) {
      const plain = pattern(n, n + 1);
      const file = await seal(plain, [{ type: 'device', keyId: 'k1', key }]);
      expect(await open(file, ring)).toEqual(plain);
      if (n >= 64) {
        const probe = Buffer.from(plain.subarray(0, 32)).toString('hex');
        expect(Buffer.from(file).toString('hex')).not.toContain(probe);
      }
    }
  });

  it('reads any range without reading the whole file', async () => {
    const key = await generateDataKey();
    const plain = pattern(10 * CHUNK + 123);
    const file = await seal(plain, [{ type: 'device', keyId: 'k1', key }]);
    const src = memorySource(file);
    const opened = await openSealed(src, { devices: [{ keyId: 'k1', key }] });
    expect(opened.source.size).toBe(plain.byteLength);
    const before = src.bytesRead;
    expect(await opened.source.read(5 * CHUNK - 10, 20)).toEqual(plain.subarray(5 * CHUNK - 10, 5 * CHUNK + 10));
    expect(src.bytesRead - before).toBeLessThanOrEqual(2 * (CHUNK + 16));
    expect(await opened.source.read(plain.byteLength - 5, 100)).toEqual(plain.subarray(plain.byteLength - 5));
  });

  it('refuses a flipped bit anywhere: header, key slot, first chunk, a middle chunk, the last chunk', async () => {
    const key = await generateDataKey();
    const ring = { devices: [{ keyId: 'k1', key }] };
    const plain = pattern(4 * CHUNK + 99);
    const file = await seal(plain, [{ type: 'device', keyId: 'k1', key }]);
    const header = (await readSealHeader(memorySource(file))).raw.byteLength;
    const positions = [9, 12, 15, 20, header - 5, header + 3, header + CHUNK + 16 + 100, header + 2 * (CHUNK + 16) - 1, file.byteLength - 20, file.byteLength - 1];
    for (const at of positions) {
      for (const bit of [0, 7]) {
        const bad = file.slice();
        bad[at] ^= 1 << bit;
        const e = await refusal(open(bad, ring));
        expect(e.message).toMatch(/已损坏|不正确|无法打开|更新版本/);
      }
    }
  });

  it('refuses a file cut short, at a chunk boundary or inside a chunk, and chunks swapped', async () => {
    const key = await generateDataKey();
    const ring = { devices: [{ keyId: 'k1', key }] };
    const file = await seal(pattern(3 * CHUNK + 5), [{ type: 'device', keyId: 'k1', key }]);
    const header = (await readSealHeader(memorySource(file))).raw.byteLength;
    const stride = CHUNK + 16;
    for (const cut of [header + 2 * stride, header + stride, header + stride + 100, file.byteLength - 1, header + 3]) {
      const e = await refusal(open(file.slice(0, cut), ring));
      expect(e.code).toBe('damaged');
    }
    const swapped = file.slice();
    swapped.set(file.subarray(header, header + stride), header + stride);
    swapped.set(file.subarray(header + stride, header + 2 * stride), header);
    await expect(open(swapped, ring)).rejects.toThrow(/第 1 块校验失败/);
  });

  it('refuses the wrong key and a laptop that holds no key for the file, in Chinese', async () => {
    const key = await generateDataKey();
    const other = await generateDataKey();
    const file = await seal(pattern(100), [{ type: 'device', keyId: 'k1', key }]);
    expect((await refusal(open(file, { devices: [{ keyId: 'k1', key: other }] }))).code).toBe('damaged');
    const none = await refusal(open(file, { devices: [{ keyId: 'k2', key: other }] }));
    expect(none.message).toBe('该备份文件由另一台电脑加密，且未设置密码，本机无法打开');
    const office = await seal(pattern(100), [{ type: 'office', officeId: 'o1', officeName: '盘锦市政务公开办公室', key }]);
    expect((await refusal(open(office, {}))).message).toContain('盘锦市政务公开办公室');
    expect(await open(office, { offices: [{ officeId: 'o1', key }] })).toEqual(pattern(100));
  });

  it('opens with a passphrase (PBKDF2-SHA256, at least 600,000 iterations) and refuses a wrong one', async () => {
    const key = await generateDataKey();
    const plain = pattern(2 * CHUNK + 1);
    const file = await seal(plain, [
      { type: 'device', keyId: 'k1', key },
      { type: 'passphrase', passphrase: '盘锦检查组2026' },
    ]);
    const header = await readSealHeader(memorySource(file));
    const slot = header.slots.find((s) => s.type === 'passphrase');
    expect(slot && slot.type === 'passphrase' && slot.iterations).toBeGreaterThanOrEqual(PBKDF2_ITERATIONS);
    expect((await refusal(open(file, {}))).code).toBe('needs-passphrase');
    const wrong = await refusal(open(file, { passphrase: '盘锦检查组2025' }));
    expect(wrong.message).toMatch(/^密码不正确/);
    expect(await open(file, { passphrase: '盘锦检查组2026' })).toEqual(plain);
    expect(await open(file, { devices: [{ keyId: 'k1', key }] })).toEqual(plain);
  });

  it('refuses a passphrase too short to protect a file', async () => {
    await expect(seal(pattern(10), [{ type: 'passphrase', passphrase: '1234' }])).rejects.toThrow('密码至少 8 位');
  });

  it('passes a plain archive through, saying it was not encrypted', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 3, 4, ...pattern(100)]);
    const r = await unsealIfSealed(memorySource(zip), {}, 'backup');
    expect(r.encrypted).toBe(false);
    expect(await readAll(r.source)).toEqual(zip);
  });

  it('tells a sealed bundle from a sealed backup', async () => {
    const key = await generateDataKey();
    const sink = memorySink();
    const s = await sealSink(sink, 'sync', [{ type: 'device', keyId: 'k1', key }]);
    await s.write(pattern(10));
    await s.close();
    const e = await refusal(openSealed(memorySource(sink.bytes()), { devices: [{ keyId: 'k1', key }] }, 'backup'));
    expect(e.message).toContain('这是同步数据包');
    expect(sink.bytes().byteLength).toBeGreaterThan(FIXED_HEADER_BYTES);
  });
});
