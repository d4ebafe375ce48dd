import type { InspectorDatabase } from '../../db/database';
import type { Session } from '../../db/session';
import { loadWriterRole } from '../../db/writerRole';
import { fingerprint } from '../../../shared/trust/keys';
import {
  firstRoster,
  makeEnrolmentFile,
  makeJoinRequest,
  memberOf,
  newOfficeSecret,
  openOfficeSecret,
  readEnrolmentFile,
  readJoinRequest,
  sealOfficeSecret,
  signRoster,
  TrustError,
  unwrapDataKey,
  verifyRoster,
  withDevice,
  withMember,
  withRevoked,
  type OfficeSecret,
} from '../../../shared/trust/office';
import type { EnrolmentFile, JoinRequest, Member, OfficeSecretFile, Role, SignedRoster } from '../../../shared/trust/model';
import { uuidv7 } from '../../../shared/util/ids';
import { deviceKeys } from './officeKeys';
import { trustStore } from './trustStore';

/**
 * Setting up an office and its laptops. The 管理员's laptop holds the office
 * key, encrypted under a passphrase; every laptop (the 管理员's included)
 * holds the signed roster and the office data key wrapped for it.
 */

const now = () => new Date().toISOString();

export interface OfficeSetup {
  officeName: string;
  adminName: string;
  team: string;
  deviceName: string;
  passphrase: string;
}

/** 管理员: creates the office on this laptop, enrols it as the 管理员's laptop. */
export async function setupOffice(session: Session, input: OfficeSetup): Promise<SignedRoster> {
  const { db } = session;
  const store = trustStore(db);
  if (await store.roster()) throw new TrustError('本机已加入办公室，不能再新建');
  const officeName = input.officeName.trim();
  const adminName = input.adminName.trim();
  if (!officeName) throw new TrustError('请填写办公室名称');
  if (!adminName) throw new TrustError('请填写管理员姓名');
  if (!input.deviceName.trim()) throw new TrustError('请填写本机名称');
  const secret = await newOfficeSecret(uuidv7(Date.now()), officeName);
  const sealed = await sealOfficeSecret(secret, input.passphrase);
  const at = now();
  const admin: Member = { id: uuidv7(Date.now()), name: adminName, role: 'admin', team: input.team.trim() };
  const request = await makeJoinRequest(session.device.deviceId, input.deviceName, await deviceKeys(db), at);
  const roster = withDevice(firstRoster(secret, admin, at), request, admin.id, at);
  const signed = await signRoster(secret, roster);
  const file = await makeEnrolmentFile(secret, signed, session.device.deviceId);
  await store.putOfficeSecret(sealed);
  await joinWith(db, session.device.deviceId, file);
  return signed;
}

/** A new laptop's 入网申请 and the code to read out on the phone. */
export async function joinRequest(session: Session, deviceName: string): Promise<{ request: JoinRequest; fingerprint: string }> {
  if (!deviceName.trim()) throw new TrustError('请填写本机名称（如：张三的笔记本）');
  const keys = await deviceKeys(session.db);
  const request = await makeJoinRequest(session.device.deviceId, deviceName, keys, now());
  return { request, fingerprint: await fingerprint(keys.signPublic, keys.boxPublic) };
}

/** 管理员: reads a 入网申请 (to compare its code with the one the colleague reads out). */
export async function readRequest(value: unknown): Promise<{ request: JoinRequest; fingerprint: string }> {
  const request = await readJoinRequest(value);
  return { request, fingerprint: await fingerprint(request.signKey, request.boxKey) };
}

async function unlockOffice(db: InspectorDatabase, passphrase: string): Promise<{ secret: OfficeSecret; signed: SignedRoster }> {
  const store = trustStore(db);
  const sealed = await store.officeSecret();
  const signed = await store.roster();
  if (!sealed || !signed) throw new TrustError('本机没有办公室密钥，只有管理员的电脑可以办理入网和吊销');
  const secret = await openOfficeSecret(sealed, passphrase);
  return { secret, signed };
}

export interface Assignment {
  /** An existing member, or a new one. */
  memberId?: string;
  name: string;
  role: Role;
  team: string;
}

/** 管理员: enrols the laptop of a 入网申请 for a member; returns the 入网文件 for that laptop. */
export async function enrolDevice(session: Session, request: JoinRequest, who: Assignment, passphrase: string): Promise<EnrolmentFile> {
  const { db } = session;
  const { secret, signed } = await unlockOffice(db, passphrase);
  const at = now();
  const name = who.name.trim();
  if (!name) throw new TrustError('请填写使用人姓名');
  const existing = who.memberId ? signed.roster.members.find((m) => m.id === who.memberId) : signed.roster.members.find((m) => m.name === name);
  const member: Member = { id: existing?.id ?? uuidv7(Date.now()), name, role: who.role, team: who.team.trim() };
  const roster = withDevice(withMember(signed.roster, member, at), request, member.id, at);
  const next = await signRoster(secret, { ...roster, version: signed.roster.version + 1 });
  await trustStore(db).putRoster(next);
  return makeEnrolmentFile(secret, next, request.deviceId);
}

/** 管理员: revokes a lost laptop; the signed update travels in this laptop's next bundles. */
export async function revokeDevice(session: Session, deviceId: string, passphrase: string): Promise<SignedRoster> {
  const { db } = session;
  if (deviceId === session.device.deviceId) throw new TrustError('不能吊销本机');
  const { secret, signed } = await unlockOffice(db, passphrase);
  const next = await signRoster(secret, withRevoked(signed.roster, deviceId, now()));
  await trustStore(db).putRoster(next);
  return next;
}

/** The office key file for safekeeping (still encrypted under the passphrase, which is checked first). */
export async function exportOfficeKey(db: InspectorDatabase, passphrase: string): Promise<OfficeSecretFile> {
  await unlockOffice(db, passphrase);
  return (await trustStore(db).officeSecret())!;
}

async function joinWith(db: InspectorDatabase, deviceId: string, file: EnrolmentFile): Promise<void> {
  const keys = await deviceKeys(db);
  const checked = await readEnrolmentFile(file, deviceId, keys);
  const key = await unwrapDataKey(checked.dataKey, keys.boxPrivate);
  const store = trustStore(db);
  const { roster } = checked.roster;
  await db.transaction('rw', db.trust, async () => {
    await store.putRoster(checked.roster);
    await store.putDataKey({ officeId: roster.officeId, officeName: roster.officeName, key });
  });
  await loadWriterRole(db);
}

/**
 * A laptop joins with its 入网文件: the roster is checked and kept, the data key
 * unwrapped, and the profile takes the enrolled name and team (the author of
 * later changes). Returns the session with the new profile.
 */
export async function joinOffice(session: Session, value: unknown, saveProfile: (s: Session, p: { name: string; organisation: string; team: string }) => Promise<Session>): Promise<Session> {
  const { db } = session;
  const current = await trustStore(db).roster();
  if (current) {
    // A newer roster of the same office (a re-enrolment) is fine; another office is not.
    const parsed = (value as { roster?: unknown } | null)?.roster;
    await verifyRoster(parsed, current.roster);
  }
  await joinWith(db, session.device.deviceId, value as EnrolmentFile);
  const signed = (await trustStore(db).roster())!;
  const who = memberOf(signed.roster, session.device.deviceId)!;
  // The profile must stay complete: a member without a 检查组 keeps the one the laptop had.
  return saveProfile(session, { name: who.member.name, organisation: signed.roster.officeName, team: who.member.team || session.profile?.team || '' });
}

/** This laptop's roster, or null when it has not joined an office. */
export async function localRoster(db: InspectorDatabase): Promise<SignedRoster | null> {
  return trustStore(db).roster();
}

/** Whether this laptop holds the office key (the 管理员's laptop). */
export async function holdsOfficeKey(db: InspectorDatabase): Promise<boolean> {
  return (await trustStore(db).officeSecret()) !== null;
}
