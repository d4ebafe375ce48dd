/**
 * Streamed files: the renderer writes a sink chunk by chunk and reads a source
 * piece by piece, so no file is ever held whole in one buffer or sent through
 * one IPC call. Handles are random ids owned by this table; the renderer never
 * names a path. A sink is written under a temporary name next to its target,
 * flushed, then moved into place; aborting (or any failure) removes it.
 */
import { createHash, randomBytes, type Hash } from 'node:crypto';
import path from 'node:path';
import { describeFsError, fsErrorCode } from './fsErrors';
import type { FileHandleLike, StreamFsLike } from './fsTypes';

export const MAX_OPEN_STREAMS = 64;

export interface SinkOptions {
  /** Final path, chosen by the main process or by the user in a native dialog. */
  target: string;
  /** The name reported back to the renderer (no folders). */
  displayName: string;
  /** Only when the user confirmed replacing the file in the save dialog. */
  replaceConfirmed?: boolean;
  /** The content must have this SHA-256 (hex) or the sink is discarded at close. */
  expectedSha256?: string;
  /** The number of bytes the content must have. */
  expectedBytes?: number;
  /** A content-addressed file: when it exists already the sink closes without writing. */
  existingIsSame?: boolean;
  /** Runs after the file is in place (e.g. pruning old backups); its failure does not undo the file. */
  afterClose?(target: string): Promise<void>;
  /** Sentence start for errors, e.g. "备份失败". */
  failure: string;
}

interface Sink extends SinkOptions {
  kind: 'sink';
  fh: FileHandleLike;
  tmp: string;
  bytes: number;
  hash?: Hash;
  queue: Promise<unknown>;
}

interface Source {
  kind: 'source';
  fh: FileHandleLike;
  name: string;
  size: number;
}

export interface StreamDeps {
  fs: Pick<StreamFsLike, 'open' | 'rename' | 'unlink' | 'link' | 'stat'>;
  /** Random 32-hex-digit ids; injectable for tests. */
  newId?(): string;
}

const STALE = '文件已关闭或操作已结束，请重新操作';

export class StreamTable {
  private readonly open = new Map<string, Sink | Source>();

  constructor(private readonly deps: StreamDeps) {}

  get size(): number {
    return this.open.size;
  }

  private newHandle(): string {
    if (this.open.size >= MAX_OPEN_STREAMS) throw new Error('同时打开的文件过多，请关闭其他正在进行的导入导出后重试');
    for (;;) {
      const id = this.deps.newId?.() ?? randomBytes(16).toString('hex');
      if (!this.open.has(id)) return id;
    }
  }

  /** Creates the temporary file of a new sink. Refuses an existing target unless the user confirmed replacing it. */
  async beginSink(options: SinkOptions): Promise<{ handle: string; name: string }> {
    const handle = this.newHandle();
    if (!options.replaceConfirmed && (await exists(this.deps.fs, options.target))) {
      throw new Error(`${options.failure}：文件“${options.displayName}”已存在，不会覆盖`);
    }
    const tmp = `${options.target}.${handle.slice(0, 12)}.tmp`;
    let fh: FileHandleLike;
    try {
      fh = await this.deps.fs.open(tmp, 'wx');
    } catch (error) {
      throw new Error(`${options.failure}：${describeFsError(error)}（${path.dirname(options.target)}）`);
    }
    this.open.set(handle, {
      ...options,
      kind: 'sink',
      fh,
      tmp,
      bytes: 0,
      hash: options.expectedSha256 ? createHash('sha256') : undefined,
      queue: Promise.resolve(),
    });
    return { handle, name: options.displayName };
  }

  private sink(handle: string): Sink {
    const s = this.open.get(handle);
    if (!s || s.kind !== 'sink') throw new Error(STALE);
    return s;
  }

  private source(handle: string): Source {
    const s = this.open.get(handle);
    if (!s || s.kind !== 'source') throw new Error(STALE);
    return s;
  }

  /** Appends one chunk; calls on one sink run in order even when sent together. */
  write(handle: string, chunk: Uint8Array): Promise<void> {
    let sink: Sink;
    try {
      sink = this.sink(handle);
    } catch (error) {
      return Promise.reject(error);
    }
    const run = sink.queue.then(async () => {
      if (this.open.get(handle) !== sink) throw new Error(STALE);
      try {
        let done = 0;
        while (done < chunk.byteLength) {
          const { bytesWritten } = await sink.fh.write(chunk, done, chunk.byteLength - done, sink.bytes + done);
          if (bytesWritten <= 0) throw Object.assign(new Error('short write'), { code: 'EIO' });
          done += bytesWritten;
        }
      } catch (error) {
        await this.discard(handle, sink);
        throw new Error(`${sink.failure}：${describeFsError(error)}，未保存任何内容`);
      }
      sink.hash?.update(chunk);
      sink.bytes += chunk.byteLength;
    });
    sink.queue = run.catch(() => undefined);
    return run;
  }

  /** Flushes the file to disk and moves it into place. */
  async close(handle: string): Promise<{ name: string; bytes: number }> {
    const sink = this.sink(handle);
    await sink.queue;
    if (this.open.get(handle) !== sink) throw new Error(STALE);
    this.open.delete(handle);
    try {
      await sink.fh.sync();
      await sink.fh.close();
    } catch (error) {
      await this.deps.fs.unlink(sink.tmp).catch(() => undefined);
      await sink.fh.close().catch(() => undefined);
      throw new Error(`${sink.failure}：${describeFsError(error)}，未保存任何内容`);
    }
    if (sink.hash) {
      const actual = sink.hash.digest('hex');
      if (actual !== sink.expectedSha256 || (sink.expectedBytes !== undefined && sink.bytes !== sink.expectedBytes)) {
        await this.deps.fs.unlink(sink.tmp).catch(() => undefined);
        throw new Error(`${sink.failure}：内容与其 SHA-256 校验值不符（可能在传输中损坏），未保存`);
      }
    }
    try {
      if (sink.replaceConfirmed) await this.deps.fs.rename(sink.tmp, sink.target);
      else await moveNoReplace(this.deps.fs, sink.tmp, sink.target);
    } catch (error) {
      await this.deps.fs.unlink(sink.tmp).catch(() => undefined);
      if (fsErrorCode(error) === 'EEXIST' && sink.existingIsSame) return { name: sink.displayName, bytes: sink.bytes };
      if (fsErrorCode(error) === 'EEXIST') throw new Error(`${sink.failure}：文件“${sink.displayName}”已存在，不会覆盖`);
      throw new Error(`${sink.failure}：${describeFsError(error)}（${sink.target}）`);
    }
    await sink.afterClose?.(sink.target);
    return { name: sink.displayName, bytes: sink.bytes };
  }

  /** Gives up a sink: the temporary file is removed. Unknown handles are ignored (abort is idempotent). */
  async abort(handle: string): Promise<void> {
    const s = this.open.get(handle);
    if (!s || s.kind !== 'sink') return;
    await s.queue;
    await this.discard(handle, s);
  }

  private async discard(handle: string, sink: Sink): Promise<void> {
    if (this.open.get(handle) === sink) this.open.delete(handle);
    await sink.fh.close().catch(() => undefined);
    await this.deps.fs.unlink(sink.tmp).catch(() => undefined);
  }

  /** Opens a file for reading in pieces. */
  async openSource(file: string, name: string, failure: string): Promise<{ handle: string; name: string; size: number }> {
    const handle = this.newHandle();
    let fh: FileHandleLike;
    let size: number;
    try {
      const stat = await this.deps.fs.stat(file);
      if (!stat.isFile()) throw new Error(`“${name}”不是文件，无法打开`);
      size = stat.size;
      fh = await this.deps.fs.open(file, 'r');
    } catch (error) {
      if (error instanceof Error && !fsErrorCode(error)) throw error;
      throw new Error(`${failure}：“${name}”${describeFsError(error)}`);
    }
    this.open.set(handle, { kind: 'source', fh, name, size });
    return { handle, name, size };
  }

  /** Up to `length` bytes from `offset`; fewer at the end of the file, none past it. */
  async read(handle: string, offset: number, length: number): Promise<Uint8Array> {
    const src = this.source(handle);
    if (offset > src.size) throw new Error(`读取位置超出文件“${src.name}”的末尾`);
    const want = Math.min(length, src.size - offset);
    const buffer = new Uint8Array(want);
    let got = 0;
    try {
      while (got < want) {
        const { bytesRead } = await src.fh.read(buffer, got, want - got, offset + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
    } catch (error) {
      throw new Error(`无法读取文件“${src.name}”：${describeFsError(error)}`);
    }
    return got === want ? buffer : buffer.subarray(0, got);
  }

  async release(handle: string): Promise<void> {
    const s = this.open.get(handle);
    if (!s || s.kind !== 'source') return;
    this.open.delete(handle);
    await s.fh.close().catch(() => undefined);
  }

  /** When the window goes away: every sink is discarded, every source closed. */
  async closeAll(): Promise<void> {
    for (const [handle, s] of [...this.open]) {
      if (s.kind === 'sink') await this.discard(handle, s);
      else await this.release(handle);
    }
  }
}

async function exists(fs: Pick<StreamFsLike, 'stat'>, file: string): Promise<boolean> {
  try {
    await fs.stat(file);
    return true;
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Moves `from` to `to` only if `to` does not exist: a hard link (which fails
 * with EEXIST rather than replacing), then the temporary name is dropped. File
 * systems without hard links (FAT32 USB sticks) fall back to check-then-rename.
 */
export async function moveNoReplace(fs: Pick<StreamFsLike, 'link' | 'unlink' | 'rename' | 'stat'>, from: string, to: string): Promise<void> {
  try {
    await fs.link(from, to);
  } catch (error) {
    const code = fsErrorCode(error);
    if (code === 'EEXIST' || !['EPERM', 'ENOTSUP', 'ENOSYS', 'EXDEV', 'EOPNOTSUPP'].includes(code ?? '')) throw error;
    if (await exists(fs, to)) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
    await fs.rename(from, to);
    return;
  }
  await fs.unlink(from).catch(() => undefined);
}
