import { build, preview, type PreviewServer } from 'vite';
import { findBrowser } from './browserLookup';
import type { TestProject } from 'vitest/node';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

let server: PreviewServer | undefined;

// Each run builds into its own folder, so parallel runs never overwrite each other's files.
const outDir = process.env.E2E_SKIP_BUILD ? resolve('dist') : resolve('test-output', `e2e-dist-${process.pid}`);

/** Builds the web version of the renderer once and serves it on localhost for the e2e tests. */
export async function setup(project: TestProject): Promise<void> {
  // No browser: stop here, once, with the line that installs one (not after the build, in every file).
  findBrowser();
  if (!process.env.E2E_SKIP_BUILD) await build({ configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  server = await preview({ configFile: 'vite.config.ts', preview: { host: '127.0.0.1', port: 0, strictPort: false }, build: { outDir }, logLevel: 'warn' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  project.provide('baseURL', `http://127.0.0.1:${address.port}/`);
}

export async function teardown(): Promise<void> {
  await server?.close();
  if (!process.env.E2E_SKIP_BUILD) rmSync(outDir, { recursive: true, force: true });
}
