import { fromBase64Url, toBase64Url } from './base64';
import { canonicalJson } from './canonicalJson';
import type { PublicJwk } from './model';

/**
 * WebCrypto (Node 20 and Chromium alike): ECDSA P-256 with SHA-256 for every
 * signature, ECDH P-256 for wrapping the office data key for one laptop.
 * Private keys made on a laptop are non-extractable.
 */
const subtle = () => globalThis.crypto.subtle;
export const SIGN_ALG = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN_PARAMS = { name: 'ECDSA', hash: 'SHA-256' } as const;
const BOX_ALG = { name: 'ECDH', namedCurve: 'P-256' } as const;

export interface DeviceKeys {
  signPrivate: CryptoKey;
  signPublic: PublicJwk;
  boxPrivate: CryptoKey;
  boxPublic: PublicJwk;
}

export function publicJwk(jwk: JsonWebKey): PublicJwk {
  return { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! };
}

/**
 * A new laptop's key pairs: the private halves cannot be read out, only used.
 * `extractable` only to wrap them once for keeping (see `wrapDeviceKeys`).
 */
export async function generateDeviceKeys(extractable = false): Promise<DeviceKeys> {
  const sign = await subtle().generateKey(SIGN_ALG, extractable, ['sign', 'verify']);
  const box = await subtle().generateKey(BOX_ALG, extractable, ['deriveBits']);
  return {
    signPrivate: sign.privateKey,
    signPublic: publicJwk(await subtle().exportKey('jwk', sign.publicKey)),
    boxPrivate: box.privateKey,
    boxPublic: publicJwk(await subtle().exportKey('jwk', box.publicKey)),
  };
}

const verifyKeys = new Map<string, Promise<CryptoKey>>();

/** A verifying key from its JWK (cached: 11,000 entries of five laptops import five keys). */
export function importVerifyKey(jwk: PublicJwk): Promise<CryptoKey> {
  const id = `${jwk.x}.${jwk.y}`;
  let key = verifyKeys.get(id);
  if (!key) {
    key = subtle().importKey('jwk', { ...jwk, ext: true }, SIGN_ALG, true, ['verify']);
    key.catch(() => verifyKeys.delete(id));
    verifyKeys.set(id, key);
  }
  return key;
}

export async function importBoxPublic(jwk: PublicJwk): Promise<CryptoKey> {
  return subtle().importKey('jwk', { ...jwk, ext: true }, BOX_ALG, true, []);
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Signs the canonical JSON of a value; base64url of the 64-byte signature. */
export async function signValue(key: CryptoKey, value: unknown): Promise<string> {
  return toBase64Url(await subtle().sign(SIGN_PARAMS, key, utf8(canonicalJson(value))));
}

/** Whether `sig` is a valid signature of the value's canonical JSON by the key; false for malformed input. */
export async function verifyValue(jwk: PublicJwk, value: unknown, sig: string): Promise<boolean> {
  try {
    const bytes = fromBase64Url(sig);
    if (bytes.byteLength !== 64) return false;
    return await subtle().verify(SIGN_PARAMS, await importVerifyKey(jwk), bytes, utf8(canonicalJson(value)));
  } catch {
    return false;
  }
}

/** The short code two people read to each other on the phone: 5 groups of 4 hex digits of the keys' SHA-256. */
export async function fingerprint(...keys: PublicJwk[]): Promise<string> {
  const digest = new Uint8Array(await subtle().digest('SHA-256', utf8(canonicalJson(keys.map((k) => [k.x, k.y])))));
  const hex = Array.from(digest.slice(0, 10), (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}

/** Device private keys encrypted under a wrapping key (AES-256-GCM; the key's bytes are kept elsewhere, by the operating system). */
export interface WrappedDeviceKeys {
  format: 'zwgk-device-keys-wrapped';
  signPublic: PublicJwk;
  boxPublic: PublicJwk;
  /** base64url: 12-byte IV then the AES-GCM ciphertext of the PKCS#8 private key, its role (`sign` / `box`) as additional data. */
  sign: string;
  box: string;
}

async function wrapPrivate(kek: CryptoKey, key: CryptoKey, role: 'sign' | 'box'): Promise<string> {
  const pkcs8 = new Uint8Array(await subtle().exportKey('pkcs8', key));
  const iv = randomBytes(12);
  const ct = new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: utf8(role) }, kek, pkcs8));
  pkcs8.fill(0);
  const out = new Uint8Array(12 + ct.byteLength);
  out.set(iv);
  out.set(ct, 12);
  return toBase64Url(out);
}

async function unwrapPrivate(kek: CryptoKey, wrapped: string, role: 'sign' | 'box'): Promise<CryptoKey> {
  const bytes = fromBase64Url(wrapped);
  const pkcs8 = new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv: bytes.slice(0, 12), additionalData: utf8(role) }, kek, bytes.slice(12)));
  try {
    return role === 'sign' ? await subtle().importKey('pkcs8', pkcs8, SIGN_ALG, false, ['sign']) : await subtle().importKey('pkcs8', pkcs8, BOX_ALG, false, ['deriveBits']);
  } finally {
    pkcs8.fill(0);
  }
}

/** Wraps extractable device keys under `kek` (AES-GCM, encrypt/decrypt). */
export async function wrapDeviceKeys(keys: DeviceKeys, kek: CryptoKey): Promise<WrappedDeviceKeys> {
  return {
    format: 'zwgk-device-keys-wrapped',
    signPublic: keys.signPublic,
    boxPublic: keys.boxPublic,
    sign: await wrapPrivate(kek, keys.signPrivate, 'sign'),
    box: await wrapPrivate(kek, keys.boxPrivate, 'box'),
  };
}

/** The device keys back, private halves imported non-extractable; throws when the wrapping key is not the one they were wrapped with. */
export async function unwrapDeviceKeys(wrapped: WrappedDeviceKeys, kek: CryptoKey): Promise<DeviceKeys> {
  return {
    signPrivate: await unwrapPrivate(kek, wrapped.sign, 'sign'),
    signPublic: wrapped.signPublic,
    boxPrivate: await unwrapPrivate(kek, wrapped.box, 'box'),
    boxPublic: wrapped.boxPublic,
  };
}

export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

export { subtle as webCrypto, BOX_ALG };
