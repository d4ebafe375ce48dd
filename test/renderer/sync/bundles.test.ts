import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile, type Session } from '../../../renderer/db/session';
import { indexedDbOriginals } from '../../../renderer/features/photos/originalStore';
import { exportSyncBundle, importSyncBundle, knownPeers, localInventory, openSyncBundle } from '../../../renderer/features/sync/syncService';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';
import { parseInventory } from '../../../shared/backup/inventory';
import { memorySource } from '../../../shared/backup/byteStreams';
import { sha256Hex } from '../../../shared/util/sha256';
import { makeZip } from '../../support/zipBombs';
import { jpeg } from './fakePlatform';

const names: string[] = [];
async function laptop(who: string): Promise<Session> {
  const name = `bundle-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  return saveProfile(await openSession(new InspectorDatabase(name)), { name: who, organisation: '办', team: '一组' });
}
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});
const unit = { kind: '政府部门' as const, region: '市直', address: '', contactPerson: '', contactPhone: '', disclosurePhones: [], note: '' };

async function addPhoto(s: Session, fill: number) {
  const original = jpeg(fill, fill, fill);
  const hash = await sha256Hex(original);
  await s.db.photoBlobs.put({ id: `${hash}:thumb`, photoId: hash, blob: new Blob([jpeg(fill) as BlobPart], { type: 'image/jpeg' }) });
  await indexedDbOriginals(s.db).put(hash, original);
  return hash;
}

async function filesOf(bytes: Uint8Array): Promise<Record<string, Uint8Array>> {
  const { ZipReader, Uint8ArrayReader, Uint8ArrayWriter } = await import('@zip.js/zip.js/index-native.js');
  const zip = new ZipReader(new Uint8ArrayReader(bytes));
  const out: Record<string, Uint8Array> = {};
  for (const e of await zip.getEntries()) if (!e.directory) out[e.filename] = await e.getData(new Uint8ArrayWriter());
  return out;
}

describe('bundles that leave out what the receiver has', () => {
  it('a bundle made for a receiver’s inventory carries only the changes and photos it lacks, and merges to the same result', async () => {
    const a = await laptop('王明');
    const b = await laptop('李华');
    const repoA = new TargetRepository(a.db, a.logger);
    await repoA.create({ ...unit, name: '盘锦市教育局' });
    const first = await addPhoto(a, 1);
    await importSyncBundle(b, 'a1', (await exportSyncBundle(a, 'test')).bytes);
    // B writes its inventory file (导出本机清单); A reads it back.
    const inv = parseInventory(JSON.stringify(await localInventory(b)));
    expect(inv.photos).toEqual([first]);
    expect(inv.heads[a.device.deviceId]).toBeDefined();

    await repoA.create({ ...unit, name: '盘锦市民政局' });
    const second = await addPhoto(a, 2);
    const full = await exportSyncBundle(a, 'test');
    const reduced = await exportSyncBundle(a, 'test', { receiver: inv });
    expect(reduced.changes).toBeLessThan(full.changes);
    expect(reduced.bytes.byteLength).toBeLessThan(full.bytes.byteLength);
    const opened = await openSyncBundle(b, reduced.bytes);
    expect(opened.blobs.map((x) => x.photoId)).toEqual([second]);
    expect(opened.preview.reducedFor).toMatchObject({ deviceId: b.device.deviceId, author: '李华' });
    expect(opened.entries.every((e) => e.hlc > inv.heads[a.device.deviceId])).toBe(true);
    await opened.close();

    await importSyncBundle(b, 'a2', reduced.bytes);
    expect((await b.db.targets.toArray()).map((t) => t.name).sort()).toEqual(['盘锦市教育局', '盘锦市民政局']);
    expect((await b.db.photoBlobs.toArray()).map((x) => x.photoId).sort()).toEqual([first, second].sort());
    // The same as merging the full bundle.
    const again = await importSyncBundle(b, 'a-full', full.bytes);
    expect(again.newChanges).toBe(0);
  });

  it('learns a colleague’s inventory from their bundle, so the next bundle for them is smaller', async () => {
    const a = await laptop('王明');
    const b = await laptop('李华');
    await new TargetRepository(b.db, b.logger).create({ ...unit, name: '盘山县人民政府' });
    await addPhoto(b, 3);
    await importSyncBundle(a, 'b', (await exportSyncBundle(b, 'test')).bytes);
    const peers = await knownPeers(a.db);
    expect(peers.map((p) => [p.deviceId, p.author])).toEqual([[b.device.deviceId, '李华']]);
    const back = await exportSyncBundle(a, 'test', { receiver: peers[0] });
    const opened = await openSyncBundle(b, back.bytes);
    expect(opened.entries).toEqual([]); // everything A has came from B
    expect(opened.blobs).toEqual([]);
    await opened.close();
  });

  it('carries the original files when asked, and the receiver keeps them', async () => {
    const a = await laptop('王明');
    const b = await laptop('李华');
    const hash = await addPhoto(a, 4);
    const without = await openSyncBundle(b, (await exportSyncBundle(a, 'test')).bytes);
    expect(without.originals).toEqual([]);
    await without.close();
    await importSyncBundle(b, 'a', (await exportSyncBundle(a, 'test', { includeOriginals: true })).bytes);
    expect(await indexedDbOriginals(b.db).read(hash)).toEqual(jpeg(4, 4, 4));
  });
});

describe('bundles are checked before anything is written', () => {
  it('refuses a bundle with a 2 GB junk entry, and one whose photo is not a picture, writing nothing', async () => {
    const a = await laptop('王明');
    const b = await laptop('李华');
    await new TargetRepository(a.db, a.logger).create({ ...unit, name: '盘锦市教育局' });
    await addPhoto(a, 5);
    const good = await filesOf((await exportSyncBundle(a, 'test')).bytes);
    const bomb = await makeZip(good, [{ name: 'junk.bin', inflatedBytes: 2 * 1024 ** 3 }]);
    const source = memorySource(bomb);
    await expect(importSyncBundle(b, 'bomb', source)).rejects.toThrow('同步数据包中的条目「junk.bin」声明大小 2,048 MB，超过上限 1,024 MB，已拒绝读取');
    expect(source.bytesRead).toBeLessThan(100 * 1024);

    const manifest = JSON.parse(new TextDecoder().decode(good['manifest.json']));
    const html = new TextEncoder().encode('<html>not a photo</html>');
    good[manifest.blobs[0].file] = html;
    manifest.blobs[0].sha256 = await sha256Hex(html);
    manifest.blobs[0].bytes = html.byteLength;
    good['manifest.json'] = new TextEncoder().encode(JSON.stringify(manifest));
    await expect(importSyncBundle(b, 'forged', await makeZip(good))).rejects.toThrow('合并失败，本机数据未改变：同步数据包内容无效：照片数据不是图片');
    expect(await b.db.targets.count()).toBe(0);
    expect(await b.db.photoBlobs.count()).toBe(0);
    expect(await b.db.importedBundles.count()).toBe(0);
  });
});
