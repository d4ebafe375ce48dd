import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, enrol } from './support/client';
import { entries, makeOffice, type TestOffice } from './support/office';
import { ENGINES, startServer, type TestServer } from './support/servers';

const WRITERS = 8;
const PUSHES = 6;
const PER_PUSH = 40;

describe.each(ENGINES)('paged pull on %s', (engine) => {
  let server: TestServer;
  let office: TestOffice;
  const apis: Api[] = [];

  beforeAll(async () => {
    server = await startServer(engine);
    const people = Object.fromEntries(Array.from({ length: WRITERS }, (_, i) => [`w${i}`, { name: `检查员${i}`, role: i === 0 ? ('admin' as const) : ('inspector' as const) }]));
    office = await makeOffice('office-pull', people);
    await server.store.createOffice(office.signed);
    for (const key of Object.keys(people)) apis.push(await enrol(server, office, office.laptops[key]));
  });
  afterAll(() => server?.dispose());

  it('many laptops pushing at once while others pull in small pages: every puller gets every entry exactly once', async () => {
    const batches = await Promise.all(Object.values(office.laptops).map(async (l) => Promise.all(Array.from({ length: PUSHES }, () => entries(l, PER_PUSH)))));
    const pushed = new Set(batches.flat(2).map((e) => e.id));
    let writing = true;
    const writers = Promise.all(
      batches.map(async (laptopBatches, i) => {
        for (const b of laptopBatches) {
          const res = await apis[i].push(b);
          expect(res.body.refused).toEqual([]);
        }
      }),
    ).finally(() => (writing = false));
    const puller = async (api: Api, limit: number) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      // Pull while the writers write, then once more to the end: a late commit must never be passed over.
      for (let done = false; !done; ) {
        const last = !writing;
        const page = await api.pull(cursor, limit);
        expect(page.status).toBe(200);
        seen.push(...page.body.entries.map((e) => e.id));
        cursor = page.body.cursor;
        if (!page.body.hasMore && last) done = true;
        if (!page.body.hasMore && !last) await new Promise((r) => setImmediate(r));
      }
      return seen;
    };
    const [, ...pulls] = await Promise.all([writers, puller(apis[1], 37), puller(apis[2], 101), puller(apis[3], 5000)]);
    for (const seen of pulls) {
      expect(seen.length).toBe(pushed.size);
      expect(new Set(seen)).toEqual(pushed);
    }
  });

  it('a pull page cut off mid-transfer is served again from the same cursor, and nothing is lost', async () => {
    const api = apis[4];
    const before = await api.pullAll(undefined, 5000);
    const more = await entries(office.laptops.w4, 300);
    await api.push(more);
    // Read the first bytes of the page, then cut the connection.
    const partial = await new Promise<string>((resolve, reject) => {
      const req = request(`${server.url}/v1/pull?cursor=${before.cursor}&limit=300`, { headers: { authorization: `Bearer ${api.token}` } }, (res) => {
        res.once('data', (chunk: Buffer) => {
          req.destroy();
          resolve(chunk.toString('utf8'));
        });
      });
      req.on('error', (e) => (e.message.includes('socket hang up') || (e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
      req.end();
    });
    expect(partial).toContain(more[0].id);
    const again = await api.pullAll(before.cursor, 300);
    expect(again.ids).toEqual(more.map((e) => e.id));
  });

  it('refuses a cursor it did not write and a page size out of range, with a message', async () => {
    const bad = await apis[0].pull('not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body.error!.message).toContain('同步位置');
    const big = await apis[0].call('GET', '/v1/pull?limit=100000');
    expect(big.status).toBe(400);
    expect(big.body.error!.message).toContain('每页条数');
  });
});
