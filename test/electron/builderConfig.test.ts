import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const config = require('../../build/electron-builder.config.cjs');

type Target = { target: string; arch: string[] };

describe('electron-builder configuration', () => {
  it('names the product and packs only the built app into an asar', () => {
    expect(config.appId).toBe('cn.gov.zwgk.inspector');
    expect(config.productName).toBe('政务公开检查助手');
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(['dist/**', 'dist-electron/**', 'package.json']);
  });

  it('flips the Electron fuses that close the usual back doors', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds a Windows installer and a portable exe for x64', () => {
    const targets = config.win.target as Target[];
    expect(targets).toEqual(expect.arrayContaining([{ target: 'nsis', arch: ['x64'] }, { target: 'portable', arch: ['x64'] }]));
    expect(config.nsis).toMatchObject({ oneClick: false, allowToChangeInstallationDirectory: true, installerLanguages: ['zh_CN'] });
  });

  it('builds AppImage and deb for x64 and arm64', () => {
    const targets = config.linux.target as Target[];
    for (const name of ['AppImage', 'deb']) {
      const t = targets.find((x) => x.target === name);
      expect(t?.arch).toEqual(['x64', 'arm64']);
    }
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toMatch(/<[^@\s]+@[^>\s]+>/);
  });

  it('ships no node_modules (everything is bundled)', async () => {
    expect(await config.beforeBuild()).toBe(false);
  });

  it("passes electron-builder's own schema validation", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...config, nsis: { ...config.nsis, oneClik: false } }, new DebugLogger(false)),
    ).rejects.toThrow(/Invalid configuration/);
  });
});
