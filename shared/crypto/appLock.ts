import { fromBase64, toBase64 } from './envelope';

/**
 * The app lock's rules: how the PIN or password is kept (a PBKDF2-SHA256 hash
 * with a random salt, never the secret), what is accepted, and how long the
 * screen waits after repeated wrong tries.
 */
export const LOCK_ITERATIONS = 600_000;

export type LockKind = 'pin' | 'password';

export interface LockCredential {
  kind: LockKind;
  kdf: 'PBKDF2-SHA256';
  iterations: number;
  salt: string;
  hash: string;
  setAt: string;
}

/** Wrong tries allowed before each further try has to wait. */
export const FREE_TRIES = 5;
const FIRST_WAIT_MS = 30_000;
const MAX_WAIT_MS = 60 * 60_000;

/** How long to wait after `failures` wrong tries in a row: none for the first five, then 30 s doubling each time, at most an hour. */
export function waitAfter(failures: number): number {
  if (failures < FREE_TRIES) return 0;
  return Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - FREE_TRIES));
}

/** Idle times offered in 设置 (seconds); default 10 minutes. */
export const IDLE_CHOICES: readonly { seconds: number; label: string }[] = [
  { seconds: 30, label: '30 秒' },
  { seconds: 60, label: '1 分钟' },
  { seconds: 120, label: '2 分钟' },
  { seconds: 300, label: '5 分钟' },
  { seconds: 600, label: '10 分钟' },
  { seconds: 900, label: '15 分钟' },
  { seconds: 1800, label: '30 分钟' },
  { seconds: 3600, label: '1 小时' },
];
export const DEFAULT_IDLE_SECONDS = 600;

export function credentialProblem(kind: LockKind, secret: string): string | null {
  if (kind === 'pin') return /^\d{6,12}$/.test(secret) ? null : 'PIN 码须为 6 至 12 位数字';
  if ([...secret].length < 8) return '密码至少 8 位';
  if (/^\d+$/.test(secret)) return '密码不能全是数字（只用数字请选择 PIN 码）';
  return null;
}

async function derive(secret: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle;
  const base = await subtle.importKey('raw', new TextEncoder().encode(secret.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations }, base, 256));
}

export async function makeCredential(kind: LockKind, secret: string, now: Date = new Date()): Promise<LockCredential> {
  const problem = credentialProblem(kind, secret);
  if (problem) throw new Error(problem);
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(secret, salt, LOCK_ITERATIONS);
  return { kind, kdf: 'PBKDF2-SHA256', iterations: LOCK_ITERATIONS, salt: toBase64(salt), hash: toBase64(hash), setAt: now.toISOString() };
}

/** Whether `secret` is the one the credential was made from (compared in constant time). */
export async function checkCredential(credential: LockCredential, secret: string): Promise<boolean> {
  const expected = fromBase64(credential.hash);
  const got = await derive(secret, fromBase64(credential.salt), Math.max(LOCK_ITERATIONS, credential.iterations));
  if (got.byteLength !== expected.byteLength) return false;
  let diff = 0;
  for (let i = 0; i < got.byteLength; i++) diff |= got[i] ^ expected[i];
  return diff === 0;
}
