import type { InspectorDatabase } from '../../db/database';
import type { Session } from '../../db/session';
import { loadWriterRole } from '../../db/writerRole';
import { fingerprint } from '../../../shared/trust/keys';
import {
  firstRoster,
  makeEnrolmentFile,
  makeJoinRequest,
  memberOf,
  newerRoster,
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
import { officeSecretFileSchema, type EnrolmentFile, type JoinRequest, type Member, type OfficeSecretFile, type Role, type SignedRoster } from '../../../shared/trust/model';
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

/** The office key file for safekeeping (still encrypted under the passphrase, which is checked first), with the current roster. */
export async function exportOfficeKey(db: InspectorDatabase, passphrase: string): Promise<OfficeSecretFile> {
  const { signed } = await unlockOffice(db, passphrase);
  const { roster: _older, ...sealed } = (await trustStore(db).officeSecret())!;
  return { ...sealed, roster: signed };
}

/**
 * 管理员, on a new laptop (the old one lost or broken): the exported office key
 * file and its passphrase make this laptop a laptop of the office's 管理员, so
 * it can again enrol and revoke. The roster is the newest of the one in the
 * file and one this laptop already holds of the same office; the 管理员's old
 * laptop stays listed until revoked. A wrong passphrase, a damaged file or
 * another office's file is refused and nothing is written.
 */
export async function restoreOfficeKey(
  session: Session,
  value: unknown,
  passphrase: string,
  deviceName: string,
  saveProfile: (s: Session, p: { name: string; organisation: string; team: string }) => Promise<Session>,
): Promise<Session> {
  const { db } = session;
  if (!deviceName.trim()) throw new TrustError('请填写本机名称');
  const secret = await openOfficeSecret(value, passphrase);
  const file = value as OfficeSecretFile;
  const store = trustStore(db);
  const local = await store.roster();
  if (local && local.roster.officeId !== secret.officeId) throw new TrustError(`本机已加入「${local.roster.officeName}」，不能恢复另一办公室的密钥`);
  const pinned = { officeId: secret.officeId, officeKey: secret.signPublic };
  let fromFile: SignedRoster | null = null;
  if (file.roster !== undefined) {
    try {
      fromFile = await verifyRoster(file.roster, pinned);
    } catch (e) {
      throw new TrustError(`密钥文件中的${(e as Error).message}`);
    }
  }
  const known = newerRoster(local, fromFile);
  if (!known) throw new TrustError('密钥文件中没有人员名单（由旧版本导出）：请先导入一位同事的同步数据包，再恢复');
  const mine = memberOf(known.roster, session.device.deviceId);
  const admin = mine && mine.member.role === 'admin' ? mine.member : known.roster.members.find((m) => m.role === 'admin');
  if (!admin) throw new TrustError('人员名单中没有管理员');
  if (mine && mine.member.id !== admin.id) throw new TrustError(`本机已登记为「${mine.member.name}」的电脑，请在管理员使用的电脑上恢复办公室密钥`);
  const at = now();
  const request = await makeJoinRequest(session.device.deviceId, deviceName, await deviceKeys(db), at);
  const next = await signRoster(secret, withDevice(known.roster, request, admin.id, at));
  const enrolment = await makeEnrolmentFile(secret, next, session.device.deviceId);
  const { roster: _r, ...sealed } = file;
  await store.putOfficeSecret(officeSecretFileSchema.parse(sealed));
  // As when the office was set up: this laptop joins with its own 入网文件.
  await joinWith(db, session.device.deviceId, enrolment);
  return saveProfile(session, { name: admin.name, organisation: next.roster.officeName, team: admin.team || session.profile?.team || '' });
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
