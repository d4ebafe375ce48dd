import { BackupError } from '../../../shared/backup/backupArchive';
import { isSource, memorySource, type ByteSink, type ByteSource } from '../../../shared/backup/byteStreams';
import { SealError, sealSink, unsealIfSealed, type Keyring, type Recipient, type SealKind } from '../../../shared/crypto/envelope';
import type { InspectorDatabase } from '../../db/database';
import { getPlatform } from '../../platform';
import { officeDataKey } from '../trust/officeKeys';
import { laptopKey, type SecretStore } from './laptopKey';

/**
 * Where archives meet the envelope: each sink a backup or bundle is written to
 * and each file one is read from passes through here, so the archive code
 * itself never changes (zip → envelope, the envelope outside).
 */

/** The office's data key (the trust feature's `officeDataKey`: received at enrolment); null when this laptop has joined no office. */
export type OfficeKeyProvider = () => Promise<{ officeId: string; officeName: string; key: CryptoKey } | null>;

let officeKeyProvider: (db: InspectorDatabase) => ReturnType<OfficeKeyProvider> = officeDataKey;

/** Tests replace the provider to seal for an office without enrolling one. */

export function setOfficeKeyProvider(provider: (db: InspectorDatabase) => ReturnType<OfficeKeyProvider>): void {
  officeKeyProvider = provider;
}

export function officeKey(db: InspectorDatabase): ReturnType<OfficeKeyProvider> {
  return officeKeyProvider(db);
}

const secrets = (): SecretStore | undefined => {
  try {
    return getPlatform().secrets;
  } catch {
    return undefined;
  }
};

/** How a bundle leaves this laptop. */
export type BundleProtection = { mode: 'office' } | { mode: 'passphrase'; passphrase: string } | { mode: 'plain' };

/**
 * A backup sink: sealed with this laptop's key and, for a copy taken to another
 * machine, a passphrase too.
 */
export async function sealBackupSink(db: InspectorDatabase, sink: ByteSink, passphrase?: string): Promise<ByteSink> {
  return sealOrAbort(sink, 'backup', async () => {
    const own = await laptopKey(db, secrets());
    const recipients: Recipient[] = [{ type: 'device', keyId: own.keyId, key: own.key }];
    if (passphrase) recipients.push({ type: 'passphrase', passphrase });
    return recipients;
  });
}

/** A bundle sink: sealed for the office, with a passphrase, or (after the user's explicit choice) plain. */
export async function sealBundleSink(db: InspectorDatabase, sink: ByteSink, protection: BundleProtection): Promise<ByteSink> {
  if (protection.mode === 'plain') return sink;
  return sealOrAbort(sink, 'sync', async () => {
    const own = await laptopKey(db, secrets());
    const recipients: Recipient[] = [{ type: 'device', keyId: own.keyId, key: own.key }];
    if (protection.mode === 'office') {
      const office = await officeKey(db);
      if (!office) throw new BackupError('本机尚未加入任何单位，无法为单位加密；请设置密码，或确认以未加密方式发送');
      recipients.push({ type: 'office', officeId: office.officeId, officeName: office.officeName, key: office.key });
    } else {
      recipients.push({ type: 'passphrase', passphrase: protection.passphrase });
    }
    return recipients;
  });
}

/** Seals `sink` for the recipients; on any failure the sink is aborted (no partial file is left). */
async function sealOrAbort(sink: ByteSink, kind: SealKind, recipients: () => Promise<Recipient[]>): Promise<ByteSink> {
  try {
    return await sealSink(sink, kind, await recipients());
  } catch (e) {
    await sink.abort().catch(() => undefined);
    throw e instanceof SealError ? new BackupError(e.message) : e;
  }
}

/** The keys this laptop holds: its own and, once enrolled, the office's. */
export async function localKeyring(db: InspectorDatabase, passphrase?: string): Promise<Keyring> {
  const own = await laptopKey(db, secrets());
  const office = await officeKey(db);
  return { devices: [own], offices: office ? [{ officeId: office.officeId, key: office.key }] : [], passphrase };
}

/** A file opened for the archive reader: decrypted when sealed, passed through (and marked) when plain. */
export interface ArchiveFile {
  source: ByteSource;
  encrypted: boolean;
}

/**
 * Opens a file for reading an archive from it. A sealed file whose key is
 * missing or wrong, or whose bytes were changed, is refused with the
 * envelope's Chinese message (as a BackupError; `needsPassphrase` tells the
 * screen to ask for one).
 */
export async function openArchiveFile(db: InspectorDatabase, file: ByteSource | Uint8Array, kind: SealKind, passphrase?: string): Promise<ArchiveFile> {
  const source = isSource(file) ? file : memorySource(file, kind === 'backup' ? 'backup' : 'bundle');
  try {
    const opened = await unsealIfSealed(source, await localKeyring(db, passphrase), kind);
    return { source: opened.source, encrypted: opened.encrypted };
  } catch (e) {
    if (e instanceof SealError) throw new PassphraseError(e.message, e.code === 'needs-passphrase' || e.code === 'wrong-passphrase');
    throw e;
  }
}

/** A sealed archive that could not be opened; `asksPassphrase` when typing one (again) can help. */
export class PassphraseError extends BackupError {
  constructor(
    message: string,
    readonly asksPassphrase: boolean,
  ) {
    super(message);
  }
}
