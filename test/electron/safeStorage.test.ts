import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret, secretsAvailable, type SafeStorageDeps } from '../../electron/handlers/safeStorage';
import { registerIpcHandlers, type IpcDeps } from '../../electron/ipc';
import { IPC_CHANNELS } from '../../shared/ipc/channels';

function fakeStorage(available = true, backend = 'gnome_libsecret'): SafeStorageDeps {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => Buffer.from(`os:${Buffer.from(plain).toString('hex')}`),
    decryptString: (sealed) => {
      const t = sealed.toString();
      if (!t.startsWith('os:')) throw new Error('bad');
      return Buffer.from(t.slice(3), 'hex').toString();
    },
    getSelectedStorageBackend: () => backend,
  };
}

describe('safeStorage handler', () => {
  it('wraps a key so that only the operating system can give it back', async () => {
    const deps = fakeStorage();
    const sealed = await sealSecret({ plain: 'a2V5LWJ5dGVz' }, deps);
    expect(sealed).not.toContain('a2V5LWJ5dGVz');
    expect(await openSecret({ sealed }, deps)).toBe('a2V5LWJ5dGVz');
    await expect(openSecret({ sealed: Buffer.from('other').toString('base64') }, deps)).rejects.toThrow('无法解密本机保存的密钥');
  });

  it('refuses to wrap without a real keyring (Linux basic_text) or when unavailable', async () => {
    expect(await secretsAvailable(fakeStorage(true, 'basic_text'))).toBe(false);
    expect(await secretsAvailable(fakeStorage(false))).toBe(false);
    await expect(sealSecret({ plain: 'x' }, fakeStorage(false))).rejects.toThrow('系统凭据服务不可用');
  });

  it('validates the arguments over IPC before the handler runs', async () => {
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
    let sealed = 0;
    const deps = fakeStorage();
    const counting: SafeStorageDeps = { ...deps, encryptString: (p) => (sealed++, deps.encryptString(p)) };
    registerIpcHandlers({ handle: (c, l) => void handlers.set(c, l as never) }, { trustedOrigins: ['app://bundle'], secrets: counting } as unknown as IpcDeps);
    const event = { senderFrame: { url: 'app://bundle/index.html', parent: null } };
    const call = (channel: string, arg?: unknown) => Promise.resolve(handlers.get(channel)!(event, arg));
    expect(await call(IPC_CHANNELS.secretsAvailable)).toBe(true);
    await expect(call(IPC_CHANNELS.sealSecret, { plain: '' })).rejects.toThrow();
    await expect(call(IPC_CHANNELS.sealSecret, { plain: 'x'.repeat(5000) })).rejects.toThrow('密钥过长');
    await expect(call(IPC_CHANNELS.openSecret, { sealed: 'not base64!' })).rejects.toThrow('密钥数据格式不正确');
    expect(sealed).toBe(0);
    const blob = (await call(IPC_CHANNELS.sealSecret, { plain: 'a2V5' })) as string;
    expect(await call(IPC_CHANNELS.openSecret, { sealed: blob })).toBe('a2V5');
  });
});
