import type { InspectorDatabase } from '../../db/database';
import { generateDeviceKeys } from '../../../shared/trust/keys';
import { isLeadRole, memberOf } from '../../../shared/trust/office';
import type { Role } from '../../../shared/trust/model';
import { trustStore, type StoredDeviceKeys } from './trustStore';

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

/** This laptop's key pairs, made on first use and kept (private halves non-extractable). */
export async function deviceKeys(db: InspectorDatabase): Promise<StoredDeviceKeys> {
  const store = trustStore(db);
  const existing = await store.deviceKeys();
  if (existing) return existing;
  const made: StoredDeviceKeys = { ...(await generateDeviceKeys()), createdAt: new Date().toISOString() };
  // Two first uses at once keep the same pair: the first one stored wins.
  return db.transaction('rw', db.trust, async () => {
    const stored = await store.deviceKeys();
    if (stored) return stored;
    await store.putDeviceKeys(made);
    return made;
  });
}
