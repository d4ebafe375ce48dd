import type { InspectorDatabase } from '../../db/database';
import type { DeviceKeys, WrappedDeviceKeys } from '../../../shared/trust/keys';
import type { OfficeSecretFile, SignedRoster } from '../../../shared/trust/model';

/**
 * Where this laptop keeps its team identity: one row per item in the `trust`
 * table (Dexie v10). The private keys are non-extractable CryptoKey objects,
 * stored as such (IndexedDB's structured clone keeps them usable, never readable).
 * Local only: nothing here is change-logged or synced; the roster travels
 * inside signed bundles instead.
 */
export interface StoredDeviceKeys extends DeviceKeys {
  createdAt: string;
}

/**
 * The device keys as kept on the desktop: the private halves encrypted under a
 * wrapping key whose bytes only the operating system can give back
 * (`sealedKek`, from Electron safeStorage: DPAPI on Windows). A copy of the
 * IndexedDB folder alone holds no key that can sign.
 */
export interface SealedDeviceKeys extends WrappedDeviceKeys {
  sealedKek: string;
  createdAt: string;
}

/** What the `deviceKeys` row holds: sealed (desktop) or the CryptoKeys themselves (browser, and laptops set up before sealing). */
export type DeviceKeysRow = StoredDeviceKeys | SealedDeviceKeys;

export function isSealedKeys(row: DeviceKeysRow): row is SealedDeviceKeys {
  return (row as SealedDeviceKeys).format === 'zwgk-device-keys-wrapped';
}

export interface StoredDataKey {
  officeId: string;
  officeName: string;
  key: CryptoKey;
}

const DEVICE_KEYS = 'deviceKeys';
const ROSTER = 'roster';
const DATA_KEY = 'dataKey';
const OFFICE_SECRET = 'officeSecret';

export interface TrustStore {
  deviceKeys(): Promise<DeviceKeysRow | null>;
  putDeviceKeys(keys: DeviceKeysRow): Promise<void>;
  roster(): Promise<SignedRoster | null>;
  putRoster(roster: SignedRoster): Promise<void>;
  dataKey(): Promise<StoredDataKey | null>;
  putDataKey(key: StoredDataKey): Promise<void>;
  officeSecret(): Promise<OfficeSecretFile | null>;
  putOfficeSecret(file: OfficeSecretFile): Promise<void>;
}

export function trustStore(db: InspectorDatabase): TrustStore {
  const get = async <T>(id: string): Promise<T | null> => ((await db.trust.get(id))?.value as T | undefined) ?? null;
  const put = async (id: string, value: unknown): Promise<void> => {
    await db.trust.put({ id, value });
  };
  return {
    deviceKeys: () => get<DeviceKeysRow>(DEVICE_KEYS),
    putDeviceKeys: (k) => put(DEVICE_KEYS, k),
    roster: () => get<SignedRoster>(ROSTER),
    putRoster: (r) => put(ROSTER, r),
    dataKey: () => get<StoredDataKey>(DATA_KEY),
    putDataKey: (k) => put(DATA_KEY, k),
    officeSecret: () => get<OfficeSecretFile>(OFFICE_SECRET),
    putOfficeSecret: (f) => put(OFFICE_SECRET, f),
  };
}
