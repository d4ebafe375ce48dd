import type { Scheme } from './model';
import { exportSchemeJson } from './json';

/**
 * SHA-256 (hex) of the scheme's canonical JSON. An inspection keeps a frozen
 * copy of the scheme with its version and this hash, so a later edit of the
 * scheme is detected. Uses Web Crypto (Node 20 and browsers).
 */
export async function contentHash(scheme: Scheme): Promise<string> {
  const bytes = new TextEncoder().encode(exportSchemeJson(scheme));
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  let hex = '';
  for (const b of new Uint8Array(digest)) hex += b.toString(16).padStart(2, '0');
  return hex;
}
