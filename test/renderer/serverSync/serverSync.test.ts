import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

// A loaded machine: the real server and several laptops' databases in one process.
vi.setConfig({ testTimeout: 90_000 });
import { DEFAULT_NOTICE_SETTINGS } from '../../../shared/documents/types';
import { NoticeRepository } from '../../../renderer/features/reports/noticeRepository';
import { originalsFor } from '../../../renderer/features/photos/originalStore';
import { acceptHeld } from '../../../renderer/features/sync/applyBundle';
import { revokeDevice } from '../../../renderer/features/trust/enrolment';
import { enrolWithServer, serverStatus, syncWithServer } from '../../../renderer/features/serverSync/serverSync';
import { saveServerConfig, serverConfig, storedCursor, syncRecord } from '../../../renderer/features/serverSync/serverState';
import { sha256Hex } from '../../../shared/util/sha256';
import { closeAll, laptop, restart, unit, unitsOf } from '../sync/laptops';
import { enrolledLaptop, PASSPHRASE } from '../trust/office';
import { seedRound } from '../reports/seed';
import { closeShared, fast, serverOffice, sharedServer } from './officeServer';

beforeAll(async () => {
  await sharedServer();
}, 180_000);
afterEach(closeAll);
afterAll(closeShared);

const DAY = 24 * 3_600_000;

/** A fetch that fails like a dropped connection on the nth request whose URL matches. */
function cutting(match: RegExp, nth: number, log: string[] = []): typeof fetch {
  let n = 0;
  return async (input, init) => {
    const url = String(input);
    log.push(`${init?.method ?? 'GET'} ${url.replace(/^https?:\/\/[^/]+/, '')} ${new Headers(init?.headers).get('range') ?? ''}`.trim());
    if (match.test(url) && ++n === nth) throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    return fetch(input, init);
  };
}

describe('laptops sync through the office server', () => {
  it('each sees the other’s work; a second sync sends nothing again', async () => {
    const server = await sharedServer();
    const {
      laptops: [a, b],
    } = await serverOffice(server, [
      { name: '李华', role: 'lead' },
      { name: '张强', role: 'inspector' },
    ]);
    const t = await a.repo.create(unit('盘锦市教育局'));
    expect((await serverStatus(a.session.db)).pendingEntries).toBeGreaterThan(0);
    const first = await syncWithServer(a.session, fast);
    expect(first.pushed).toBeGreaterThan(0);
    expect((await serverStatus(a.session.db)).pendingEntries).toBe(0);
    await syncWithServer(b.session, fast);
    expect((await b.session.db.targets.get(t.id))!.name).toBe('盘锦市教育局');
    await b.repo.update(t.id, unit('盘锦市教育局', { contactPhone: '0427-2800000' }));
    expect((await serverStatus(b.session.db)).pendingEntries).toBe(1);
    await syncWithServer(b.session, fast);
    await syncWithServer(a.session, fast);
    expect((await a.session.db.targets.get(t.id))!.contactPhone).toBe('0427-2800000');
    expect(await unitsOf(a)).toEqual(await unitsOf(b));
    const again = await syncWithServer(a.session, fast);
    expect(again.pushed).toBe(0);
    expect(again.newChanges).toBe(0);
    expect((await syncRecord(a.session.db)).lastSyncAt).not.toBeNull();
  });

  it('entries a laptop got by USB are relayed to the server; sending them twice is harmless', async () => {
    const server = await sharedServer();
    const {
      admin,
      laptops: [a, b],
    } = await serverOffice(server, [
      { name: '李华', role: 'lead' },
      { name: '张强', role: 'inspector' },
    ]);
    // 孙丽 is in the office but never sees the network: her work reaches 李华 on a USB stick.
    const offline = await enrolledLaptop(admin, '孙丽', 'inspector');
    const t = await offline.repo.create(unit('盘锦市民政局'));
    const { exchange } = await import('../sync/laptops');
    await exchange(a, offline);
    await syncWithServer(a.session, fast);
    await syncWithServer(b.session, fast);
    expect((await b.session.db.targets.get(t.id))!.name).toBe('盘锦市民政局');
    // Forget what the server holds: everything is sent again, and nothing changes anywhere.
    const { forgetHeld } = await import('../../../renderer/features/serverSync/serverState');
    await forgetHeld(a.session.db);
    const resent = await syncWithServer(a.session, fast);
    expect(resent.pushed).toBeGreaterThan(0);
    const before = await b.session.db.changes.count();
    const pulled = await syncWithServer(b.session, fast);
    expect(pulled.newChanges).toBe(0);
    expect(await b.session.db.changes.count()).toBe(before);
  });

  it('photos travel by hash: copies and originals arrive byte for byte, and a download cut mid-file resumes with Range', async () => {
    const server = await sharedServer();
    const {
      laptops: [a, b],
    } = await serverOffice(server, [
      { name: '李华', role: 'lead' },
      { name: '张强', role: 'inspector' },
    ]);
    const original = new Uint8Array(300_000).map((_, i) => (i * 7) % 251);
    const photoId = await sha256Hex(original);
    const copy = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Uint8Array(1000).map((_, i) => i % 13)]);
    await a.session.db.photoBlobs.bulkPut([
      { id: `${photoId}:processed`, photoId, blob: new Blob([copy], { type: 'image/jpeg' }) },
      { id: `${photoId}:thumb`, photoId, blob: new Blob([copy.slice(0, 200)], { type: 'image/jpeg' }) },
    ]);
    await originalsFor(a.session.db).put(photoId, original);
    expect((await serverStatus(a.session.db)).pendingPhotos).toBe(3);
    const up = await syncWithServer(a.session, fast);
    expect(up.photosUp).toBe(3);
    expect((await serverStatus(a.session.db)).pendingPhotos).toBe(0);

    // The first download of the original is cut after its first bytes.
    const log: string[] = [];
    let cut = false;
    const flaky: typeof fetch = async (input, init) => {
      const res = await cutting(/never/, 1, log)(input, init);
      if (!cut && String(input).endsWith(`/v1/blobs/${photoId}`) && res.body) {
        cut = true;
        const reader = res.body.getReader();
        const first = await reader.read();
        void reader.cancel();
        let sent = false;
        const body = new ReadableStream<Uint8Array>({
          pull(c) {
            if (sent) return c.error(new TypeError('terminated'));
            sent = true;
            c.enqueue(first.value!.slice(0, 1000));
          },
        });
        return new Response(body, { status: res.status, headers: res.headers });
      }
      return res;
    };
    const down = await syncWithServer(b.session, { ...fast, fetch: flaky });
    expect(down.photosDown).toBe(3);
    expect(log.some((l) => l.includes(`/v1/blobs/${photoId}`) && l.includes('bytes=1000-'))).toBe(true);
    const got = await originalsFor(b.session.db).read(photoId);
    expect(await sha256Hex(got!)).toBe(photoId);
    const blob = await b.session.db.photoBlobs.get(`${photoId}:processed`);
    expect(new Uint8Array(await blob!.blob.arrayBuffer())).toEqual(copy);
  });

  it('a pull cut mid-way keeps the pages merged so far and resumes from the last committed cursor', async () => {
    const server = await sharedServer();
    const {
      laptops: [a, b],
    } = await serverOffice(server, [
      { name: '李华', role: 'lead' },
      { name: '张强', role: 'inspector' },
    ]);
    for (let i = 0; i < 6; i++) await a.repo.create(unit(`单位${i}`));
    await syncWithServer(a.session, fast);
    const cutAt3 = { ...fast, retry: { attempts: 1 }, fetch: cutting(/\/v1\/pull/, 3), pageSize: 2 };
    await expect(syncWithServer(b.session, cutAt3)).rejects.toThrow('无法连接同步服务器');
    const merged = await b.session.db.targets.count();
    expect(merged).toBeGreaterThan(0);
    expect(merged).toBeLessThan(6);
    const committed = await storedCursor(b.session.db);
    expect(committed).not.toBeNull();
    expect((await syncRecord(b.session.db)).lastError).toContain('无法连接同步服务器');
    const log: string[] = [];
    await syncWithServer(b.session, { ...fast, fetch: cutting(/never/, 1, log), pageSize: 2 });
    expect(log.find((l) => l.includes('/v1/pull'))).toContain(`cursor=${committed}`);
    expect(await unitsOf(b)).toEqual(await unitsOf(a));
    expect((await syncRecord(b.session.db)).lastError).toBeNull();
  });
});

describe('what stops a sync, in words, with nothing lost', () => {
  it('a laptop whose clock is 10 days ahead is told by how much and sends nothing', async () => {
    const server = await sharedServer();
    const {
      laptops: [a, b],
    } = await serverOffice(server, [
      { name: '李华', role: 'lead' },
      { name: '张强', role: 'inspector' },
    ]);
    a.skew = 10 * DAY;
    await a.repo.create(unit('盘锦市教育局'));
    await expect(syncWithServer(a.session, fast)).rejects.toThrow(/本机时钟比服务器快约 10 天/);
    expect((await syncRecord(a.session.db)).lastErrorKind).toBe('clock');
    await syncWithServer(b.session, fast);
    expect(await b.session.db.targets.count()).toBe(0);
    // The clock is put right and the app restarted: new work goes through; what was stamped 10 days ahead stays refused, with why.
    a.skew = 0;
    await restart(a);
    await a.repo.create(unit('盘锦市民政局'));
    await syncWithServer(a.session, fast);
    await syncWithServer(b.session, fast);
    expect((await b.session.db.targets.toArray()).map((t) => t.name)).toEqual(['盘锦市民政局']);
    const { refused } = await syncRecord(a.session.db);
    expect(refused.length).toBe(1);
    expect(refused[0].code).toBe('clock-ahead');
  });

  it('a revoked laptop is told so; its earlier work stays, its token no longer syncs', async () => {
    const server = await sharedServer();
    const {
      admin,
      laptops: [a, b],
    } = await serverOffice(server, [
      { name: '李华', role: 'lead' },
      { name: '张强', role: 'inspector' },
    ]);
    await b.repo.create(unit('盘锦市教育局'));
    await syncWithServer(b.session, fast);
    await revokeDevice(admin.session, b.session.device.deviceId, PASSPHRASE);
    await syncWithServer(admin.session, fast);
    await b.repo.create(unit('盘锦市民政局'));
    await expect(syncWithServer(b.session, fast)).rejects.toThrow('吊销');
    expect((await syncRecord(b.session.db)).lastErrorKind).toBe('revoked');
    expect(await b.session.db.targets.count()).toBe(2);
    await syncWithServer(a.session, fast);
    expect((await a.session.db.targets.toArray()).map((t) => t.name)).not.toContain('盘锦市民政局');
  });

  it('no server at the address, a wrong code, a laptop not in the office: each refused in words, nothing kept', async () => {
    const server = await sharedServer();
    const { admin } = await serverOffice(server, [{ name: '李华', role: 'lead' }]);
    const l = await enrolledLaptop(admin, '孙丽', 'inspector');
    await expect(enrolWithServer(l.session, { url: 'http://127.0.0.1:9', code: '12345678' }, fast)).rejects.toThrow('无法连接同步服务器（http://127.0.0.1:9）');
    await expect(enrolWithServer(l.session, { url: server.url, code: '12345678' }, fast)).rejects.toThrow(/代码/);
    await expect(enrolWithServer(l.session, { url: 'ftp://x', code: '12345678' }, fast)).rejects.toThrow('服务器地址应以 http:// 或 https:// 开头');
    await expect(enrolWithServer(l.session, { url: server.url, code: '' }, fast)).rejects.toThrow('请填写管理员给的一次性代码');
    expect(await serverConfig(l.session.db)).toBeNull();
    const stranger = await laptop('路人');
    await expect(enrolWithServer(stranger.session, { url: server.url, code: '12345678' }, fast)).rejects.toThrow('本机尚未加入办公室');
  });

  it('changes stamped far ahead of this laptop’s clock are held for a person, and the pull goes on once accepted', async () => {
    const server = await sharedServer();
    const {
      laptops: [a, c],
    } = await serverOffice(server, [
      { name: '李华', role: 'lead', skew: 23 * 3_600_000 },
      { name: '王芳', role: 'lead', skew: -23 * 3_600_000 },
    ]);
    const t = await a.repo.create(unit('盘锦市教育局'));
    await syncWithServer(a.session, fast);
    const held = await syncWithServer(c.session, fast);
    expect(held.held).toBe(true);
    expect(await c.session.db.targets.count()).toBe(0);
    const [q] = await c.session.db.quarantine.toArray();
    expect(q.status).toBe('pending');
    await acceptHeld(c.session, q.id);
    expect((await c.session.db.targets.get(t.id))!.name).toBe('盘锦市教育局');
    await a.repo.create(unit('盘锦市民政局'));
    await syncWithServer(a.session, fast);
    c.skew = 0;
    const next = await syncWithServer(c.session, fast);
    expect(next.held).toBe(false);
    expect(await c.session.db.targets.count()).toBe(2);
  });
});

describe('notice numbers from the server’s series', () => {
  const SETTINGS = { ...DEFAULT_NOTICE_SETTINGS, issuer: '盘锦市人民政府办公室', numberPrefix: '盘政办公开改', contactPerson: '王明', contactPhone: '0427-2826114' };

  it('two 组长 laptops connected to the server never give the same number; offline, a laptop numbers as before', async () => {
    const server = await sharedServer();
    const {
      laptops: [a, b],
    } = await serverOffice(server, [
      { name: '李华', role: 'lead' },
      { name: '王芳', role: 'lead' },
    ]);
    const data = await seedRound(a.session.db);
    await seedRound(b.session.db);
    const repoA = new NoticeRepository(a.session.db, a.session.logger);
    const repoB = new NoticeRepository(b.session.db, b.session.logger);
    await repoA.saveSettings(SETTINGS);
    await repoB.saveSettings(SETTINGS);
    const findingsOf = (i: number) => data.findings.filter((f) => f.assessmentId === data.assessments[i].assessment.id).map((f) => f.id);
    const at = new Date(2026, 5, 10, 9, 30);
    const first = await repoA.issue(data.inspection.id, data.assessments[0].assessment.id, findingsOf(0), at);
    const second = await repoB.issue(data.inspection.id, data.assessments[1].assessment.id, findingsOf(1), at);
    expect([first.seq, second.seq]).toEqual([1, 2]);
    expect(second.number).toBe(`盘政办公开改〔${data.inspection.year}〕2号`); // the round's assessment year
    // The server cannot be reached: the laptop numbers from its own series, as offline.
    const config = (await serverConfig(a.session.db))!;
    await saveServerConfig(a.session.db, { ...config, url: 'http://127.0.0.1:9' });
    const third = await repoA.issue(data.inspection.id, data.assessments[2].assessment.id, findingsOf(2), at);
    expect(third.seq).toBe(2);
  });
});
