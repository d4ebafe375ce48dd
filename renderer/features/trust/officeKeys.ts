import type { InspectorDatabase } from '../../db/database';
import { fromBase64, toBase64 } from '../../../shared/crypto/envelope';
import { generateDeviceKeys, unwrapDeviceKeys, wrapDeviceKeys } from '../../../shared/trust/keys';
import { isLeadRole, memberOf, TrustError } from '../../../shared/trust/office';
import { getPlatform } from '../../platform';
import type { SecretStore } from '../../platform/platform';
import type { Role } from '../../../shared/trust/model';
import { isSealedKeys, trustStore, type DeviceKeysRow, type SealedDeviceKeys, type StoredDeviceKeys } from './trustStore';

/**
 * What the rest of the app asks about this laptop's team identity (the
 * contract in the trust interface): the office data key and the current member.
 */

/** The office's symmetric data key (AES-GCM, 256 bit) this laptop received at enrolment; null when the laptop has not joined an office. */
export async function officeDataKey(db: InspectorDatabase): Promise<{ officeId: string; officeName: string; key: CryptoKey } | null> {
  return trustStore(db).dataKey();
}

export interface CurrentMember {
  memberId: string;
  name: string;
  role: Role;
  team?: string;
}

/** This laptop's member and role, or null before enrolment (then every role check answers as 管理员 of a one-person office, so a lone laptop keeps working). */
export async function currentMember(db: InspectorDatabase): Promise<CurrentMember | null> {
  const signed = await trustStore(db).roster();
  const device = (await db.meta.get('device'))?.value as { deviceId?: string } | undefined;
  if (!signed || !device?.deviceId) return null;
  const who = memberOf(signed.roster, device.deviceId);
  if (!who) return null;
  // A revoked laptop keeps its data but may no longer do the team lead's work.
  const role: Role = who.device.revokedAt ? 'inspector' : who.member.role;
  return { memberId: who.member.id, name: who.member.name, role, team: who.member.team || undefined };
}

/** Whether this laptop's member may do the team lead's work (a lone laptop may). */
export async function mayLead(db: InspectorDatabase): Promise<boolean> {
  const me = await currentMember(db);
  return !me || isLeadRole(me.role);
}

/** Refusal shown when the team lead's work is attempted without the role. */
export const LEAD_ONLY = '须由组长操作';

/** Throws when this laptop's member may not do the team lead's work. */
export async function requireLead(db: InspectorDatabase, what: string): Promise<void> {
  if (!(await mayLead(db))) throw new Error(`${what}${LEAD_ONLY}，本机人员为检查员`);
}

/** The operating system's secret store (desktop), or undefined (browser, tests without a platform). */
export function platformSecrets(): SecretStore | undefined {
  try {
    return getPlatform().secrets;
  } catch {
    return undefined;
  }
}

const loadedKeys = new WeakMap<InspectorDatabase, Promise<StoredDeviceKeys>>();

/**
 * This laptop's key pairs, made on first use and kept (private halves
 * non-extractable). On the desktop they are kept sealed: made extractable once,
 * encrypted under a fresh AES-256-GCM wrapping key whose bytes go to the
 * operating system (safeStorage) and are dropped here, then imported back
 * non-extractable at each start. A laptop set up before sealing keeps its
 * CryptoKeys (WebCrypto cannot read them out to seal them); one that has not
 * joined an office yet gets new sealed keys, as no colleague knows its keys.
 */
export function deviceKeys(db: InspectorDatabase, secrets: SecretStore | undefined = platformSecrets()): Promise<StoredDeviceKeys> {
  let p = loadedKeys.get(db);
  if (!p) {
    p = loadDeviceKeys(db, secrets);
    loadedKeys.set(db, p);
    p.catch(() => loadedKeys.delete(db));
  }
  return p;
}

/** How this laptop's signing keys are kept, for the 团队与设备 page. */
export type KeyProtection = 'system' | 'browser' | 'unsealed';

export async function deviceKeyProtection(db: InspectorDatabase, secrets: SecretStore | undefined = platformSecrets()): Promise<KeyProtection> {
  await deviceKeys(db, secrets);
  const row = await trustStore(db).deviceKeys();
  if (row && isSealedKeys(row)) return 'system';
  return secrets && (await secrets.available()) ? 'unsealed' : 'browser';
}

async function importKek(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  try {
    return await globalThis.crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  } finally {
    raw.fill(0);
  }
}

async function openSealed(row: SealedDeviceKeys, secrets: SecretStore | undefined): Promise<StoredDeviceKeys> {
  if (!secrets) throw new TrustError('本机签名密钥由系统保管，当前环境无法读取');
  let raw: Uint8Array<ArrayBuffer>;
  try {
    raw = fromBase64(await secrets.open(row.sealedKek));
  } catch {
    throw new TrustError('本机签名密钥由系统保管，当前 Windows 账户无法读取（数据文件夹可能是从别的电脑或账户复制来的），本机不能签名');
  }
  try {
    return { ...(await unwrapDeviceKeys(row, await importKek(raw))), createdAt: row.createdAt };
  } catch {
    throw new TrustError('本机保存的签名密钥已损坏，无法使用');
  }
}

async function sealNew(secrets: SecretStore): Promise<{ row: SealedDeviceKeys; keys: StoredDeviceKeys }> {
  const createdAt = new Date().toISOString();
  const raw = globalThis.crypto.getRandomValues(new Uint8Array(32));
  const sealedKek = await secrets.seal(toBase64(raw));
  const wrapped = await wrapDeviceKeys(await generateDeviceKeys(true), await importKek(raw));
  const row: SealedDeviceKeys = { ...wrapped, sealedKek, createdAt };
  // The extractable pair is dropped: what this laptop uses is imported back non-extractable.
  return { row, keys: await openSealed(row, secrets) };
}

async function loadDeviceKeys(db: InspectorDatabase, secrets: SecretStore | undefined): Promise<StoredDeviceKeys> {
  const store = trustStore(db);
  const existing = await store.deviceKeys();
  if (existing && isSealedKeys(existing)) return openSealed(existing, secrets);
  const sealing = secrets && (await secrets.available()) ? secrets : undefined;
  // Keys from before sealing: kept once the laptop is enrolled (the roster names them); replaced while it is not.
  if (existing && (!sealing || (await store.roster()))) return existing;
  const made = sealing ? await sealNew(sealing) : { keys: { ...(await generateDeviceKeys()), createdAt: new Date().toISOString() }, row: null };
  const row: DeviceKeysRow = made.row ?? made.keys;
  // Two first uses at once keep the same pair: the first one stored wins.
  const kept = await db.transaction('rw', db.trust, async () => {
    const stored = await store.deviceKeys();
    if (stored !== null && (!existing || isSealedKeys(stored) || stored.createdAt !== existing.createdAt)) return stored;
    await store.putDeviceKeys(row);
    return null;
  });
  if (!kept) return made.keys;
  return isSealedKeys(kept) ? openSealed(kept, secrets) : kept;
}
