import { MAX_CHUNK_BYTES, type ByteSink, type ByteSource } from '../backup/byteStreams';

/**
 * The sealed envelope around the app's archives (docs/crypto-format.md has the
 * layout byte by byte). A random 256-bit content key encrypts the archive in
 * fixed-size chunks with AES-256-GCM; each chunk has its own tag and a nonce
 * made of a random per-file prefix, the chunk index and a last-chunk flag, and
 * every chunk authenticates the whole header. So a chunk cannot be changed,
 * moved, dropped or cut off without the file being refused, and any range can
 * be read without decrypting what comes before it (a zip reader starts at the
 * end). The content key is wrapped once per way of opening the file: the
 * laptop's own key, the office's data key, or a passphrase (PBKDF2-SHA256).
 */

export const SEAL_MAGIC = new Uint8Array([0x5a, 0x57, 0x47, 0x4b, 0x53, 0x45, 0x41, 0x4c]); // "ZWGKSEAL"
export const SEAL_VERSION = 1;
export const DEFAULT_CHUNK_BYTES = 1024 * 1024;
export const MIN_CHUNK_BYTES = 4 * 1024;
export const MAX_SEAL_CHUNK_BYTES = 4 * 1024 * 1024;
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. Files asking for fewer are refused. */
export const PBKDF2_ITERATIONS = 600_000;
const MAX_PBKDF2_ITERATIONS = 10_000_000;
const TAG_BYTES = 16;
const PREFIX_BYTES = 7;
/** magic 8 + version 1 + kind 1 + chunk size 4 + nonce prefix 7 + reserved 1 + slot block length 4 */
export const FIXED_HEADER_BYTES = 26;
const MAX_SLOT_BLOCK = 64 * 1024;
const MAX_SLOTS = 16;
const KIND_CODE = { backup: 1, sync: 2 } as const;
export type SealKind = keyof typeof KIND_CODE;

export type KeySlot =
  | { type: 'device'; keyId: string; iv: string; wrapped: string }
  | { type: 'office'; officeId: string; officeName: string; iv: string; wrapped: string }
  | { type: 'passphrase'; kdf: 'PBKDF2-SHA256'; iterations: number; salt: string; iv: string; wrapped: string };

/** Who can open a file being sealed. Keys are AES-GCM keys with encrypt/decrypt usages. */
export type Recipient =
  | { type: 'device'; keyId: string; key: CryptoKey }
  | { type: 'office'; officeId: string; officeName: string; key: CryptoKey }
  | { type: 'passphrase'; passphrase: string; iterations?: number };

/** What the reader holds to open a sealed file. */
export interface Keyring {
  devices?: { keyId: string; key: CryptoKey }[];
  offices?: { officeId: string; key: CryptoKey }[];
  passphrase?: string;
}

export interface SealHeader {
  version: number;
  kind: SealKind;
  chunkBytes: number;
  prefix: Uint8Array;
  slots: KeySlot[];
  /** The header as stored: every chunk's additional authenticated data. */
  raw: Uint8Array;
}

export type SealErrorCode = 'damaged' | 'needs-passphrase' | 'wrong-passphrase' | 'no-key' | 'newer' | 'wrong-kind' | 'weak-passphrase';

const WHAT: Record<SealKind, string> = { backup: '备份文件', sync: '同步数据包' };

/** A sealed file that cannot be opened; the message is for the user. */
export class SealError extends Error {
  override readonly name = 'SealError';
  constructor(
    readonly code: SealErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const damaged = (what: string, detail: string) => new SealError('damaged', `${what}已损坏或被改动（${detail}），已拒绝打开，未写入任何数据`);

// ------------------------------------------------------------------ helpers

const subtle = () => globalThis.crypto.subtle;
const random = (n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n));
const buf = (b: Uint8Array) => b as Uint8Array<ArrayBuffer>;

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function chunkNonce(prefix: Uint8Array, index: number, last: boolean): Uint8Array {
  const nonce = new Uint8Array(12);
  nonce.set(prefix, 0);
  new DataView(nonce.buffer).setUint32(PREFIX_BYTES, index);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

/** A new AES-256-GCM key (non-extractable) for the laptop or the tests. */
export async function generateDataKey(extractable = false): Promise<CryptoKey> {
  return subtle().generateKey({ name: 'AES-GCM', length: 256 }, extractable, ['encrypt', 'decrypt']);
}

/** PBKDF2-SHA256 → AES-256-GCM wrapping key. */
export async function passphraseKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const base = await subtle().importKey('raw', buf(new TextEncoder().encode(passphrase.normalize('NFC'))), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: buf(salt), iterations }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** The shortest passphrase accepted for a file (typed by a person, PBKDF2-stretched). */
export const MIN_PASSPHRASE_LENGTH = 8;

export function passphraseProblem(passphrase: string): string | null {
  if (passphrase.trim().length < MIN_PASSPHRASE_LENGTH) return `密码至少 ${MIN_PASSPHRASE_LENGTH} 位`;
  return null;
}

// ------------------------------------------------------------------ header

function encodeHeader(kind: SealKind, chunkBytes: number, prefix: Uint8Array, slots: KeySlot[]): Uint8Array {
  const block = new TextEncoder().encode(JSON.stringify({ slots }));
  const out = new Uint8Array(FIXED_HEADER_BYTES + block.byteLength);
  const view = new DataView(out.buffer);
  out.set(SEAL_MAGIC, 0);
  out[8] = SEAL_VERSION;
  out[9] = KIND_CODE[kind];
  view.setUint32(10, chunkBytes);
  out.set(prefix, 14);
  out[21] = 0;
  view.setUint32(22, block.byteLength);
  out.set(block, FIXED_HEADER_BYTES);
  return out;
}

/** The first bytes of a sealed file (anything else is a plain archive or a foreign file). */
export function isSealed(head: Uint8Array): boolean {
  return head.byteLength >= SEAL_MAGIC.byteLength && SEAL_MAGIC.every((b, i) => head[i] === b);
}

const str = (x: unknown, max = 200): x is string => typeof x === 'string' && x.length > 0 && x.length <= max;
const b64 = (x: unknown, bytes: number): boolean => {
  if (typeof x !== 'string' || x.length > 200) return false;
  try {
    return fromBase64(x).byteLength === bytes;
  } catch {
    return false;
  }
};

function validSlot(s: unknown): s is KeySlot {
  if (!s || typeof s !== 'object') return false;
  const o = s as Record<string, unknown>;
  if (!b64(o.iv, 12) || !b64(o.wrapped, 32 + TAG_BYTES)) return false;
  if (o.type === 'device') return str(o.keyId);
  if (o.type === 'office') return str(o.officeId) && typeof o.officeName === 'string' && o.officeName.length <= 200;
  if (o.type === 'passphrase') return o.kdf === 'PBKDF2-SHA256' && Number.isInteger(o.iterations) && b64(o.salt, 16);
  return false;
}

/** Reads and checks the header of a sealed file. Throws SealError. */
export async function readSealHeader(source: ByteSource, expected?: SealKind): Promise<SealHeader> {
  const what = WHAT[expected ?? 'backup'];
  if (source.size < FIXED_HEADER_BYTES + TAG_BYTES) throw damaged(what, '文件过短');
  const fixed = await source.read(0, FIXED_HEADER_BYTES);
  if (!isSealed(fixed)) throw damaged(what, '文件头无效');
  const view = new DataView(fixed.buffer, fixed.byteOffset, fixed.byteLength);
  const version = fixed[8];
  if (version > SEAL_VERSION) throw new SealError('newer', `该${what}由更新版本的软件加密，请先升级软件`);
  if (version !== SEAL_VERSION) throw damaged(what, '版本号无效');
  const kind = (Object.keys(KIND_CODE) as SealKind[]).find((k) => KIND_CODE[k] === fixed[9]);
  if (!kind) throw damaged(what, '文件类型无效');
  if (expected && kind !== expected) {
    throw new SealError('wrong-kind', kind === 'sync' ? `该文件不是本软件的${what}：这是同步数据包，请在「多机合并」中导入` : `该文件不是本软件的${what}：这是备份文件，请用「从备份恢复」`);
  }
  const chunkBytes = view.getUint32(10);
  if (chunkBytes < MIN_CHUNK_BYTES || chunkBytes > MAX_SEAL_CHUNK_BYTES || fixed[21] !== 0) throw damaged(what, '文件头无效');
  const blockLength = view.getUint32(22);
  if (blockLength > MAX_SLOT_BLOCK || FIXED_HEADER_BYTES + blockLength + TAG_BYTES > source.size) throw damaged(what, '文件头无效');
  const block = await source.read(FIXED_HEADER_BYTES, blockLength);
  let slots: unknown;
  try {
    slots = (JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(block)) as { slots?: unknown }).slots;
  } catch {
    throw damaged(what, '密钥信息无效');
  }
  if (!Array.isArray(slots) || slots.length === 0 || slots.length > MAX_SLOTS || !slots.every(validSlot)) throw damaged(what, '密钥信息无效');
  const raw = new Uint8Array(FIXED_HEADER_BYTES + blockLength);
  raw.set(fixed, 0);
  raw.set(block, FIXED_HEADER_BYTES);
  return { version, kind, chunkBytes, prefix: fixed.slice(14, 21), slots, raw };
}

// ------------------------------------------------------------------ writing

async function wrapFor(recipient: Recipient, cek: Uint8Array, aad: Uint8Array): Promise<KeySlot> {
  const iv = random(12);
  const seal = async (key: CryptoKey) => toBase64(new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv: buf(iv), additionalData: buf(aad) }, key, buf(cek))));
  if (recipient.type === 'device') return { type: 'device', keyId: recipient.keyId, iv: toBase64(iv), wrapped: await seal(recipient.key) };
  if (recipient.type === 'office') {
    return { type: 'office', officeId: recipient.officeId, officeName: recipient.officeName, iv: toBase64(iv), wrapped: await seal(recipient.key) };
  }
  const problem = passphraseProblem(recipient.passphrase);
  if (problem) throw new SealError('weak-passphrase', problem);
  const salt = random(16);
  const iterations = Math.max(PBKDF2_ITERATIONS, recipient.iterations ?? PBKDF2_ITERATIONS);
  const key = await passphraseKey(recipient.passphrase, salt, iterations);
  return { type: 'passphrase', kdf: 'PBKDF2-SHA256', iterations, salt: toBase64(salt), iv: toBase64(iv), wrapped: await seal(key) };
}

/** The part of the header a wrapped key is bound to: magic, version, kind, chunk size, nonce prefix. */
const slotAad = (kind: SealKind, chunkBytes: number, prefix: Uint8Array) => encodeHeader(kind, chunkBytes, prefix, []).subarray(0, 22);

/**
 * A sink that encrypts what is written into it and passes the sealed bytes on
 * to `sink`. The archive writer writes into it unchanged.
 */
export async function sealSink(sink: ByteSink, kind: SealKind, recipients: Recipient[], options: { chunkBytes?: number } = {}): Promise<ByteSink> {
  if (!recipients.length) throw new Error('sealSink needs a recipient');
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  if (chunkBytes < MIN_CHUNK_BYTES || chunkBytes > MAX_SEAL_CHUNK_BYTES) throw new Error('chunk size out of range');
  const prefix = random(PREFIX_BYTES);
  const cekBytes = random(32);
  const aad = slotAad(kind, chunkBytes, prefix);
  const slots: KeySlot[] = [];
  for (const r of recipients) slots.push(await wrapFor(r, cekBytes, aad));
  const cek = await subtle().importKey('raw', buf(cekBytes), 'AES-GCM', false, ['encrypt']);
  cekBytes.fill(0);
  const header = encodeHeader(kind, chunkBytes, prefix, slots);

  const FLUSH = 4 * 1024 * 1024;
  let out: Uint8Array[] = [header];
  let outBytes = header.byteLength;
  const flush = async () => {
    if (!outBytes) return;
    const joined = new Uint8Array(outBytes);
    let at = 0;
    for (const p of out) {
      joined.set(p, at);
      at += p.byteLength;
    }
    out = [];
    outBytes = 0;
    for (let i = 0; i < joined.byteLength; i += MAX_CHUNK_BYTES) await sink.write(joined.subarray(i, Math.min(joined.byteLength, i + MAX_CHUNK_BYTES)));
  };
  let pending = new Uint8Array(chunkBytes);
  let used = 0;
  let index = 0;
  let finished = false;
  const emit = async (last: boolean) => {
    if (index > 0xffffffff) throw new Error('file too large to seal');
    const iv = chunkNonce(prefix, index++, last);
    const sealed = new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv: buf(iv), additionalData: buf(header) }, cek, pending.subarray(0, used)));
    out.push(sealed);
    outBytes += sealed.byteLength;
    pending = new Uint8Array(chunkBytes);
    used = 0;
    if (outBytes >= FLUSH) await flush();
  };
  return {
    async write(chunk) {
      if (finished) throw new Error('sink already finished');
      let at = 0;
      while (at < chunk.byteLength) {
        // A full chunk is sealed only once more bytes follow: the last one carries the flag.
        if (used === chunkBytes) await emit(false);
        const n = Math.min(chunkBytes - used, chunk.byteLength - at);
        pending.set(chunk.subarray(at, at + n), used);
        used += n;
        at += n;
      }
    },
    async close() {
      if (finished) throw new Error('sink already finished');
      finished = true;
      await emit(true);
      await flush();
      return sink.close();
    },
    async abort() {
      finished = true;
      out = [];
      await sink.abort();
    },
  };
}

// ------------------------------------------------------------------ reading

async function unwrapSlot(slot: KeySlot, key: CryptoKey, aad: Uint8Array): Promise<CryptoKey | null> {
  try {
    const raw = new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv: buf(fromBase64(slot.iv)), additionalData: buf(aad) }, key, buf(fromBase64(slot.wrapped))));
    const cek = await subtle().importKey('raw', raw, 'AES-GCM', false, ['decrypt']);
    raw.fill(0);
    return cek;
  } catch {
    return null;
  }
}

/** Finds the content key with what the keyring holds. Throws SealError saying what is missing. */
async function contentKey(header: SealHeader, keyring: Keyring, what: string): Promise<CryptoKey> {
  const aad = slotAad(header.kind, header.chunkBytes, header.prefix);
  for (const slot of header.slots) {
    let key: CryptoKey | undefined;
    if (slot.type === 'device') key = keyring.devices?.find((d) => d.keyId === slot.keyId)?.key;
    if (slot.type === 'office') key = keyring.offices?.find((o) => o.officeId === slot.officeId)?.key;
    if (!key) continue;
    const cek = await unwrapSlot(slot, key, aad);
    if (cek) return cek;
    throw damaged(what, '密钥校验失败');
  }
  const pass = header.slots.find((s): s is Extract<KeySlot, { type: 'passphrase' }> => s.type === 'passphrase');
  if (pass) {
    if (pass.iterations < PBKDF2_ITERATIONS || pass.iterations > MAX_PBKDF2_ITERATIONS) throw damaged(what, '密钥信息无效');
    if (keyring.passphrase === undefined) throw new SealError('needs-passphrase', `该${what}已用密码加密，请输入密码`);
    const cek = await unwrapSlot(pass, await passphraseKey(keyring.passphrase, fromBase64(pass.salt), pass.iterations), aad);
    if (cek) return cek;
    throw new SealError('wrong-passphrase', `密码不正确（或文件已被改动），无法打开该${what}，未写入任何数据`);
  }
  const office = header.slots.find((s): s is Extract<KeySlot, { type: 'office' }> => s.type === 'office');
  if (office) throw new SealError('no-key', `该${what}为「${office.officeName || office.officeId}」加密，本机不在该单位的加密名单中，无法打开`);
  throw new SealError('no-key', `该${what}由另一台电脑加密，且未设置密码，本机无法打开`);
}

export interface OpenedSeal {
  header: SealHeader;
  /** The plain archive, read and checked chunk by chunk on demand. */
  source: ByteSource;
  /** How it was opened, for the preview. */
  openedWith: KeySlot['type'];
}

/**
 * Opens a sealed file: the header is read, the content key unwrapped and the
 * last chunk checked (a file cut short is refused here, before anything is
 * read). Each later read decrypts and authenticates the chunks it covers.
 */
export async function openSealed(source: ByteSource, keyring: Keyring, expected?: SealKind): Promise<OpenedSeal> {
  const header = await readSealHeader(source, expected);
  const what = WHAT[header.kind];
  const cek = await contentKey(header, keyring, what);
  const openedWith = header.slots.find((s) => {
    if (s.type === 'device') return keyring.devices?.some((d) => d.keyId === s.keyId);
    if (s.type === 'office') return keyring.offices?.some((o) => o.officeId === s.officeId);
    return false;
  })?.type ?? 'passphrase';
  const start = header.raw.byteLength;
  const body = source.size - start;
  const stride = header.chunkBytes + TAG_BYTES;
  const count = Math.ceil(body / stride);
  const lastCipher = body - (count - 1) * stride;
  if (count < 1 || lastCipher < TAG_BYTES) throw damaged(what, '文件被截断');
  const size = body - count * TAG_BYTES;
  const cache = new Map<number, Uint8Array>();
  const chunk = async (i: number): Promise<Uint8Array> => {
    const hit = cache.get(i);
    if (hit) return hit;
    const last = i === count - 1;
    const cipher = await readFully(source, start + i * stride, last ? lastCipher : stride);
    let plain: Uint8Array;
    try {
      plain = new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv: buf(chunkNonce(header.prefix, i, last)), additionalData: buf(header.raw) }, cek, buf(cipher)));
    } catch {
      throw damaged(what, last ? `第 ${i + 1} 块（末块）校验失败，文件可能被截断或改动` : `第 ${i + 1} 块校验失败`);
    }
    if (cache.size >= 3) cache.delete(cache.keys().next().value as number);
    cache.set(i, plain);
    return plain;
  };
  await chunk(count - 1);
  const plainSource: ByteSource = {
    name: source.name,
    size,
    async read(offset, length) {
      const end = Math.min(size, offset + length);
      if (offset >= end) return new Uint8Array(0);
      const out = new Uint8Array(end - offset);
      for (let i = Math.floor(offset / header.chunkBytes); i * header.chunkBytes < end; i++) {
        const plain = await chunk(i);
        const from = Math.max(offset, i * header.chunkBytes);
        const to = Math.min(end, i * header.chunkBytes + plain.byteLength);
        out.set(plain.subarray(from - i * header.chunkBytes, to - i * header.chunkBytes), from - offset);
      }
      return out;
    },
    close: () => source.close(),
  };
  return { header, source: plainSource, openedWith };
}

async function readFully(source: ByteSource, offset: number, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  let at = 0;
  while (at < length) {
    const part = await source.read(offset + at, Math.min(MAX_CHUNK_BYTES, length - at));
    if (!part.byteLength) break;
    out.set(part, at);
    at += part.byteLength;
  }
  return at === length ? out : out.subarray(0, at);
}

/**
 * A file as the archive reader wants it: a sealed file is opened with the
 * keyring, a plain zip (made before encryption, or sent plain on purpose) is
 * passed through with `encrypted: false` so the preview can say so.
 */
export async function unsealIfSealed(source: ByteSource, keyring: Keyring, expected: SealKind): Promise<{ source: ByteSource; encrypted: false } | ({ encrypted: true } & OpenedSeal)> {
  const head = source.size >= SEAL_MAGIC.byteLength ? await source.read(0, SEAL_MAGIC.byteLength) : new Uint8Array(0);
  if (!isSealed(head)) return { source, encrypted: false };
  return { encrypted: true, ...(await openSealed(source, keyring, expected)) };
}
