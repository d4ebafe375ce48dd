/**
 * In-memory stand-ins for the file system, dialogs and ipcMain, so the main
 * process can be tested in plain Node without Electron.
 */
import path from 'node:path';
import type { FileStat, FsLike } from '../../electron/handlers/fsTypes';
import type { IpcInvokeEventLike, IpcMainLike } from '../../electron/ipc';

type Op = 'readFile' | 'writeFile' | 'rename' | 'unlink' | 'mkdir' | 'readdir' | 'stat';
const MUTATIONS: ReadonlySet<Op> = new Set(['writeFile', 'rename', 'unlink', 'mkdir']);

function fsError(code: string, file: string): Error {
  return Object.assign(new Error(`${code}: ${file}`), { code });
}

export class MemFs implements FsLike {
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
