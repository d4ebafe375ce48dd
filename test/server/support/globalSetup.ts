import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { PGlite } from '@electric-sql/pglite';
import { startCluster } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgAppUrlTemplate: string;
    pgliteTemplate: string;
  }
}

/**
 * Starts one throwaway PostgreSQL cluster for the server project (stopped at the end)
 * and makes one freshly initialised PGlite folder that each embedded test server
 * copies (PGlite's initdb in WASM takes seconds; copying its result takes little).
 */
export default async function setup(project: TestProject) {
  const [cluster, template] = await Promise.all([
    startCluster(),
    (async () => {
      const dir = mkdtempSync(join(tmpdir(), 'zwgk-pglite-'));
      const db = await PGlite.create(join(dir, 'db'));
      await db.close();
      return dir;
    })(),
  ]);
  project.provide('pgAdminUrl', cluster.adminUrl);
  project.provide('pgAppUrlTemplate', cluster.appUrl('%DB%'));
  project.provide('pgliteTemplate', join(template, 'db'));
  const stop = () => {
    cluster.stop();
    rmSync(template, { recursive: true, force: true });
  };
  process.once('exit', stop);
  return stop;
}
