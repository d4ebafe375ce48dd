import { saveProfile } from '../../../renderer/db/session';
import { enrolDevice, joinOffice, joinRequest, setupOffice } from '../../../renderer/features/trust/enrolment';
import type { Role } from '../../../shared/trust/model';
import { laptop, type Laptop } from '../sync/laptops';

export const PASSPHRASE = '盘锦政务公开2026';
export const OFFICE = '盘锦市政务公开办公室';

/** The 管理员's laptop with a new office. */
export async function adminLaptop(name = '王主任'): Promise<Laptop> {
  const a = await laptop(name);
  await setupOffice(a.session, { officeName: OFFICE, adminName: name, team: '', deviceName: `${name}的电脑`, passphrase: PASSPHRASE });
  a.session = await saveProfile(a.session, { name, organisation: OFFICE, team: '' });
  return a;
}

/** A laptop enrolled by the 管理员 for a member with a role (the real files, through JSON as on a USB stick). */
export async function enrolledLaptop(admin: Laptop, name: string, role: Role, team = '第一检查组'): Promise<Laptop> {
  const l = await laptop(name);
  await enrol(admin, l, name, role, team);
  return l;
}

export async function enrol(admin: Laptop, l: Laptop, name: string, role: Role, team = '第一检查组'): Promise<void> {
  const { request } = await joinRequest(l.session, `${name}的笔记本`);
  const file = await enrolDevice(admin.session, JSON.parse(JSON.stringify(request)), { name, role, team }, PASSPHRASE);
  l.session = await joinOffice(l.session, JSON.parse(JSON.stringify(file)), saveProfile);
  l.repo = new (l.repo.constructor as new (...a: unknown[]) => Laptop['repo'])(l.session.db, l.session.logger);
}
