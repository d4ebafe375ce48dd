import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../server/app';
import { runCli } from '../../server/cli';
import { Api } from './support/client';
import { enrolProof, makeOffice, revokedRoster, type TestOffice } from './support/office';
import { ENGINES, freshStorage, startServer } from './support/servers';

describe.each(ENGINES)('admin commands on %s', (engine) => {
  let storage: { dataDir: string; databaseUrl?: string };
  let office: TestOffice;
  const files = mkdtempSync(join(tmpdir(), 'zwgk-cli-'));
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args, { ...storage, out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  beforeAll(async () => {
    storage = await freshStorage(engine);
    office = await makeOffice('office-cli', { admin: { name: '王主任', role: 'admin' }, li: { name: '李华', role: 'inspector' } });
    writeFileSync(join(files, 'roster.json'), JSON.stringify(office.signed));
    writeFileSync(join(files, 'not-json.json'), '这不是名单');
  });
  afterAll(() => {
    rmSync(files, { recursive: true, force: true });
    rmSync(storage.dataDir, { recursive: true, force: true });
  });

  it('creates an office from the signed roster file, refusing a file that is not one', async () => {
    const bad = await run('create-office', '--roster', join(files, 'not-json.json'));
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('无法读取人员名单文件');
    expect((await run('offices')).out).toContain('还没有办公室');
    const made = await run('create-office', '--roster', join(files, 'roster.json'));
    expect(made.code).toBe(0);
    expect(made.out).toContain(`已建立办公室「${office.signed.roster.officeName}」`);
    const twice = await run('create-office', '--roster', join(files, 'roster.json'));
    expect(twice.code).toBe(1);
    expect(twice.err).toContain('已经存在');
    expect((await run('offices')).out).toContain('office-cli');
  });

  it('prints a one-time enrolment code that enrols the laptop, and revokes it again', async () => {
    const li = office.laptops.li;
    const printed = await run('enrol-code', '--device', li.deviceId);
    expect(printed.code).toBe(0);
    const code = /注册码 \/ enrolment code: (\S+)/.exec(printed.out)![1];
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect((await run('enrol-code', '--device', 'no-such-laptop')).err).toContain('人员名单（第');
    const server = await startServer(engine, {}, storage);
    try {
      const res = await new Api(server.url).call<{ token: string }>('POST', '/v1/enrol', { officeId: office.officeId, code, deviceId: li.deviceId, proof: await enrolProof(li, office.officeId, code) });
      expect(res.status).toBe(200);
      // The embedded database is one process's at a time: commands wait for the server to stop.
      if (engine === 'pglite') {
        const busy = await run('offices');
        expect(busy.code).toBe(1);
        expect(busy.err).toContain('服务器正在运行');
      }
      await server.close();
      expect((await run('devices')).out).toMatch(new RegExp(`${li.deviceId}\\t李华的笔记本\\t李华\\t已注册`));
      expect((await run('revoke', '--device', li.deviceId)).out).toContain('已吊销');
      const again = await startServer(engine, {}, storage);
      try {
        expect((await new Api(again.url, res.body.token).pull()).status).toBe(403);
      } finally {
        await again.close();
      }
    } finally {
      await server.close();
    }
  });

  it('stores a newer roster from a file, backs up, restores with a new epoch and checks', async () => {
    writeFileSync(join(files, 'roster2.json'), JSON.stringify(await revokedRoster(office, office.laptops.li.deviceId)));
    expect((await run('roster', '--file', join(files, 'roster2.json'))).out).toContain(`已更新人员名单为第 ${office.signed.roster.version + 1} 版`);
    const out = join(files, 'backup');
    expect((await run('backup', '--out', out)).out).toContain('已备份到');
    const notEmpty = await run('backup', '--out', out);
    expect(notEmpty.code).toBe(1);
    expect(notEmpty.err).toContain('备份目录不是空的');
    const restored = await run('restore', '--from', out);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('服务器纪元已改变');
    const checked = await run('check', '--deep');
    expect(checked.code).toBe(0);
    expect(checked.out).toContain('未发现问题');
    expect((await run('audit')).out).toContain('roster');
  });

  it('names an unknown command and shows the commands', async () => {
    const r = await run('frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toContain('不认识的命令「frobnicate」');
    expect(r.err).toContain('enrol-code --device');
  });

  it.runIf(engine === 'pglite')('a stale lock file of a process that is gone does not block the commands', async () => {
    writeFileSync(join(storage.dataDir, LOCK_FILE), '999999');
    expect((await run('offices')).code).toBe(0);
  });
});
