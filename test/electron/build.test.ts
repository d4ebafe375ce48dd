import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../../electron/vite.config';

// Builds main and preload the way `npm run build:electron` does, into a
// temporary folder, and checks what Electron will load.
let outDir: string;
let main: string;
let preload: string;

const requires = (code: string) => [...new Set([...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]))].sort();

beforeAll(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'zwgk-electron-build-'));
  await buildElectron({ outDir });
  main = await readFile(path.join(outDir, 'main.cjs'), 'utf8');
  preload = await readFile(path.join(outDir, 'preload.cjs'), 'utf8');
}, 60_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('electron build', () => {
  it('the sandboxed preload is one file that requires only electron', () => {
    expect(requires(preload)).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld("desktop"');
    expect(preload).toContain('"stream:write"');
    // The schemas (and zod) are not needed in the preload.
    expect(preload.length).toBeLessThan(20_000);
    expect(preload).not.toMatch(/\bimport\s/);
  });

  it('main requires only electron and Node built-ins (zod is bundled)', () => {
    const allowed = new Set(['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect(requires(main).filter((id) => !allowed.has(id))).toEqual([]);
    expect(main).toContain('registerSchemesAsPrivileged');
    expect(main).toContain('safeParse');
  });
});
