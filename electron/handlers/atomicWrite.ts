import { randomBytes } from 'node:crypto';
import type { FsLike } from './fsTypes';

/**
 * Writes `data` next to `target` under a temporary name, flushes it, then
 * renames it over `target`: a reader sees the old file or the new one, never
 * half of one, even if the laptop loses power. The temporary file is removed
 * when anything fails.
 */
export async function writeFileAtomic(fs: Pick<FsLike, 'writeFile' | 'rename' | 'unlink'>, target: string, data: Uint8Array): Promise<void> {
  const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await fs.writeFile(tmp, data, { flush: true });
    await fs.rename(tmp, target);
  } catch (error) {
    await fs.unlink(tmp).catch(() => undefined);
    throw error;
  }
}
