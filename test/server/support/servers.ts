import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { createServer, EMBEDDED_DB_DIR, type RunningServer, type ServerOptions } from '../../../server/app';
import { createDatabase } from './postgres';

export const ENGINES = ['pglite', 'postgres'] as const;
export type Engine = (typeof ENGINES)[number];

export interface TestServer extends RunningServer {
  dataDir: string;
  databaseUrl?: string;
  /** Stops the server and deletes its data folder. */
  dispose(): Promise<void>;
}

/** A fresh data folder (and, on PostgreSQL, a fresh database) for one engine. */
export async function freshStorage(engine: Engine): Promise<{ dataDir: string; databaseUrl?: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zwgk-server-'));
  if (engine === 'pglite') {
    cpSync(inject('pgliteTemplate'), join(dataDir, EMBEDDED_DB_DIR), { recursive: true });
    return { dataDir };
  }
  const template = inject('pgAppUrlTemplate');
  return { dataDir, databaseUrl: await createDatabase(inject('pgAdminUrl'), (db) => template.replace('%DB%', db)) };
}

/** A server on a free loopback port with its own storage. */
export async function startServer(engine: Engine, opts: Partial<ServerOptions> = {}, storage?: { dataDir: string; databaseUrl?: string }): Promise<TestServer> {
  const s = storage ?? (await freshStorage(engine));
  const server = await createServer({ port: 0, rateLimit: false, ...opts, ...s });
  return {
    ...server,
    ...s,
    async dispose() {
      await server.close();
      rmSync(s.dataDir, { recursive: true, force: true });
    },
  };
}
