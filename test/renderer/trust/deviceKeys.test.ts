import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { registerIpcHandlers, type IpcDeps } from '../../../electron/ipc';
import type { SafeStorageDeps } from '../../../electron/handlers/safeStorage';
import { IPC_CHANNELS } from '../../../shared/ipc/desktopApi';
import { generateDeviceKeys, signValue, verifyValue } from '../../../shared/trust/keys';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession } from '../../../renderer/db/session';
import { deviceKeyProtection, deviceKeys } from '../../../renderer/features/trust/officeKeys';
import type { SecretStore } from '../../../renderer/platform/platform';
import { adminLaptop } from './office';
import { closeAll } from '../sync/laptops';

/**
 * The desktop's secret store as the renderer reaches it: every call through the
 * real IPC registration (sender check, argument validation) and the real
 * safeStorage handler, over a stand-in for DPAPI bound to one Windows account.
 */
function desktopSecrets(account: string, calls: string[] = []): SecretStore {
  const dpapi: SafeStorageDeps = {
    isEncryptionAvailable: () => true,
    encryptString: (plain) => Buffer.from(`dpapi:${account}:${Buffer.from(plain).toString('hex')}`),
    decryptString: (sealed) => {
      const [tag, who, hex] = sealed.toString().split(':');
      if (tag !== 'dpapi' || who !== account) throw new Error('wrong account');
      return Buffer.from(hex, 'hex').toString();
    },
  };
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  registerIpcHandlers({ handle: (c, l) => void handlers.set(c, l as never) }, { trustedOrigins: ['app://bundle'], secrets: dpapi } as unknown as IpcDeps);
  const event = { senderFrame: { url: 'app://bundle/index.html', parent: null } };
  const call = async <T,>(channel: string, arg?: unknown): Promise<T> => {
    calls.push(channel);
    return (await handlers.get(channel)!(event, ...(arg === undefined ? [] : [arg]))) as T;
  };
  return {
    available: () => call<boolean>(IPC_CHANNELS.secretsAvailable),
    seal: (plain) => call<string>(IPC_CHANNELS.sealSecret, { plain }),
    open: (sealed) => call<string>(IPC_CHANNELS.openSecret, { sealed }),
  };
}

const names: string[] = [];
function dbNamed(name?: string): InspectorDatabase {
  const n = name ?? `keys-${Math.random().toString(36).slice(2)}`;
  names.push(n);
  return new InspectorDatabase(n);
}

afterEach(async () => {
  await closeAll();
  for (const n of names.splice(0)) await Dexie.delete(n);
});

/** Every value the `trust` table holds, looking into objects: no CryptoKey may be among them on the desktop. */
async function storedCryptoKeys(db: InspectorDatabase): Promise<CryptoKey[]> {
  const found: CryptoKey[] = [];
  const walk = (v: unknown) => {
    if (v instanceof CryptoKey) found.push(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(await db.trust.toArray());
  return found;
}

async function signs(keys: Awaited<ReturnType<typeof deviceKeys>>): Promise<boolean> {
  return verifyValue(keys.signPublic, { a: 1 }, await signValue(keys.signPrivate, { a: 1 }));
}

describe('device keys on the desktop are sealed by the operating system', () => {
  it('keeps no usable key in IndexedDB; the same keys come back at the next start and sign', async () => {
    const calls: string[] = [];
    const db = dbNamed();
    await openSession(db);
    const keys = await deviceKeys(db, desktopSecrets('zhangsan', calls));
    expect(calls).toContain(IPC_CHANNELS.sealSecret);
    expect(keys.signPrivate.extractable).toBe(false);
    expect(keys.boxPrivate.extractable).toBe(false);
    expect(await storedCryptoKeys(db)).toEqual([]);
    expect(await deviceKeyProtection(db, desktopSecrets('zhangsan'))).toBe('system');

    // The next start (a new database object): unsealed through the operating system, the same public keys.
    const again = dbNamed(db.name);
    const next = await deviceKeys(again, desktopSecrets('zhangsan', calls));
    expect(calls).toContain(IPC_CHANNELS.openSecret);
    expect(next.signPublic).toEqual(keys.signPublic);
    expect(next.boxPublic).toEqual(keys.boxPublic);
    expect(next.signPrivate.extractable).toBe(false);
    expect(await signs(next)).toBe(true);
    db.close();
    again.close();
  });

  it('a copy of the IndexedDB folder under another Windows account, or without the desktop, cannot sign; nothing is written', async () => {
    const db = dbNamed();
    await openSession(db);
    await deviceKeys(db, desktopSecrets('zhangsan'));
    const before = JSON.stringify(await db.trust.toArray());
    const copied = dbNamed(db.name);
    await expect(deviceKeys(copied, desktopSecrets('thief'))).rejects.toThrow('本机签名密钥由系统保管，当前 Windows 账户无法读取');
    const browser = dbNamed(db.name);
    await expect(deviceKeys(browser, undefined)).rejects.toThrow('本机签名密钥由系统保管，当前环境无法读取');
    expect(JSON.stringify(await db.trust.toArray())).toBe(before);
    for (const d of [db, copied, browser]) d.close();
  });

  it('in the browser the keys are non-extractable CryptoKeys in IndexedDB', async () => {
    const db = dbNamed();
    await openSession(db);
    const keys = await deviceKeys(db, undefined);
    expect(keys.signPrivate.extractable).toBe(false);
    expect((await storedCryptoKeys(db)).length).toBe(2);
    expect(await deviceKeyProtection(db, undefined)).toBe('browser');
    db.close();
  });
});

describe('laptops set up before sealing', () => {
  async function legacyRow(db: InspectorDatabase): Promise<void> {
    await db.trust.put({ id: 'deviceKeys', value: { ...(await generateDeviceKeys()), createdAt: '2026-01-01T00:00:00.000Z' } });
  }

  it('a laptop not yet in an office gets new sealed keys at its first desktop start', async () => {
    const db = dbNamed();
    await openSession(db);
    await legacyRow(db);
    const oldPublic = ((await db.trust.get('deviceKeys'))!.value as { signPublic: unknown }).signPublic;
    const keys = await deviceKeys(db, desktopSecrets('zhangsan'));
    expect(keys.signPublic).not.toEqual(oldPublic);
    expect(await storedCryptoKeys(db)).toEqual([]);
    expect(await signs(keys)).toBe(true);
    db.close();
  });

  it('an enrolled laptop keeps its keys (the roster names them) and still signs; the page says they are not sealed', async () => {
    const admin = await adminLaptop();
    const db = dbNamed(admin.session.db.name);
    const enrolled = ((await db.trust.get('deviceKeys'))!.value as { signPublic: unknown }).signPublic;
    const keys = await deviceKeys(db, desktopSecrets('zhangsan'));
    expect(keys.signPublic).toEqual(enrolled);
    expect(await signs(keys)).toBe(true);
    expect(await deviceKeyProtection(db, desktopSecrets('zhangsan'))).toBe('unsealed');
    db.close();
  });
});
