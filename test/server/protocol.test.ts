import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../shared/sync/server/protocol';
import { Api, enrol } from './support/client';
import { entries, entry, enrolProof, makeOffice, revokedRoster, type TestOffice } from './support/office';
import { ENGINES, startServer, type TestServer } from './support/servers';

const DAY = 24 * 60 * 60 * 1000;

describe.each(ENGINES)('sync protocol on %s', (engine) => {
  let server: TestServer;
  let office: TestOffice;
  let lead: Api;
  let inspector: Api;

  beforeAll(async () => {
    server = await startServer(engine);
    office = await makeOffice('office-a', { admin: { name: '王主任', role: 'admin' }, lead: { name: '张组长', role: 'lead' }, li: { name: '李华', role: 'inspector' }, zhao: { name: '赵敏', role: 'inspector' } });
    await server.store.createOffice(office.signed);
    lead = await enrol(server, office, office.laptops.lead);
    inspector = await enrol(server, office, office.laptops.li);
  });
  afterAll(() => server?.dispose());

  it('answers health with the server time', async () => {
    const res = await new Api(server.url).call('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, protocol: 1 });
    expect(Date.parse(res.body.serverTime!)).not.toBeNaN();
  });

  it('lets the app ask from its own origin (app:// on desktop) without cookies: a preflight names the headers a sync needs', async () => {
    const res = await fetch(`${server.url}/v1/pull`, {
      method: 'OPTIONS',
      headers: { origin: 'app://inspector', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization,upload-offset,upload-length' },
    });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('access-control-allow-origin')).toBe('app://inspector');
    expect(res.headers.get('access-control-allow-headers')).toContain('upload-offset');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const pulled = await fetch(`${server.url}/v1/pull`, { headers: { origin: 'app://inspector', authorization: `Bearer ${lead.token}` } });
    expect(pulled.status).toBe(200);
    expect(pulled.headers.get('access-control-allow-origin')).toBe('app://inspector');
  });

  it('stores a pushed entry once, however often it is pushed, and relays it unchanged', async () => {
    const batch = await entries(office.laptops.li, 3);
    const first = await inspector.push(batch);
    expect(first.status).toBe(200);
    expect(first.body.accepted).toEqual(batch.map((e) => e.id));
    expect(first.body.refused).toEqual([]);
    const again = await inspector.push([...batch, ...batch]);
    expect(again.body.accepted).toEqual(batch.map((e) => e.id));
    const pulled = await lead.pullAll();
    expect(pulled.ids.filter((id) => batch.some((e) => e.id === id))).toEqual(batch.map((e) => e.id));
    const page = await lead.pull(undefined, 5000);
    expect(page.body.entries.find((e) => e.id === batch[0].id)).toEqual(batch[0]);
  });

  it('a token that was never issued, or none, is turned away with a Chinese message', async () => {
    const none = await new Api(server.url).pull();
    expect(none.status).toBe(401);
    expect(none.body.error!.code).toBe('unauthorized');
    expect(none.body.error!.message).toContain('注册');
    const forged = await new Api(server.url, 'zwgk_forgedforgedforgedforgedforged').pull();
    expect(forged.status).toBe(401);
  });

  it('an enrolment code works once, only for its laptop, and only with that laptop\'s key', async () => {
    const zhao = office.laptops.zhao;
    const { code } = await server.store.makeEnrolCode(office.officeId, zhao.deviceId);
    const api = new Api(server.url);
    const wrongKey = await api.call('POST', '/v1/enrol', { officeId: office.officeId, code, deviceId: zhao.deviceId, proof: await enrolProof(office.laptops.li, office.officeId, code) });
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.body.error!.message).toContain('签名');
    const otherLaptop = await api.call('POST', '/v1/enrol', { officeId: office.officeId, code, deviceId: office.laptops.li.deviceId, proof: await enrolProof(office.laptops.li, office.officeId, code) });
    expect(otherLaptop.status).toBe(401);
    const good = await api.call<{ token: string; roster: unknown; officeName: string }>('POST', '/v1/enrol', { officeId: office.officeId, code: code.toLowerCase(), deviceId: zhao.deviceId, proof: await enrolProof(zhao, office.officeId, code.toLowerCase()) });
    expect(good.status).toBe(200);
    expect(good.body.officeName).toBe(office.signed.roster.officeName);
    expect(good.body.roster).toEqual(office.signed);
    const reused = await api.call('POST', '/v1/enrol', { officeId: office.officeId, code, deviceId: zhao.deviceId, proof: await enrolProof(zhao, office.officeId, code) });
    expect(reused.status).toBe(401);
    expect(reused.body.error!.message).toContain('注册码不正确、已使用或已过期');
    expect((await new Api(server.url, good.body.token).pull()).status).toBe(200);
  });

  it('refuses a forged signature and an entry whose author is not its laptop\'s user, storing neither', async () => {
    const li = office.laptops.li;
    const good = await entry(li, { value: '真实单位' });
    const forged = { ...(await entry(li, { value: '原值' })), value: '篡改后的值' };
    const wrongAuthor = await entry(li, { author: '张组长' });
    const res = await inspector.push([good, forged, wrongAuthor]);
    expect(res.body.accepted).toEqual([good.id]);
    expect(res.body.refused).toEqual([
      { id: forged.id, code: 'bad-signature', reason: expect.stringContaining('签名无效') },
      { id: wrongAuthor.id, code: 'wrong-author', reason: expect.stringContaining('不是签名电脑') },
    ]);
    const ids = (await lead.pullAll()).ids;
    expect(ids).toContain(good.id);
    expect(ids).not.toContain(forged.id);
    expect(ids).not.toContain(wrongAuthor.id);
  });

  it('an inspector cannot unlock a submitted assessment or number a notice; the lead can', async () => {
    const li = office.laptops.li;
    const submitted = await entry(office.laptops.lead, { table: 'assessments', rowId: 'as-1', field: 'status', value: 'submitted' });
    expect((await lead.push([submitted])).body.accepted).toEqual([submitted.id]);
    const unlock = await entry(li, { table: 'assessments', rowId: 'as-1', field: 'status', value: 'open', prev: [submitted.hlc] });
    const numbering = await entry(li, { table: 'notices', rowId: 'n-1', field: 'number', value: '盘政公改〔2026〕1号' });
    const res = await inspector.push([unlock, numbering]);
    expect(res.body.accepted).toEqual([]);
    expect(res.body.refused.map((r) => [r.id, r.code])).toEqual([
      [unlock.id, 'role'],
      [numbering.id, 'role'],
    ]);
    expect(res.body.refused[0].reason).toContain('解锁已提交的评分');
    expect(res.body.refused[1].reason).toContain('编制整改通知书文号');
    const leadUnlock = await entry(office.laptops.lead, { table: 'assessments', rowId: 'as-1', field: 'status', value: 'open', prev: [submitted.hlc] });
    expect((await lead.push([leadUnlock])).body.accepted).toEqual([leadUnlock.id]);
    const ids = (await lead.pullAll()).ids;
    expect(ids).not.toContain(unlock.id);
    expect(ids).not.toContain(numbering.id);
  });

  it('refuses entries from a laptop whose clock is 10 days ahead, naming the skew, and stores nothing of them', async () => {
    const ahead = await entries(office.laptops.li, 2, Date.now() + 10 * DAY);
    const res = await inspector.push(ahead);
    expect(res.body.accepted).toEqual([]);
    expect(res.body.refused).toHaveLength(2);
    expect(res.body.refused[0]).toMatchObject({ code: 'clock-ahead' });
    expect(res.body.refused[0].reason).toContain('快 10 天，超出允许的 1 天');
    const ids = (await lead.pullAll()).ids;
    expect(ids.some((id) => ahead.some((e) => e.id === id))).toBe(false);
  });

  it('a revoked laptop is cut off at once: its token stops working and its entries are refused when relayed', async () => {
    const zhaoEntries = await entries(office.laptops.zhao, 1);
    const res = await server.store.putRoster(office.officeId, await revokedRoster(office, office.laptops.zhao.deviceId));
    expect(res.revoked).toEqual([office.laptops.zhao.deviceId]);
    const relayed = await lead.push(zhaoEntries);
    expect(relayed.body.refused[0]).toMatchObject({ code: 'revoked-device' });
    expect(relayed.body.refused[0].reason).toContain('已吊销');
  });

  it('a cursor of another epoch (a server restored from a backup) tells the laptop to resync', async () => {
    const stale = encodeCursor({ epoch: 'older-epoch', seq: 3 });
    const res = await lead.pull(stale);
    expect(res.status).toBe(409);
    expect(res.body.error!.code).toBe('epoch-changed');
    expect(res.body.error!.message).toContain('重新完整同步');
    const fresh = await lead.pull();
    expect(decodeCursor(fresh.body.cursor)!.epoch).toBe(fresh.body.epoch);
  });

  it('limits how often one laptop may call, with a message saying when to try again', async () => {
    const limited = await startServer(engine, { rateLimit: { perMinute: 3, enrolPerMinute: 2 } }, undefined);
    try {
      await limited.store.createOffice(office.signed);
      const api = await enrol(limited, office, office.laptops.lead);
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await api.pull());
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
      expect(answers[3].body.error).toMatchObject({ code: 'rate-limited', message: expect.stringMatching(/请求过于频繁，请 \d+ 秒后再试/) });
      expect((await new Api(limited.url).call('GET', '/health')).status).toBe(200);
    } finally {
      await limited.dispose();
    }
  });
});
