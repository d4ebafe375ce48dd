import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MAX_BLOB_BYTES } from '../shared/sync/server/protocol';
import { ServerError } from './errors';
import { sha256Hex } from './store';

/**
 * Photo files on disk, per office, by SHA-256: DATA_DIR/blobs/<office>/<aa>/<hash>.
 * An upload is appended to DATA_DIR/uploads/<office>/<hash>.part as it arrives, so a
 * cut connection resumes from the bytes kept; when the file is complete its hash
 * is checked and it is renamed into place (never visible half-written).
 */
export class BlobFiles {
  private uploading = new Set<string>();

  constructor(
    readonly dataDir: string,
    /** Free disk space kept for the database and the logs: an upload that would eat into it is refused. */
    readonly reserveBytes = 256 * 1024 * 1024,
  ) {}

  private officeDir(officeId: string): string {
    return /^[A-Za-z0-9_-]{1,64}$/.test(officeId) ? officeId : `o-${sha256Hex(officeId).slice(0, 32)}`;
  }

  path(officeId: string, sha256: string): string {
    return join(this.dataDir, 'blobs', this.officeDir(officeId), sha256.slice(0, 2), sha256);
  }

  private partPath(officeId: string, sha256: string): string {
    return join(this.dataDir, 'uploads', this.officeDir(officeId), `${sha256}.part`);
  }

  async received(officeId: string, sha256: string): Promise<number> {
    try {
      return (await stat(this.partPath(officeId, sha256))).size;
    } catch {
      return 0;
    }
  }

  async size(officeId: string, sha256: string): Promise<number | null> {
    try {
      return (await stat(this.path(officeId, sha256))).size;
    } catch {
      return null;
    }
  }

  /**
   * Appends the body to the partial file from `offset`; 'complete' once `length` bytes
   * are in and the hash is right (then the file is in place), 'partial' when the body
   * ended early (a later PUT resumes).
   */
  async receive(officeId: string, sha256: string, offset: number, length: number, body: Readable): Promise<{ state: 'complete' | 'partial'; received: number }> {
    if (length > MAX_BLOB_BYTES) throw new ServerError(413, 'payload-too-large', `照片文件 ${mb(length)} MB，超过服务器允许的 ${mb(MAX_BLOB_BYTES)} MB`);
    const key = `${officeId}/${sha256}`;
    if (this.uploading.has(key)) throw new ServerError(409, 'bad-request', '这个照片文件正在由另一个连接上传，请稍后再试');
    this.uploading.add(key);
    try {
      const part = this.partPath(officeId, sha256);
      const have = await this.received(officeId, sha256);
      if (offset !== have) throw new ServerError(409, 'bad-request', `上传位置不符：服务器已收到 ${have} 字节，请从该位置继续`, { received: have });
      await this.ensureRoom(length - have);
      await mkdir(join(part, '..'), { recursive: true });
      let count = have;
      const limit = length;
      const counter = async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          count += chunk.length;
          if (count > limit) throw new ServerError(400, 'bad-request', `上传的数据超过声明的文件大小（${limit} 字节）`);
          yield chunk;
        }
      };
      try {
        await pipeline(body, counter, createWriteStream(part, { flags: 'a' }));
      } catch (e) {
        if (e instanceof ServerError) {
          await rm(part, { force: true });
          throw e;
        }
        if ((e as NodeJS.ErrnoException).code === 'ENOSPC') throw new ServerError(507, 'server-full', '服务器磁盘已满，照片未能保存，请联系管理员');
        // The connection was cut: keep what arrived, the laptop resumes from it.
        return { state: 'partial', received: await this.received(officeId, sha256) };
      }
      if (count < length) return { state: 'partial', received: count };
      const actual = await hashFile(part);
      if (actual !== sha256) {
        await rm(part, { force: true });
        throw new ServerError(422, 'hash-mismatch', '上传的照片文件内容与其校验值不符，已丢弃，请重新上传');
      }
      const final = this.path(officeId, sha256);
      await mkdir(join(final, '..'), { recursive: true });
      await rename(part, final);
      return { state: 'complete', received: length };
    } finally {
      this.uploading.delete(key);
    }
  }

  private async ensureRoom(bytes: number): Promise<void> {
    await mkdir(this.dataDir, { recursive: true });
    const fs = await statfs(this.dataDir);
    if (fs.bavail * fs.bsize < bytes + this.reserveBytes) throw new ServerError(507, 'server-full', '服务器磁盘空间不足，照片未能保存，请联系管理员');
  }

  read(officeId: string, sha256: string, range?: { start: number; end: number }): Readable {
    return createReadStream(this.path(officeId, sha256), range);
  }
}

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;

export async function hashFile(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}
