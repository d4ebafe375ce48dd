import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backup, check, restore } from '../../server/admin';
import { MIGRATIONS } from '../../server/migrations';
import { Api, enrol } from './support/client';
import { entries, makeOffice, type TestOffice } from './support/office';
import { ENGINES, startServer, type TestServer } from './support/servers';

describe.each(ENGINES)('backup, restore and check on %s', (engine) => {
  let server: TestServer;
  let office: TestOffice;
  let lead: Api;
  let li: Api;
  const backups = mkdtempSync(join(tmpdir(), 'zwgk-backup-'));

  beforeAll(async () => {
    server = await startServer(engine);
    office = await makeOffice('office-bk', { admin: { name: '王主任', role: 'admin' }, lead: { name: '张组长', role: 'lead' }, li: { name: '李华', role: 'inspector' } });
    await server.store.createOffice(office.signed);
    lead = await enrol(server, office, office.laptops.lead);
    li = await enrol(server, office, office.laptops.li);
  });
  afterAll(async () => {
    await server?.dispose();
    rmSync(backups, { recursive: true, force: true });
  });

  it('a server restored from an older backup changes its epoch: laptops are told to resync, re-push what it lost, and end with every entry once', async () => {
    const before = await entries(office.laptops.li, 20);
    await li.push(before);
    const photo = randomBytes(4000);
    const hash = createHash('sha256').update(photo).digest('hex');
    await fetch(`${server.url}/v1/blobs/${hash}`, { method: 'PUT', headers: { authorization: `Bearer ${li.token}`, 'content-type': 'application/octet-stream', 'upload-offset': '0', 'upload-length': '4000' }, body: photo });
    const dir = join(backups, 'b1');
    const manifest = await backup(server.store, server.dataDir, dir);
    expect(manifest.rows.entries).toBe(20);
    expect(manifest.blobFiles).toBe(1);
    const after = await entries(office.laptops.li, 15);
    await li.push(after);
    const synced = await lead.pullAll();
    expect(synced.ids).toHaveLength(35);

    const { epoch } = await restore(server.store, server.dataDir, dir);
    expect(epoch).not.toBe(manifest.epoch);
    // The lead's laptop comes back with its cursor of the old epoch: told to resync, not served a wrong page.
    const stale = await lead.pull(synced.cursor);
    expect(stale.status).toBe(409);
    expect(stale.body.error!.code).toBe('epoch-changed');
    // Tokens and rosters came back with the backup: the laptops still get in.
    const fromZero = await lead.pullAll();
    expect(fromZero.ids).toEqual(before.map((e) => e.id));
    // The inspector's laptop resyncs: pushes everything it has; the server takes only what it lost.
    const repush = await li.push([...before, ...after]);
    expect(repush.body.accepted).toHaveLength(35);
    const again = await lead.pullAll(fromZero.cursor);
    expect(again.ids).toEqual(after.map((e) => e.id));
    const all = (await lead.pullAll()).ids;
    expect(new Set(all).size).toBe(35);
    expect(all).toHaveLength(35);
    const file = await fetch(`${server.url}/v1/blobs/${hash}`, { headers: { authorization: `Bearer ${lead.token}` } });
    expect(Buffer.from(await file.arrayBuffer()).equals(photo)).toBe(true);
  });

  it('check finds nothing wrong on a sound server and names a photo file that went missing', async () => {
    const sound = await check(server.store, server.dataDir, true);
    expect(sound.problems).toEqual([]);
    expect(sound.offices).toEqual([expect.objectContaining({ id: office.officeId, entries: 35, blobs: 1 })]);
    const photo = randomBytes(100);
    const hash = createHash('sha256').update(photo).digest('hex');
    await fetch(`${server.url}/v1/blobs/${hash}`, { method: 'PUT', headers: { authorization: `Bearer ${li.token}`, 'content-type': 'application/octet-stream', 'upload-offset': '0', 'upload-length': '100' }, body: photo });
    rmSync(server.blobs.path(office.officeId, hash));
    const broken = await check(server.store, server.dataDir);
    expect(broken.problems).toEqual([expect.stringContaining(`照片文件缺失 / photo file missing: ${hash}`)]);
  });

  it('the schema is migrated once; a restart on the same storage keeps everything', async () => {
    const versions = (await server.store.db.query<{ version: number }>('select version from schema_migrations order by version')).map((r) => Number(r.version));
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
    const storage = { dataDir: server.dataDir, databaseUrl: server.databaseUrl };
    await server.close();
    server = await startServer(engine, {}, storage);
    expect((await server.store.db.query('select version from schema_migrations')).length).toBe(MIGRATIONS.length);
    const again = new Api(server.url, lead.token);
    expect((await again.pullAll()).ids).toHaveLength(35);
  });
});
