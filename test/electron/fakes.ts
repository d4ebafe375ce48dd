/**
 * In-memory stand-ins for the file system, dialogs and ipcMain, so the main
 * process can be tested in plain Node without Electron.
 */
import path from 'node:path';
import type { FileHandleLike, FileStat, StreamFsLike } from '../../electron/handlers/fsTypes';
import type { IpcInvokeEventLike, IpcMainLike } from '../../electron/ipc';

type Op = 'readFile' | 'writeFile' | 'rename' | 'unlink' | 'mkdir' | 'readdir' | 'stat' | 'open' | 'link' | 'write' | 'sync';
const MUTATIONS: ReadonlySet<Op> = new Set(['writeFile', 'rename', 'unlink', 'mkdir', 'open', 'link', 'write']);

function fsError(code: string, file: string): Error {
  return Object.assign(new Error(`${code}: ${file}`), { code });
}

export class MemFs implements StreamFsLike {
  readonly files = new Map<string, { data: Uint8Array; mtimeMs: number }>();
  readonly dirs = new Set<string>(['/']);
  readonly calls: Array<{ op: Op; args: string[] }> = [];
  /** Make the next call of an operation (optionally on a path) fail with a code. */
  readonly failures: Array<{ op: Op; code: string; match?: (file: string) => boolean }> = [];
  clock = 1_700_000_000_000;

  /** Adds a file (and its folders) without recording a call. */
  put(file: string, data: Uint8Array | string, mtimeMs = this.tick()): void {
    this.addDirs(path.dirname(file));
    this.files.set(file, { data: typeof data === 'string' ? new TextEncoder().encode(data) : data, mtimeMs });
  }

  mutations(): Array<{ op: Op; args: string[] }> {
    return this.calls.filter((c) => MUTATIONS.has(c.op));
  }

  text(file: string): string | undefined {
    const f = this.files.get(file);
    return f ? new TextDecoder().decode(f.data) : undefined;
  }

  private tick(): number {
    this.clock += 1000;
    return this.clock;
  }

  private addDirs(dir: string): void {
    for (let d = dir; !this.dirs.has(d); d = path.dirname(d)) this.dirs.add(d);
  }

  private record(op: Op, ...args: string[]): void {
    this.calls.push({ op, args });
    const i = this.failures.findIndex((f) => f.op === op && (!f.match || f.match(args[0])));
    if (i !== -1) {
      const [failure] = this.failures.splice(i, 1);
      throw fsError(failure.code, args[0]);
    }
  }

  async readFile(file: string): Promise<Uint8Array> {
    this.record('readFile', file);
    const f = this.files.get(file);
    if (!f) throw fsError('ENOENT', file);
    return f.data.slice();
  }

  async writeFile(file: string, data: Uint8Array): Promise<void> {
    this.record('writeFile', file);
    if (!this.dirs.has(path.dirname(file))) throw fsError('ENOENT', file);
    this.files.set(file, { data: data.slice(), mtimeMs: this.tick() });
  }

  async rename(from: string, to: string): Promise<void> {
    this.record('rename', from, to);
    const f = this.files.get(from);
    if (!f) throw fsError('ENOENT', from);
    this.files.delete(from);
    this.files.set(to, f);
  }

  async unlink(file: string): Promise<void> {
    this.record('unlink', file);
    if (!this.files.delete(file)) throw fsError('ENOENT', file);
  }

  async mkdir(dir: string): Promise<unknown> {
    this.record('mkdir', dir);
    this.addDirs(dir);
    return undefined;
  }

  async readdir(dir: string): Promise<string[]> {
    this.record('readdir', dir);
    if (!this.dirs.has(dir)) throw fsError('ENOENT', dir);
    const names = new Set<string>();
    for (const file of [...this.files.keys(), ...this.dirs]) {
      if (file !== dir && path.dirname(file) === dir) names.add(path.basename(file));
    }
    return [...names];
  }

  /** Files currently open through `open`. */
  readonly openHandles = new Set<string>();

  async open(file: string, flags: 'wx' | 'r'): Promise<FileHandleLike> {
    this.record('open', file, flags);
    if (flags === 'wx') {
      if (this.files.has(file)) throw fsError('EEXIST', file);
      if (!this.dirs.has(path.dirname(file))) throw fsError('ENOENT', file);
      this.files.set(file, { data: new Uint8Array(0), mtimeMs: this.tick() });
    } else if (!this.files.has(file)) throw fsError('ENOENT', file);
    this.openHandles.add(file);
    let closed = false;
    const live = () => {
      if (closed) throw fsError('EBADF', file);
      const f = this.files.get(file);
      if (!f) throw fsError('ENOENT', file);
      return f;
    };
    return {
      write: async (buffer, offset, length, position) => {
        this.record('write', file);
        const f = live();
        const end = position + length;
        const grown = end > f.data.byteLength ? new Uint8Array(end) : f.data;
        if (grown !== f.data) grown.set(f.data);
        grown.set(buffer.subarray(offset, offset + length), position);
        f.data = grown;
        return { bytesWritten: length };
      },
      read: async (buffer, offset, length, position) => {
        const f = live();
        const piece = f.data.subarray(position, Math.min(position + length, f.data.byteLength));
        buffer.set(piece, offset);
        return { bytesRead: piece.byteLength };
      },
      sync: async () => {
        this.record('sync', file);
        live();
      },
      close: async () => {
        closed = true;
        this.openHandles.delete(file);
      },
    };
  }

  async link(from: string, to: string): Promise<void> {
    this.record('link', from, to);
    const f = this.files.get(from);
    if (!f) throw fsError('ENOENT', from);
    if (this.files.has(to)) throw fsError('EEXIST', to);
    if (!this.dirs.has(path.dirname(to))) throw fsError('ENOENT', to);
    this.files.set(to, { data: f.data, mtimeMs: f.mtimeMs });
  }

  /** Names of leftover temporary files. */
  temporaryFiles(): string[] {
    return [...this.files.keys()].filter((f) => f.endsWith('.tmp'));
  }

  async stat(file: string): Promise<FileStat> {
    this.record('stat', file);
    const f = this.files.get(file);
    if (f) return { size: f.data.byteLength, mtimeMs: f.mtimeMs, isFile: () => true };
    if (this.dirs.has(file)) return { size: 0, mtimeMs: 0, isFile: () => false };
    throw fsError('ENOENT', file);
  }
}

type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => unknown;

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();

  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }

  /** Calls a channel as a renderer frame at `url` would. */
  async invoke(channel: string, args: unknown[], frame: IpcInvokeEventLike['senderFrame'] = { url: 'app://bundle/index.html', parent: null }): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener({ senderFrame: frame }, ...args);
  }
}

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
