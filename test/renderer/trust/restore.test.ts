import { afterEach, describe, expect, it } from 'vitest';
import { saveProfile } from '../../../renderer/db/session';
import { currentMember, officeDataKey } from '../../../renderer/features/trust/officeKeys';
import { enrolDevice, exportOfficeKey, holdsOfficeKey, joinOffice, joinRequest, localRoster, restoreOfficeKey, revokeDevice } from '../../../renderer/features/trust/enrolment';
import { importSyncBundle } from '../../../renderer/features/sync/syncService';
import { bundleOf, closeAll, exchange, laptop, unit, type Laptop } from '../sync/laptops';
import { adminLaptop, enrolledLaptop, PASSPHRASE } from './office';

afterEach(closeAll);

/** The key file as it comes back from a USB stick. */
async function keyFile(admin: Laptop): Promise<Record<string, unknown>> {
  return JSON.parse(JSON.stringify(await exportOfficeKey(admin.session.db, PASSPHRASE)));
}

const trustRows = async (l: Laptop) => JSON.stringify(await l.session.db.trust.toArray());

describe('restoring the office key on another laptop', () => {
  it('a wrong passphrase, a damaged file or not a key file is refused with nothing written', async () => {
    const admin = await adminLaptop();
    const file = await keyFile(admin);
    const fresh = await laptop('新电脑');
    const before = await trustRows(fresh);
    await expect(restoreOfficeKey(fresh.session, file, '不是这个口令123', '王主任的新电脑', saveProfile)).rejects.toThrow('办公室密钥口令不正确，或密钥文件已损坏');
    const ct = file.ct as string;
    const damaged = { ...file, ct: `${ct.slice(0, 40)}${ct[40] === 'A' ? 'B' : 'A'}${ct.slice(41)}` };
    await expect(restoreOfficeKey(fresh.session, damaged, PASSPHRASE, '王主任的新电脑', saveProfile)).rejects.toThrow('办公室密钥口令不正确，或密钥文件已损坏');
    await expect(restoreOfficeKey(fresh.session, { format: 'zwgk-roster' }, PASSPHRASE, '王主任的新电脑', saveProfile)).rejects.toThrow('该文件不是办公室密钥文件');
    // The roster in the file is signed by the office key: an added laptop is refused.
    const roster = file.roster as { roster: { devices: { name: string }[] } };
    const forged = { ...file, roster: { ...roster, roster: { ...roster.roster, devices: roster.roster.devices.map((d) => ({ ...d, name: '伪造的电脑' })) } } };
    await expect(restoreOfficeKey(fresh.session, forged, PASSPHRASE, '王主任的新电脑', saveProfile)).rejects.toThrow('密钥文件中的人员名单的办公室签名无效');
    expect(await trustRows(fresh)).toBe(before);
    expect(await holdsOfficeKey(fresh.session.db)).toBe(false);
  });

  it('the 管理员 on a new laptop can again enrol and revoke; colleagues accept the new laptop and the revocation of the old one', async () => {
    const admin = await adminLaptop();
    const lead = await enrolledLaptop(admin, '李华', 'lead');
    const file = await keyFile(admin);

    const fresh = await laptop('新电脑');
    fresh.session = await restoreOfficeKey(fresh.session, file, PASSPHRASE, '王主任的新电脑', saveProfile);
    fresh.repo = new (fresh.repo.constructor as new (...a: unknown[]) => Laptop['repo'])(fresh.session.db, fresh.session.logger);
    expect(await holdsOfficeKey(fresh.session.db)).toBe(true);
    expect(await currentMember(fresh.session.db)).toMatchObject({ name: '王主任', role: 'admin' });
    expect((await officeDataKey(fresh.session.db))?.officeName).toBe('盘锦市政务公开办公室');
    const roster = (await localRoster(fresh.session.db))!.roster;
    expect(roster.devices.map((d) => d.name).sort()).toEqual(['李华的笔记本', '王主任的新电脑', '王主任的电脑'].sort());

    // Enrol a new inspector from the restored laptop.
    const inspector = await laptop('张强');
    const { request } = await joinRequest(inspector.session, '张强的笔记本');
    const enrolment = await enrolDevice(fresh.session, JSON.parse(JSON.stringify(request)), { name: '张强', role: 'inspector', team: '第一检查组' }, PASSPHRASE);
    inspector.session = await joinOffice(inspector.session, JSON.parse(JSON.stringify(enrolment)), saveProfile);
    expect(await currentMember(inspector.session.db)).toMatchObject({ name: '张强', role: 'inspector' });

    // The old laptop is revoked from the new one; the 组长 takes the news from the new laptop's bundle.
    await revokeDevice(fresh.session, admin.session.device.deviceId, PASSPHRASE);
    await fresh.repo.create(unit('盘锦市教育局'));
    await exchange(lead, fresh);
    expect((await lead.session.db.targets.toArray()).map((t) => t.name)).toEqual(['盘锦市教育局']);
    await admin.repo.create(unit('盘锦市财政局'));
    await expect(importSyncBundle(lead.session, 'x.zwgksync', await bundleOf(admin))).rejects.toThrow('已被吊销');
  });

  it('a laptop of another member or of another office may not take the office key', async () => {
    const admin = await adminLaptop();
    const lead = await enrolledLaptop(admin, '李华', 'lead');
    const file = await keyFile(admin);
    await expect(restoreOfficeKey(lead.session, file, PASSPHRASE, '李华的笔记本', saveProfile)).rejects.toThrow('本机已登记为「李华」的电脑');
    const other = await adminLaptop('赵主任');
    const before = await trustRows(other);
    await expect(restoreOfficeKey(other.session, file, PASSPHRASE, '赵主任的电脑', saveProfile)).rejects.toThrow('不能恢复另一办公室的密钥');
    expect(await trustRows(other)).toBe(before);
  });
});
