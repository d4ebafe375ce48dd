import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayDigest } from '../../shared/sync/server/protocol';
import { Api, enrol } from './support/client';
import { entries, entry, enrolProof, makeOffice, revokedRoster, type TestOffice } from './support/office';
import { ENGINES, startServer, type TestServer } from './support/servers';

const DAY = 24 * 60 * 60 * 1000;

describe.each(ENGINES)('offices, devices and notice numbers on %s', (engine) => {
  let server: TestServer;
  let a: TestOffice;
  let b: TestOffice;
  let aLead: Api;
  let aLi: Api;
  let bLead: Api;

  beforeAll(async () => {
    server = await startServer(engine);
    a = await makeOffice('office-a', { admin: { name: '王主任', role: 'admin' }, lead: { name: '张组长', role: 'lead' }, li: { name: '李华', role: 'inspector' } });
    b = await makeOffice('office-b', { admin: { name: '孙主任', role: 'admin' }, lead: { name: '周组长', role: 'lead' } });
    await server.store.createOffice(a.signed);
    await server.store.createOffice(b.signed);
    aLead = await enrol(server, a, a.laptops.lead);
    aLi = await enrol(server, a, a.laptops.li);
    bLead = await enrol(server, b, b.laptops.lead);
  });
  afterAll(() => server?.dispose());

  it("one office's laptops never see another office's entries or photos", async () => {
    const mine = await entries(a.laptops.li, 5);
    const theirs = await entries(b.laptops.lead, 5);
    await aLi.push(mine);
    await bLead.push(theirs);
    const photo = randomBytes(1000);
    const hash = createHash('sha256').update(photo).digest('hex');
    const put = await fetch(`${server.url}/v1/blobs/${hash}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${bLead.token}`, 'content-type': 'application/octet-stream', 'upload-offset': '0', 'upload-length': '1000' },
      body: photo,
    });
    expect(put.status).toBe(201);
    const seenByA = (await aLead.pullAll()).ids;
    expect(seenByA).toEqual(expect.arrayContaining(mine.map((e) => e.id)));
    expect(seenByA.some((id) => theirs.some((e) => e.id === id))).toBe(false);
    expect((await fetch(`${server.url}/v1/blobs/${hash}`, { headers: { authorization: `Bearer ${aLead.token}` } })).status).toBe(404);
    expect((await aLead.call('POST', '/v1/blobs/missing', { hashes: [hash] })).body.missing).toEqual([hash]);
    // Office B's entries pushed through office A's laptop: not A's laptops, refused.
    const relayed = await aLead.push(theirs);
    expect(relayed.body.refused.map((r) => r.code)).toEqual(theirs.map(() => 'unknown-device'));
    // An enrolment code of office A does not enrol into office B.
    const { code } = await server.store.makeEnrolCode(a.officeId, a.laptops.admin.deviceId);
    const cross = await new Api(server.url).call('POST', '/v1/enrol', { officeId: b.officeId, code, deviceId: a.laptops.admin.deviceId, proof: await enrolProof(a.laptops.admin, b.officeId, code) });
    expect(cross.status).toBe(401);
  });

  it('a laptop revoked on the server loses its token at once; re-enrolling with a new code lets it back', async () => {
    const admin = await enrol(server, a, a.laptops.admin);
    expect((await admin.pull()).status).toBe(200);
    expect(await server.store.revokeDevice(a.officeId, a.laptops.admin.deviceId)).toBe(true);
    const cut = await admin.pull();
    expect(cut.status).toBe(403);
    expect(cut.body.error).toMatchObject({ code: 'revoked-device', message: expect.stringContaining('吊销') });
    const back = await enrol(server, a, a.laptops.admin);
    expect((await back.pull()).status).toBe(200);
    expect((await admin.pull()).status).toBe(401);
  });

  it('a newer roster is taken only when the office key signed it; a revocation in it cuts the laptop off', async () => {
    const forgedBy = await makeOffice('office-a', { admin: { name: '冒充者', role: 'admin' } });
    const forged = await aLead.call('PUT', '/v1/roster', { roster: forgedBy.signed });
    expect(forged.status).toBe(422);
    expect(forged.body.error!.message).toContain('属于另一个办公室');
    const edited = { ...a.signed, roster: { ...a.signed.roster, version: a.signed.roster.version + 5, members: a.signed.roster.members.map((m) => ({ ...m, role: 'admin' })) } };
    const tampered = await aLead.call('PUT', '/v1/roster', { roster: edited });
    expect(tampered.status).toBe(422);
    expect(tampered.body.error!.message).toContain('签名无效');
    const older = await aLead.call('PUT', '/v1/roster', { roster: a.signed });
    expect(older.status).toBe(200);
    expect(older.body).toMatchObject({ changed: false });
    const newer = await revokedRoster(a, a.laptops.li.deviceId);
    const put = await aLead.call('PUT', '/v1/roster', { roster: newer });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ changed: true, version: newer.roster.version });
    expect((await aLead.call<{ roster: unknown }>('GET', '/v1/roster')).body.roster).toEqual(newer);
    const li = await aLi.pull();
    expect(li.status).toBe(403);
    expect(li.body.error!.code).toBe('revoked-device');
    const back = await aLead.call('PUT', '/v1/roster', { roster: a.signed });
    expect(back.status).toBe(409);
    expect(back.body.error!.message).toContain('已有更新的人员名单');
  });

  it('notice numbers come from one series per issuer and year: atomic, never reused, lead only', async () => {
    const ask = (api: Api, issuer: string, noticeId: string, year = 2026) => api.call<{ seq: number }>('POST', '/v1/notice-numbers', { issuer, year, noticeId });
    const many = await Promise.all(Array.from({ length: 12 }, (_, i) => ask(aLead, '盘政公改', `n-${i}`)));
    expect(many.map((r) => r.status)).toEqual(many.map(() => 200));
    expect(many.map((r) => r.body.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const again = await ask(aLead, '盘政公改', 'n-3');
    expect(again.body.seq).toBe(many[3].body.seq);
    expect((await ask(aLead, '盘政公改', 'n-next')).body.seq).toBe(13);
    expect((await ask(aLead, '盘政公改', 'n-2027', 2027)).body.seq).toBe(1);
    expect((await ask(aLead, '大洼政公改', 'n-other')).body.seq).toBe(1);
    expect((await ask(bLead, '盘政公改', 'b-1')).body.seq).toBe(1);
    const admin = await enrol(server, a, a.laptops.admin);
    expect((await ask(admin, '盘政公改', 'admin-n')).body.seq).toBe(14);
  });

  it('an inspector asking for a notice number is refused with a Chinese message and uses no number', async () => {
    const c = await makeOffice('office-c', { admin: { name: '钱主任', role: 'admin' }, lead: { name: '吴组长', role: 'lead' }, li: { name: '郑明', role: 'inspector' } });
    await server.store.createOffice(c.signed);
    const li = await enrol(server, c, c.laptops.li);
    const refused = await li.call('POST', '/v1/notice-numbers', { issuer: '盘政公改', year: 2026, noticeId: 'x' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'forbidden-role', message: expect.stringContaining('须由组长操作') });
    const lead = await enrol(server, c, c.laptops.lead);
    expect((await lead.call<{ seq: number }>('POST', '/v1/notice-numbers', { issuer: '盘政公改', year: 2026, noticeId: 'y' })).body.seq).toBe(1);
  });

  it('the digest per day matches what a laptop computes from its own entries', async () => {
    const base = Date.parse('2026-05-10T08:00:00Z');
    const day1 = [await entry(a.laptops.lead, { ms: base }), await entry(a.laptops.lead, { ms: base + 1000 })];
    const day2 = [await entry(a.laptops.lead, { ms: base + DAY })];
    await aLead.push([...day1, ...day2]);
    const res = await aLead.call<{ days: { day: string; count: number; digest: string }[] }>('GET', '/v1/digest?from=2026-05-10&to=2026-05-11');
    expect(res.body.days).toEqual([
      { day: '2026-05-10', count: 2, digest: await dayDigest(day1.map((e) => e.id)) },
      { day: '2026-05-11', count: 1, digest: await dayDigest(day2.map((e) => e.id)) },
    ]);
  });

  it('keeps an audit log of who pushed, pulled and enrolled', async () => {
    const log = await server.store.auditLog(a.officeId, 500);
    const actions = new Set(log.map((l) => `${l.action}:${l.deviceId}`));
    expect(actions).toContain(`push:${a.laptops.li.deviceId}`);
    expect(actions).toContain(`pull:${a.laptops.lead.deviceId}`);
    expect(actions).toContain(`enrol:${a.laptops.li.deviceId}`);
    expect(log.some((l) => l.deviceId === b.laptops.lead.deviceId)).toBe(false);
  });

  it.runIf(engine === 'postgres')('row-level security hides other offices even from a query that forgets its WHERE', async () => {
    const c = new pg.Client({ connectionString: server.databaseUrl });
    await c.connect();
    try {
      await c.query('begin');
      await c.query("select set_config('app.office_id', $1, true)", [a.officeId]);
      const rows = (await c.query<{ office_id: string }>('select distinct office_id from entries')).rows;
      expect(rows.map((r) => r.office_id)).toEqual([a.officeId]);
      await expect(c.query("insert into entries (office_id, id, seq, hlc, tbl, row_id, field, device_id, day, body, pushed_by) values ('office-b', 'x', 999999, 'h', 't', 'r', 'f', 'd', '2026-01-01', '{}', 'd')")).rejects.toThrow(/row-level security/);
      await c.query('rollback');
      expect((await c.query('select count(*)::int as n from entries')).rows[0].n).toBe(0);
    } finally {
      await c.end();
    }
  });
});
