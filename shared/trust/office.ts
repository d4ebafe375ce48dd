import { fromBase64Url, toBase64Url } from './base64';
import { canonicalWithout } from './canonicalJson';
import { BOX_ALG, importBoxPublic, publicJwk, randomBytes, SIGN_ALG, signValue, verifyValue, webCrypto as subtle, type DeviceKeys } from './keys';
import {
  enrolmentFileSchema,
  joinRequestSchema,
  officeSecretFileSchema,
  signedRosterSchema,
  type Device,
  type EnrolmentFile,
  type JoinRequest,
  type Member,
  type OfficeSecretFile,
  type PublicJwk,
  type Roster,
  type Role,
  type SignedRoster,
  type WrappedKey,
} from './model';

/**
 * The office key and what the 管理员 does with it: set up the office, enrol a
 * laptop (the roster signed by the office key and the office data key wrapped
 * for that laptop), revoke a lost one. The office key is kept only encrypted
 * under the 管理员's passphrase (PBKDF2-SHA-256, 600,000 iterations).
 */

export const PBKDF2_ITERATIONS = 600_000;
const DATA_KEY_USAGES: KeyUsage[] = ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'];
const WRAP_INFO = new TextEncoder().encode('zwgk office data key v1');

/** The office key in memory after the passphrase opened it. */
export interface OfficeSecret {
  officeId: string;
  officeName: string;
  signPrivate: CryptoKey;
  signPublic: PublicJwk;
  /** Extractable here only: it must be wrapped for each laptop. */
  dataKey: CryptoKey;
}

export class TrustError extends Error {}

export async function newOfficeSecret(officeId: string, officeName: string): Promise<OfficeSecret> {
  const sign = await subtle().generateKey(SIGN_ALG, true, ['sign', 'verify']);
  const dataKey = await subtle().generateKey({ name: 'AES-GCM', length: 256 }, true, DATA_KEY_USAGES);
  return { officeId, officeName, signPrivate: sign.privateKey, signPublic: publicJwk(await subtle().exportKey('jwk', sign.publicKey)), dataKey };
}

async function passphraseKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const base = await subtle().importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** The office key encrypted under a passphrase (what is stored and exported). */
export async function sealOfficeSecret(secret: OfficeSecret, passphrase: string, iterations = PBKDF2_ITERATIONS): Promise<OfficeSecretFile> {
  if (passphrase.length < 8) throw new TrustError('办公室密钥口令至少 8 位');
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const plain = JSON.stringify({
    signPrivate: toBase64Url(await subtle().exportKey('pkcs8', secret.signPrivate)),
    signPublic: secret.signPublic,
    dataKey: toBase64Url(await subtle().exportKey('raw', secret.dataKey)),
  });
  const head = { format: 'zwgk-office-key' as const, officeId: secret.officeId, officeName: secret.officeName, kdf: { name: 'PBKDF2' as const, hash: 'SHA-256' as const, iterations, salt: toBase64Url(salt) } };
  const ct = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(JSON.stringify(head)) }, await passphraseKey(passphrase, salt, iterations), new TextEncoder().encode(plain));
  return { ...head, iv: toBase64Url(iv), ct: toBase64Url(ct) };
}

/** Opens the office key; a wrong passphrase or an edited file is refused. */
export async function openOfficeSecret(file: unknown, passphrase: string): Promise<OfficeSecret> {
  const parsed = officeSecretFileSchema.safeParse(file);
  if (!parsed.success) throw new TrustError('该文件不是办公室密钥文件');
  const f = parsed.data;
  const head = { format: f.format, officeId: f.officeId, officeName: f.officeName, kdf: f.kdf };
  let plain: ArrayBuffer;
  try {
    const key = await passphraseKey(passphrase, fromBase64Url(f.kdf.salt), f.kdf.iterations);
    plain = await subtle().decrypt({ name: 'AES-GCM', iv: fromBase64Url(f.iv), additionalData: new TextEncoder().encode(JSON.stringify(head)) }, key, fromBase64Url(f.ct));
  } catch {
    throw new TrustError('办公室密钥口令不正确，或密钥文件已损坏');
  }
  const inner = JSON.parse(new TextDecoder().decode(plain)) as { signPrivate: string; signPublic: PublicJwk; dataKey: string };
  return {
    officeId: f.officeId,
    officeName: f.officeName,
    signPrivate: await subtle().importKey('pkcs8', fromBase64Url(inner.signPrivate), SIGN_ALG, true, ['sign']),
    signPublic: inner.signPublic,
    dataKey: await subtle().importKey('raw', fromBase64Url(inner.dataKey), { name: 'AES-GCM' }, true, DATA_KEY_USAGES),
  };
}

// ------------------------------------------------------------------ roster

export async function signRoster(secret: OfficeSecret, roster: Roster): Promise<SignedRoster> {
  return { roster, sig: await signValue(secret.signPrivate, roster) };
}

/**
 * Checks a roster: its own office key signed it and, when this laptop already
 * belongs to an office, it is that office with the same key. Returns it parsed.
 */
export async function verifyRoster(value: unknown, pinned?: Pick<Roster, 'officeId' | 'officeKey'> | null): Promise<SignedRoster> {
  const parsed = signedRosterSchema.safeParse(value);
  if (!parsed.success) throw new TrustError('人员名单格式不正确');
  const { roster, sig } = parsed.data;
  if (pinned && (pinned.officeId !== roster.officeId || pinned.officeKey.x !== roster.officeKey.x || pinned.officeKey.y !== roster.officeKey.y)) {
    throw new TrustError(`人员名单属于另一个办公室（${roster.officeName}）`);
  }
  if (!(await verifyValue(roster.officeKey, roster, sig))) throw new TrustError('人员名单的办公室签名无效');
  return parsed.data;
}

/** The newer of two verified rosters of the same office. */
export function newerRoster(a: SignedRoster | null, b: SignedRoster | null): SignedRoster | null {
  if (!a) return b;
  if (!b) return a;
  return b.roster.version > a.roster.version ? b : a;
}

export function firstRoster(secret: OfficeSecret, admin: Member, at: string): Roster {
  return { format: 'zwgk-roster', officeId: secret.officeId, officeName: secret.officeName, version: 1, issuedAt: at, officeKey: secret.signPublic, members: [admin], devices: [] };
}

/** The roster with a member added or changed (name, role, team). */
export function withMember(roster: Roster, member: Member, at: string): Roster {
  const members = roster.members.some((m) => m.id === member.id) ? roster.members.map((m) => (m.id === member.id ? member : m)) : [...roster.members, member];
  return { ...roster, version: roster.version + 1, issuedAt: at, members };
}

/** The roster with a laptop enrolled for a member (a re-enrolled laptop gets its new keys). */
export function withDevice(roster: Roster, request: JoinRequest, memberId: string, at: string): Roster {
  if (!roster.members.some((m) => m.id === memberId)) throw new TrustError('名单中没有这名人员');
  const existing = roster.devices.find((d) => d.id === request.deviceId);
  if (existing?.revokedAt) throw new TrustError(`「${existing.name}」已被吊销，不能再次入网；请在该电脑上重新安装后再申请`);
  const device: Device = { id: request.deviceId, name: request.deviceName, memberId, signKey: request.signKey, boxKey: request.boxKey, enrolledAt: at, revokedAt: null };
  return { ...roster, version: roster.version + 1, issuedAt: at, devices: [...roster.devices.filter((d) => d.id !== request.deviceId), device] };
}

/** The roster with a laptop revoked (lost or retired). */
export function withRevoked(roster: Roster, deviceId: string, at: string): Roster {
  const device = roster.devices.find((d) => d.id === deviceId);
  if (!device) throw new TrustError('名单中没有这台电脑');
  if (device.revokedAt) throw new TrustError(`「${device.name}」已经吊销`);
  return { ...roster, version: roster.version + 1, issuedAt: at, devices: roster.devices.map((d) => (d.id === deviceId ? { ...d, revokedAt: at } : d)) };
}

// ------------------------------------------------------------------ joining

export async function makeJoinRequest(deviceId: string, deviceName: string, keys: DeviceKeys, at: string): Promise<JoinRequest> {
  const body = { format: 'zwgk-join-request' as const, deviceId, deviceName: deviceName.trim(), signKey: keys.signPublic, boxKey: keys.boxPublic, createdAt: at };
  return { ...body, sig: await signValue(keys.signPrivate, body) };
}

export async function readJoinRequest(value: unknown): Promise<JoinRequest> {
  const parsed = joinRequestSchema.safeParse(value);
  if (!parsed.success) throw new TrustError('该文件不是入网申请');
  if (!(await verifyValue(parsed.data.signKey, JSON.parse(canonicalWithout(parsed.data, 'sig')), parsed.data.sig))) throw new TrustError('入网申请的签名无效，文件可能被改动');
  return parsed.data;
}

async function wrapKeyFor(boxKey: PublicJwk, salt: Uint8Array<ArrayBuffer>): Promise<{ key: CryptoKey; epk?: PublicJwk }> {
  const eph = await subtle().generateKey(BOX_ALG, true, ['deriveBits']);
  const bits = await subtle().deriveBits({ name: 'ECDH', public: await importBoxPublic(boxKey) }, eph.privateKey, 256);
  return { key: await kek(bits, salt, ['wrapKey']), epk: publicJwk(await subtle().exportKey('jwk', eph.publicKey)) };
}

async function kek(bits: ArrayBuffer, salt: Uint8Array<ArrayBuffer>, usages: KeyUsage[]): Promise<CryptoKey> {
  const ikm = await subtle().importKey('raw', bits, 'HKDF', false, ['deriveKey']);
  return subtle().deriveKey({ name: 'HKDF', hash: 'SHA-256', salt, info: WRAP_INFO }, ikm, { name: 'AES-GCM', length: 256 }, false, usages);
}

/** The office data key wrapped so only the laptop holding the box key's private half can unwrap it. */
export async function wrapDataKey(dataKey: CryptoKey, boxKey: PublicJwk): Promise<WrappedKey> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const { key, epk } = await wrapKeyFor(boxKey, salt);
  const ct = await subtle().wrapKey('raw', dataKey, key, { name: 'AES-GCM', iv });
  return { alg: 'ECDH-ES+HKDF-SHA256+A256GCM', epk: epk!, salt: toBase64Url(salt), iv: toBase64Url(iv), ct: toBase64Url(ct) };
}

/** The office data key on the laptop it was wrapped for: non-extractable. */
export async function unwrapDataKey(wrapped: WrappedKey, boxPrivate: CryptoKey): Promise<CryptoKey> {
  try {
    const bits = await subtle().deriveBits({ name: 'ECDH', public: await importBoxPublic(wrapped.epk) }, boxPrivate, 256);
    const key = await kek(bits, fromBase64Url(wrapped.salt), ['unwrapKey']);
    return await subtle().unwrapKey('raw', fromBase64Url(wrapped.ct), key, { name: 'AES-GCM', iv: fromBase64Url(wrapped.iv) }, { name: 'AES-GCM' }, false, DATA_KEY_USAGES);
  } catch {
    throw new TrustError('入网文件不是为这台电脑制作的，或已损坏');
  }
}

/** 入网文件 for one enrolled laptop. */
export async function makeEnrolmentFile(secret: OfficeSecret, signed: SignedRoster, deviceId: string): Promise<EnrolmentFile> {
  const device = signed.roster.devices.find((d) => d.id === deviceId);
  if (!device || device.revokedAt) throw new TrustError('这台电脑不在名单中');
  return { format: 'zwgk-enrolment', deviceId, roster: signed, dataKey: await wrapDataKey(secret.dataKey, device.boxKey) };
}

/** Checks an 入网文件 on the laptop it is for: the roster's signature, and that it lists this laptop with these keys. */
export async function readEnrolmentFile(value: unknown, deviceId: string, keys: Pick<DeviceKeys, 'signPublic'>): Promise<EnrolmentFile> {
  const parsed = enrolmentFileSchema.safeParse(value);
  if (!parsed.success) throw new TrustError('该文件不是入网文件');
  const file = parsed.data;
  await verifyRoster(file.roster);
  if (file.deviceId !== deviceId) throw new TrustError('该入网文件是为另一台电脑制作的');
  const me = file.roster.roster.devices.find((d) => d.id === deviceId);
  if (!me || me.signKey.x !== keys.signPublic.x || me.signKey.y !== keys.signPublic.y) throw new TrustError('入网文件中的密钥与本机不符，请重新提交入网申请');
  if (me.revokedAt) throw new TrustError('这台电脑已被吊销');
  return file;
}

export function memberOf(roster: Roster, deviceId: string): { member: Member; device: Device } | null {
  const device = roster.devices.find((d) => d.id === deviceId);
  const member = device && roster.members.find((m) => m.id === device.memberId);
  return device && member ? { device, member } : null;
}

/** Whether a role may do the team lead's work: unlock, number notices, settle conflicts, accept held bundles. */
export function isLeadRole(role: Role): boolean {
  return role === 'lead' || role === 'admin';
}
