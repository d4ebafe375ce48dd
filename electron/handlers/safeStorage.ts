/**
 * Small secrets kept by the operating system: Electron's safeStorage (DPAPI on
 * Windows, bound to the Windows account; Keychain on macOS; the desktop keyring
 * on Linux). The renderer hands over a secret (the base64 of its backup key) and
 * gets back an opaque base64 blob it may store; only this account on this
 * machine can turn the blob back. Plain functions over an injected safeStorage.
 */
export interface SafeStorageDeps {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  /** Linux: 'basic_text' means no keyring (the secret would be kept with a fixed key); refused. */
  getSelectedStorageBackend?(): string;
}

export async function secretsAvailable(deps: SafeStorageDeps): Promise<boolean> {
  if (!deps.isEncryptionAvailable()) return false;
  return deps.getSelectedStorageBackend?.() !== 'basic_text';
}

export async function sealSecret(args: { plain: string }, deps: SafeStorageDeps): Promise<string> {
  if (!(await secretsAvailable(deps))) throw new Error('本机系统无法加密保存密钥（系统凭据服务不可用）');
  return deps.encryptString(args.plain).toString('base64');
}

export async function openSecret(args: { sealed: string }, deps: SafeStorageDeps): Promise<string> {
  if (!deps.isEncryptionAvailable()) throw new Error('本机系统无法解密保存的密钥（系统凭据服务不可用）');
  try {
    return deps.decryptString(Buffer.from(args.sealed, 'base64'));
  } catch {
    throw new Error('无法解密本机保存的密钥（可能换了 Windows 账户或电脑），本机的加密备份需用备份密码恢复');
  }
}
