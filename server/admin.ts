import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { verifyRoster } from '../shared/trust/office';
import type { SignedRoster } from '../shared/trust/model';
import { hashFile, BlobFiles } from './blobs';
import type { Queryable } from './db';
import { MIGRATIONS } from './migrations';
import type { Store } from './store';

/**
 * The operator's work on a whole server: a backup folder (every table as JSON
 * lines plus the photo files), a restore from one (which gives the server a new
 * epoch, so every laptop resyncs and uploads what the backup lacks), and a check
 * of the database against the files and signatures.
 */

/** Tables in the order a restore fills them (foreign keys). */
export const BACKUP_TABLES = ['server_meta', 'offices', 'entries', 'blob_refs', 'blobs', 'devices', 'enrol_codes', 'notice_series', 'notice_numbers', 'audit_log'] as const;
const ORDER_BY: Record<(typeof BACKUP_TABLES)[number], string> = {
  server_meta: 'key',
  offices: 'id',
  entries: 'office_id, seq',
  blob_refs: 'office_id, seq',
  blobs: 'office_id, sha256',
  devices: 'office_id, device_id',
  enrol_codes: 'office_id, code_hash',
  notice_series: 'office_id, issuer, year',
  notice_numbers: 'office_id, issuer, year, seq',
  audit_log: 'id',
};
const PAGE = 5000;

export interface BackupManifest {
  format: 'zwgk-server-backup';
  createdAt: string;
  epoch: string;
  schemaVersion: number;
  rows: Record<string, number>;
  blobFiles: number;
}

/** Writes a backup into `outDir` (which must not exist yet or be empty). */
export async function backup(store: Store, dataDir: string, outDir: string): Promise<BackupManifest> {
  if (existsSync(outDir) && (await readdir(outDir)).length) throw new Error(`备份目录不是空的 / the backup folder is not empty: ${outDir}`);
  await mkdir(join(outDir, 'tables'), { recursive: true });
  const rows: Record<string, number> = {};
  const epoch = await store.asOperator(async (q) => {
    for (const table of BACKUP_TABLES) {
      const out = createWriteStream(join(outDir, 'tables', `${table}.jsonl`));
      let n = 0;
      for (let offset = 0; ; offset += PAGE) {
        const page = await q.query<{ j: string }>(`select to_jsonb(t)::text as j from ${table} t order by ${ORDER_BY[table]} limit ${PAGE} offset ${offset}`);
        for (const r of page) out.write(`${r.j}\n`);
        n += page.length;
        if (page.length < PAGE) break;
      }
      await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
      rows[table] = n;
    }
    return store.epoch(q);
  });
  let blobFiles = 0;
  const blobsDir = join(dataDir, 'blobs');
  if (existsSync(blobsDir)) {
    await cp(blobsDir, join(outDir, 'blobs'), { recursive: true });
    blobFiles = await countFiles(join(outDir, 'blobs'));
  }
  const manifest: BackupManifest = { format: 'zwgk-server-backup', createdAt: new Date().toISOString(), epoch, schemaVersion: Math.max(...MIGRATIONS.map((m) => m.version)), rows, blobFiles };
  await writeFile(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

async function countFiles(dir: string): Promise<number> {
  let n = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) n++;
  return n;
}

/**
 * Replaces everything on the server with the backup's content and gives the server a new
 * epoch: laptops holding a cursor of the old epoch are told to resync (they pull from the
 * start and push again what the backup lacks). Returns the new epoch.
 */
export async function restore(store: Store, dataDir: string, fromDir: string): Promise<{ epoch: string; manifest: BackupManifest }> {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(join(fromDir, 'manifest.json'), 'utf8'));
  } catch {
    throw new Error(`该目录不是服务器备份（缺少 manifest.json）/ not a server backup: ${fromDir}`);
  }
  if (manifest.format !== 'zwgk-server-backup') throw new Error('该目录不是服务器备份 / not a server backup');
  const current = Math.max(...MIGRATIONS.map((m) => m.version));
  if (manifest.schemaVersion > current) throw new Error(`备份来自更新版本的服务器（数据结构第 ${manifest.schemaVersion} 版），请先升级服务器 / the backup comes from a newer server`);
  const epoch = randomBytes(16).toString('hex');
  await store.asOperator(async (q) => {
    for (const table of [...BACKUP_TABLES].reverse()) await q.query(`delete from ${table}`);
    for (const table of BACKUP_TABLES) await loadTable(q, table, join(fromDir, 'tables', `${table}.jsonl`));
    await q.query("select setval(pg_get_serial_sequence('audit_log', 'id'), coalesce((select max(id) from audit_log), 0) + 1, false)");
    await q.query("insert into server_meta (key, value) values ('epoch', $1) on conflict (key) do update set value = excluded.value", [epoch]);
  });
  const blobsDir = join(dataDir, 'blobs');
  await rm(blobsDir, { recursive: true, force: true });
  await rm(join(dataDir, 'uploads'), { recursive: true, force: true });
  if (existsSync(join(fromDir, 'blobs'))) await cp(join(fromDir, 'blobs'), blobsDir, { recursive: true });
  return { epoch, manifest };
}

async function loadTable(q: Queryable, table: string, file: string): Promise<void> {
  if (!existsSync(file)) return;
  let batch: string[] = [];
  const flush = async () => {
    if (!batch.length) return;
    await q.query(`insert into ${table} select * from jsonb_populate_recordset(null::${table}, $1::text::jsonb)`, [`[${batch.join(',')}]`]);
    batch = [];
  };
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    batch.push(line);
    if (batch.length >= 1000) await flush();
  }
  await flush();
}

export interface CheckReport {
  offices: { id: string; name: string; entries: number; lastSeq: number; blobs: number }[];
  problems: string[];
}

/** Checks every office: the roster's signature against the pinned key, the sequence counters, every photo file's presence and size (and hash with `deep`). */
export async function check(store: Store, dataDir: string, deep = false): Promise<CheckReport> {
  const problems: string[] = [];
  const files = new BlobFiles(dataDir);
  const applied = await store.db.query<{ version: number }>('select version from schema_migrations');
  const have = new Set(applied.map((r) => Number(r.version)));
  for (const m of MIGRATIONS) if (!have.has(m.version)) problems.push(`数据结构第 ${m.version} 版（${m.name}）未执行 / migration ${m.version} not applied`);
  const offices = await store.asOperator((q) =>
    q.query<{ id: string; name: string; office_key: SignedRoster['roster']['officeKey']; roster: SignedRoster; last_seq: number; entries: number; max_seq: number | null; blob_refs_max: number | null }>(
      `select o.id, o.name, o.office_key, o.roster, o.last_seq,
        (select count(*)::int from entries e where e.office_id = o.id) as entries,
        (select max(seq) from entries e where e.office_id = o.id) as max_seq,
        (select max(seq) from blob_refs b where b.office_id = o.id) as blob_refs_max
       from offices o order by o.id`,
    ),
  );
  const report: CheckReport['offices'] = [];
  for (const o of offices) {
    const at = `办公室「${o.name}」（${o.id}）`;
    try {
      await verifyRoster(o.roster, { officeId: o.id, officeKey: o.office_key });
    } catch (e) {
      problems.push(`${at}：人员名单无效：${(e as Error).message}`);
    }
    const lastSeq = Number(o.last_seq);
    const top = Math.max(Number(o.max_seq ?? 0), Number(o.blob_refs_max ?? 0));
    if (top > lastSeq) problems.push(`${at}：序号计数器（${lastSeq}）小于已存记录的最大序号（${top}）/ sequence counter behind`);
    const blobs = await store.inOffice(o.id, (q) => q.query<{ sha256: string; size: number }>('select sha256, size from blobs where office_id = $1', [o.id]));
    for (const b of blobs) {
      const path = files.path(o.id, b.sha256);
      let size: number | null = null;
      try {
        size = (await stat(path)).size;
      } catch {
        problems.push(`${at}：照片文件缺失 / photo file missing: ${b.sha256}`);
        continue;
      }
      if (size !== Number(b.size)) problems.push(`${at}：照片文件大小不符 / photo file size differs: ${b.sha256}`);
      else if (deep && (await hashFile(path)) !== b.sha256) problems.push(`${at}：照片文件内容已损坏 / photo file corrupted: ${b.sha256}`);
    }
    report.push({ id: o.id, name: o.name, entries: Number(o.entries), lastSeq, blobs: blobs.length });
  }
  return { offices: report, problems };
}
