import { fromBase64, generateDataKey, toBase64 } from '../../../shared/crypto/envelope';
import { uuidv7 } from '../../../shared/util/ids';
import type { InspectorDatabase } from '../../db/database';
import type { SecretStore } from '../../platform/platform';

/**
 * This laptop's own backup key (AES-256-GCM). In the browser it is a
 * non-extractable CryptoKey kept in IndexedDB: script can use it but never read
 * it out. On the desktop its bytes are kept wrapped by the operating system
 * (Electron safeStorage: DPAPI on Windows), so a copy of the profile folder
 * taken to another account or machine cannot unwrap it. The key stays on this
 * laptop (its meta key is not one a backup carries).
 */
export type { SecretStore };

export const META_LAPTOP_KEY = 'crypt.laptopKey';

type Stored = { keyId: string; key: CryptoKey } | { keyId: string; sealed: string };

export interface LaptopKey {
  keyId: string;
  key: CryptoKey;
}

const loaded = new WeakMap<InspectorDatabase, Promise<LaptopKey>>();

async function importRaw(raw: Uint8Array): Promise<CryptoKey> {
  const key = await globalThis.crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['encrypt', 'decrypt']);
  raw.fill(0);
  return key;
}

async function loadOrCreate(db: InspectorDatabase, secrets?: SecretStore): Promise<LaptopKey> {
  const stored = (await db.meta.get(META_LAPTOP_KEY))?.value as Stored | undefined;
  if (stored && 'key' in stored) return stored;
  if (stored && 'sealed' in stored) {
    if (!secrets) throw new Error('本机备份密钥由系统保管，当前环境无法读取');
    return { keyId: stored.keyId, key: await importRaw(fromBase64(await secrets.open(stored.sealed))) };
  }
  const keyId = uuidv7(Date.now());
  let made: LaptopKey;
  let row: Stored;
  if (secrets && (await secrets.available())) {
    const raw = globalThis.crypto.getRandomValues(new Uint8Array(32));
    const sealed = await secrets.seal(toBase64(raw));
    made = { keyId, key: await importRaw(raw) };
    row = { keyId, sealed };
  } else {
    made = { keyId, key: await generateDataKey(false) };
    row = made;
  }
  // Another tab may have made one meanwhile: the first one stored wins.
  const kept = await db.transaction('rw', db.meta, async () => {
    const now = (await db.meta.get(META_LAPTOP_KEY))?.value as Stored | undefined;
    if (now) return now;
    await db.meta.put({ key: META_LAPTOP_KEY, value: row });
    return null;
  });
  return kept ? loadOrCreate(db, secrets) : made;
}

/** This laptop's backup key, made at first use. */
export function laptopKey(db: InspectorDatabase, secrets?: SecretStore): Promise<LaptopKey> {
  let p = loaded.get(db);
  if (!p) {
    p = loadOrCreate(db, secrets);
    loaded.set(db, p);
    p.catch(() => loaded.delete(db));
  }
  return p;
}
