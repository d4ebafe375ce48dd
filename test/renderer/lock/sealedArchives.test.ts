import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile, type Session } from '../../../renderer/db/session';
import { sealBackupSink, sealBundleSink, setOfficeKeyProvider } from '../../../renderer/features/lock/sealing';
import { createBackup, restoreBackup, writeBackup } from '../../../renderer/features/sync/backupService';
import { exportSyncBundle, importSyncBundle, previewSyncBundle, writeSyncBundle } from '../../../renderer/features/sync/syncService';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';
import { memorySink } from '../../../shared/backup/byteStreams';
import { generateDataKey, readSealHeader } from '../../../shared/crypto/envelope';
import { memorySource } from '../../../shared/backup/byteStreams';

const names: string[] = [];
async function laptop(name: string): Promise<Session> {
  const dbName = `seal-${Math.random().toString(36).slice(2)}`;
  names.push(dbName);
  return saveProfile(await openSession(new InspectorDatabase(dbName)), { name, organisation: '盘锦市政务公开办公室', team: '一组' });
}
afterEach(async () => {
  setOfficeKeyProvider(async () => null);
  for (const n of names.splice(0)) await Dexie.delete(n);
});

const unit = { kind: '政府部门' as const, region: '市直', address: '', contactPerson: '', contactPhone: '', disclosurePhones: [], note: '' };

async function withUnits(s: Session, ...units: string[]) {
  await new TargetRepository(s.db, s.logger).createMany(units.map((name) => ({ ...unit, name })));
  return s;
}

async function sealedBackup(s: Session, passphrase?: string): Promise<Uint8Array> {
  const out = memorySink('b.zwgkbak');
  await writeBackup(s, await sealBackupSink(s.db, out, passphrase), 'test', { includePhotos: false });
  return out.bytes();
}

const targetNames = async (s: Session) => (await s.db.targets.toArray()).map((t) => t.name).sort();

async function zipEntries(bytes: Uint8Array): Promise<string[] | Error> {
  const { ZipReader, Uint8ArrayReader } = await import('@zip.js/zip.js/index-native.js');
  try {
    return (await new ZipReader(new Uint8ArrayReader(bytes)).getEntries()).map((e) => e.filename);
  } catch (e) {
    return e as Error;
  }
}

describe('encrypted backups', () => {
  it('restores on the laptop that made it and is not a zip anyone can list', async () => {
    const a = await withUnits(await laptop('王明'), '盘锦市教育局', '盘锦市民政局');
    const bytes = await sealedBackup(a);
    expect(await zipEntries(bytes)).toBeInstanceOf(Error);
    expect(new TextDecoder('latin1').decode(bytes)).not.toContain('盘锦市教育局');
    await new TargetRepository(a.db, a.logger).create({ ...unit, name: '后来添加的单位' });
    const preview = await restoreBackup(a, bytes);
    expect(preview.encrypted).toBe(true);
    expect(await targetNames(a)).toEqual(['盘锦市教育局', '盘锦市民政局']);
  });

  it('refuses a flipped bit in the header, the first chunk and the last chunk, a cut file and another laptop’s key, and changes nothing', async () => {
    const a = await withUnits(await laptop('王明'), '盘锦市教育局');
    const bytes = await sealedBackup(a);
    const headerBytes = (await readSealHeader(memorySource(bytes))).raw.byteLength;
    await new TargetRepository(a.db, a.logger).create({ ...unit, name: '本机单位' });
    const before = await targetNames(a);
    const flips = [10, headerBytes - 3, headerBytes + 1, bytes.byteLength - 1];
    for (const at of flips) {
      const bad = bytes.slice();
      bad[at] ^= 0x10;
      await expect(restoreBackup(a, bad)).rejects.toThrow(/备份文件已损坏或被改动|备份文件/);
      expect(await targetNames(a)).toEqual(before);
    }
    await expect(restoreBackup(a, bytes.slice(0, bytes.byteLength - 7))).rejects.toThrow('备份文件已损坏或被改动');
    expect(await targetNames(a)).toEqual(before);
    const b = await withUnits(await laptop('李华'), '李华的单位');
    await expect(restoreBackup(b, bytes)).rejects.toThrow('该备份文件由另一台电脑加密，且未设置密码，本机无法打开');
    expect(await targetNames(b)).toEqual(['李华的单位']);
  });

  it('opens on another laptop with the passphrase set for it; a wrong one is refused and nothing is written', async () => {
    const a = await withUnits(await laptop('王明'), '盘锦市教育局');
    const bytes = await sealedBackup(a, '带走的备份密码abc');
    const b = await withUnits(await laptop('李华'), '李华的单位');
    await expect(restoreBackup(b, bytes)).rejects.toThrow('请输入密码');
    await expect(restoreBackup(b, bytes, { passphrase: '错误的备份密码abc' })).rejects.toThrow(/^密码不正确/);
    expect(await targetNames(b)).toEqual(['李华的单位']);
    await restoreBackup(b, bytes, { passphrase: '带走的备份密码abc' });
    expect(await targetNames(b)).toEqual(['盘锦市教育局']);
  });

  it('still opens an old plain backup, saying it was not encrypted', async () => {
    const a = await withUnits(await laptop('王明'), '盘锦市教育局');
    const { bytes } = await createBackup(a, 'test', { includePhotos: false });
    const b = await laptop('李华');
    expect((await restoreBackup(b, bytes)).encrypted).toBe(false);
    expect(await targetNames(b)).toEqual(['盘锦市教育局']);
  });
});

describe('encrypted bundles', () => {
  async function bundle(s: Session, protection: Parameters<typeof sealBundleSink>[2]): Promise<Uint8Array> {
    const out = memorySink('x.zwgksync');
    await writeSyncBundle(s, await sealBundleSink(s.db, out, protection), 'test');
    return out.bytes();
  }

  it('is sealed for the office: a colleague with the office key merges it; tables/findings.json cannot be listed', async () => {
    const officeKey = await generateDataKey();
    setOfficeKeyProvider(async () => ({ officeId: 'office-1', officeName: '盘锦市政务公开办公室', key: officeKey }));
    const a = await withUnits(await laptop('王明'), '盘锦市教育局');
    const bytes = await bundle(a, { mode: 'office' });
    const listed = await zipEntries(bytes);
    expect(listed).toBeInstanceOf(Error);
    const b = await laptop('李华');
    const summary = await importSyncBundle(b, 'x.zwgksync', bytes);
    expect(summary.newChanges).toBeGreaterThan(0);
    expect(await targetNames(b)).toEqual(['盘锦市教育局']);
    setOfficeKeyProvider(async () => null);
    const c = await laptop('外单位');
    await expect(importSyncBundle(c, 'x.zwgksync', bytes)).rejects.toThrow('该同步数据包为「盘锦市政务公开办公室」加密，本机不在该单位的加密名单中，无法打开');
    expect(await c.db.changes.count()).toBe(0);
  });

  it('without an office: refuses to seal for one, seals with a passphrase, or goes plain when chosen', async () => {
    const a = await withUnits(await laptop('王明'), '盘锦市教育局');
    const refused = memorySink();
    await expect(sealBundleSink(a.db, refused, { mode: 'office' })).rejects.toThrow('本机尚未加入任何单位');
    expect(refused.aborted).toBe(true);
    const sealed = await bundle(a, { mode: 'passphrase', passphrase: '同步数据包密码2026' });
    const b = await laptop('李华');
    await expect(previewSyncBundle(b, sealed)).rejects.toThrow('该同步数据包已用密码加密，请输入密码');
    await expect(importSyncBundle(b, 'x', sealed, { passphrase: '不是这个密码2026' })).rejects.toThrow('密码不正确');
    expect(await b.db.changes.count()).toBe(0);
    expect((await previewSyncBundle(b, sealed, { passphrase: '同步数据包密码2026' })).encrypted).toBe(true);
    await importSyncBundle(b, 'x', sealed, { passphrase: '同步数据包密码2026' });
    expect(await targetNames(b)).toEqual(['盘锦市教育局']);
    const plain = await bundle(a, { mode: 'plain' });
    expect(await zipEntries(plain)).toContain('tables/changes.json');
    const old = (await exportSyncBundle(a, 'test')).bytes;
    expect((await previewSyncBundle(await laptop('赵强'), old)).encrypted).toBe(false);
  });
});
