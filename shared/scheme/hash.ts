import { sha256Hex } from '../util/sha256';
import type { Scheme } from './model';
import { exportSchemeJson } from './json';

/**
 * SHA-256 (hex) of the scheme's canonical JSON. An inspection keeps a frozen
 * copy of the scheme with its version and this hash, so a later edit of the
 * scheme is detected.
 */
export function contentHash(scheme: Scheme): Promise<string> {
  return sha256Hex(exportSchemeJson(scheme));
}
