import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL cluster for the server tests: Debian's binaries
 * (/usr/lib/postgresql/<version>/bin, installed by .ci/run), `initdb -A trust`
 * into a temporary folder, listening on 127.0.0.1 and a socket in that folder.
 * As root the cluster runs as the `postgres` user (PostgreSQL refuses root).
 * Tests connect as `zwgk_app`, an ordinary role, so row-level security applies.
 */
export interface TestCluster {
  /** Superuser connection (creating databases). */
  adminUrl: string;
  /** postgres://zwgk_app@…/<db> */
  appUrl(db: string): string;
  stop(): void;
}

export const APP_ROLE = 'zwgk_app';

function findBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(root, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? join(which.stdout.trim(), '..') : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startCluster(): Promise<TestCluster> {
  const bin = findBin();
  if (!bin) throw new Error('PostgreSQL not found (looked in /usr/lib/postgresql/*/bin and PATH): install Debian\'s `postgresql` package (.ci/run does)');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-pg-'));
  const data = join(dir, 'data');
  const sock = join(dir, 'sock');
  mkdirSync(sock);
  const run = (cmd: string, args: string[]) => {
    if (!asRoot) return execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
    const hasRunuser = spawnSync('sh', ['-c', 'command -v runuser']).status === 0;
    if (hasRunuser) return execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' });
    const quoted = [join(bin, cmd), ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    return execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', quoted], { stdio: 'pipe' });
  };
  if (asRoot) {
    const pwd = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    if (pwd.status !== 0) throw new Error('running as root but there is no `postgres` user: install Debian\'s `postgresql` package');
    const uid = Number(pwd.stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    for (const p of [dir, sock]) chownSync(p, uid, gid);
  }
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const options = `-k ${sock} -c listen_addresses=127.0.0.1 -p ${port} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'postgres.log'), '-w', '-t', '120', 'start']);
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`create role ${APP_ROLE} login`);
  await c.end();
  let stopped = false;
  return {
    adminUrl,
    appUrl: (db) => `postgres://${APP_ROLE}@127.0.0.1:${port}/${db}`,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

let dbCounter = 0;

/** A new empty database owned by the application role. */
export async function createDatabase(adminUrl: string, appUrl: (db: string) => string): Promise<string> {
  const name = `t_${process.pid}_${Date.now().toString(36)}_${dbCounter++}`;
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(`create database ${name} owner ${APP_ROLE}`);
  } finally {
    await c.end();
  }
  return appUrl(name);
}
