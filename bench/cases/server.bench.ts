// The office sync server on loopback (embedded database, its own process): one laptop pushing and
// pulling 10,000 entries, then 50 laptops at once pushing 200,000 signed entries and 2,000 photos
// and pulling the office's stream as they go (a page after each push), proving every entry arrived exactly once
// (a full pull of the stream at the end holds each pushed entry once).
// BENCH_SERVER_LAPTOPS / BENCH_SERVER_ENTRIES / BENCH_SERVER_PHOTOS scale the load; DATABASE_URL runs it on PostgreSQL.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../server/app';
import { MAX_PUSH_ENTRIES } from '../../shared/sync/server/protocol';
import { Api } from '../../test/server/support/client';
import { entries, enrolProof, makeOffice, type Laptop } from '../../test/server/support/office';
import type { BenchCase } from '../types';

const LAPTOPS = Number(process.env.BENCH_SERVER_LAPTOPS ?? 50);
const TOTAL = Number(process.env.BENCH_SERVER_ENTRIES ?? 200_000);
const PHOTOS = Number(process.env.BENCH_SERVER_PHOTOS ?? 2000);
const PHOTO_BYTES = 16 * 1024;
const PULL_LIMIT = 5000;
/** Pages a laptop pulls after each of its pushes during the load (50 laptops each pulling the whole 200,000 would be 10 million). */
const PAGES_PER_ROUND = Number(process.env.BENCH_SERVER_PAGES ?? 1);
/** The load phase fails rather than run on past this. */
const LOAD_BUDGET_MS = 20 * 60 * 1000;

function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

async function startServerProcess(dataDir: string, port: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', '..', 'server', 'main.ts')], {
    // 51 laptops enrol from one loopback address within a minute.
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ENROL_LIMIT_PER_MINUTE: '1000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error('server exited');
    try {
      if ((await fetch(`${url}/health`)).ok) return { child, url };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not start');
}

const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]);
};

export default {
  title: 'Office sync server (loopback, own process)',
  async run() {
    const dataDir = mkdtempSync(join(tmpdir(), 'zwgk-bench-server-'));
    const people = Object.fromEntries(Array.from({ length: LAPTOPS + 1 }, (_, i) => [`l${i}`, { name: `检查员${i}`, role: i === 0 ? ('admin' as const) : ('inspector' as const) }]));
    const office = await makeOffice('bench-office', people);
    const laptops = Object.values(office.laptops);
    const codes: string[] = [];
    const store = await openStore({ dataDir, databaseUrl: process.env.DATABASE_URL });
    await store.createOffice(office.signed);
    for (const l of laptops) codes.push((await store.makeEnrolCode(office.officeId, l.deviceId)).code);
    await store.close();
    const port = 18000 + (process.pid % 2000);
    const { child, url } = await startServerProcess(dataDir, port);
    try {
      const enrolled: Api[] = [];
      for (const [i, l] of laptops.entries()) {
        const api = new Api(url);
        const res = await api.call<{ token: string }>('POST', '/v1/enrol', { officeId: office.officeId, code: codes[i], deviceId: l.deviceId, proof: await enrolProof(l, office.officeId, codes[i]) });
        if (res.status !== 200) throw new Error(`enrol ${res.status}`);
        api.token = res.body.token;
        enrolled.push(api);
      }
      const latencies: number[] = [];
      const timed = async <T>(fn: () => Promise<T>): Promise<T> => {
        const t0 = performance.now();
        try {
          return await fn();
        } finally {
          latencies.push(performance.now() - t0);
        }
      };

      // ---- one laptop: 10,000 entries up, then down
      const solo = enrolled[0];
      const soloEntries = await entries(laptops[0], 10_000);
      let t0 = performance.now();
      for (let i = 0; i < soloEntries.length; i += MAX_PUSH_ENTRIES) {
        const res = await solo.push(soloEntries.slice(i, i + MAX_PUSH_ENTRIES));
        if (res.body.refused.length) throw new Error(`refused ${res.body.refused[0].reason}`);
      }
      const push10k = performance.now() - t0;
      t0 = performance.now();
      const soloPull = await solo.pullAll(undefined, PULL_LIMIT);
      const pull10k = performance.now() - t0;
      if (soloPull.ids.length !== 10_000) throw new Error('pull10k lost entries');

      // ---- 50 laptops at once
      const per = Math.ceil(TOTAL / LAPTOPS);
      const photosPer = Math.ceil(PHOTOS / LAPTOPS);
      console.log(`  signing ${per * LAPTOPS} entries …`);
      const work = await Promise.all(
        laptops.slice(1).map(async (l: Laptop, i) => ({
          api: enrolled[i + 1],
          entries: await entries(l, per),
          photos: Array.from({ length: photosPer }, (_, k) => {
            const bytes = randomBytes(PHOTO_BYTES);
            return { bytes, ref: { id: `${l.deviceId}-p${k}:processed`, photoId: `${l.deviceId}-p${k}`, type: 'image/jpeg', sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length } };
          }),
        })),
      );
      const pushedIds = new Set(work.flatMap((w) => w.entries.map((e) => e.id)));
      console.log(`  ${LAPTOPS} laptops: ${pushedIds.size} entries, ${work.length * photosPer} photos …`);
      let pulledTotal = 0;
      t0 = performance.now();
      await Promise.all(
        work.map(async (w) => {
          let cursor = soloPull.cursor;
          const pullNew = async () => {
            for (let pages = 0; pages < PAGES_PER_ROUND; pages++) {
              if (performance.now() - t0 > LOAD_BUDGET_MS) throw new Error('load over its time budget');
              const page = await timed(() => w.api.pull(cursor, PULL_LIMIT));
              if (page.status !== 200) throw new Error(`pull ${page.status}`);
              pulledTotal += page.body.entries.length;
              cursor = page.body.cursor;
              if (!page.body.hasMore) return;
            }
          };
          for (let i = 0; i < w.entries.length; i += MAX_PUSH_ENTRIES) {
            const blobs = i === 0 ? w.photos.map((p) => p.ref) : [];
            const res = await timed(() => w.api.push(w.entries.slice(i, i + MAX_PUSH_ENTRIES), blobs));
            if (res.status !== 200 || res.body.refused.length) throw new Error(`push ${res.status}`);
            for (const hash of res.body.missingBlobs) {
              const p = w.photos.find((x) => x.ref.sha256 === hash)!;
              const up = await timed(() =>
                fetch(`${url}/v1/blobs/${hash}`, {
                  method: 'PUT',
                  headers: { authorization: `Bearer ${w.api.token}`, 'content-type': 'application/octet-stream', 'upload-offset': '0', 'upload-length': String(p.bytes.length) },
                  body: new Uint8Array(p.bytes),
                }),
              );
              if (up.status !== 201) throw new Error(`upload ${up.status}`);
            }
            await pullNew();
          }
        }),
      );
      const loadMs = performance.now() - t0;
      // Exactly once: one full pull of the office's stream holds every pushed entry, none twice.
      const check = await solo.pullAll(soloPull.cursor, PULL_LIMIT);
      const got = new Set(check.ids);
      if (check.ids.length !== pushedIds.size || got.size !== pushedIds.size || [...pushedIds].some((id) => !got.has(id))) throw new Error(`exactly-once failed: ${check.ids.length} pulled, ${got.size} distinct, ${pushedIds.size} pushed`);
      const missing = await solo.call<{ missing: string[] }>('POST', '/v1/blobs/missing', { hashes: work.flatMap((w) => w.photos.map((p) => p.ref.sha256)) });
      if (missing.body.missing.length) throw new Error(`${missing.body.missing.length} photos missing`);
      const peak = peakRssMb(child.pid!);
      console.log(
        `  load: ${Math.round(loadMs)} ms, pushed ${Math.round(pushedIds.size / (loadMs / 1000))} entries/s, pulled ${pulledTotal} entries (${Math.round(pulledTotal / (loadMs / 1000))}/s), ${latencies.length} requests, p95 ${p95(latencies)} ms, server peak ${peak} MB`,
      );
      return {
        'server.push10k.ms': { value: Math.round(push10k), unit: 'ms' },
        'server.pull10k.ms': { value: Math.round(pull10k), unit: 'ms' },
        'server.load50.ms': { value: Math.round(loadMs), unit: 'ms' },
        'server.load50.pushPerSec': { value: Math.round(pushedIds.size / (loadMs / 1000)), unit: 'entries/s' },
        'server.load50.pulled': { value: pulledTotal, unit: 'entries' },
        'server.load50.p95ms': { value: p95(latencies), unit: 'ms' },
        'server.load50.peakMb': { value: peak, unit: 'MB' },
      };
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
} satisfies BenchCase;
