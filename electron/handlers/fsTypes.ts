/**
 * The part of `node:fs/promises` the handlers use. The real module satisfies
 * it; tests pass an in-memory fake that records every call.
 */
export interface FileStat {
  size: number;
  mtimeMs: number;
  isFile(): boolean;
}

export interface FsLike {
  readFile(file: string): Promise<Uint8Array>;
  writeFile(file: string, data: Uint8Array, options?: { flush?: boolean }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  mkdir(dir: string, options: { recursive: true }): Promise<unknown>;
  readdir(dir: string): Promise<string[]>;
  stat(file: string): Promise<FileStat>;
}

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** What the stream handlers need of an open file; Node's FileHandle fits. */
export interface FileHandleLike {
  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** `node:fs/promises` as the stream handlers use it. */
export interface StreamFsLike extends FsLike {
  /** 'wx' creates a new file and fails if it exists; 'r' opens for reading. */
  open(file: string, flags: 'wx' | 'r'): Promise<FileHandleLike>;
  /** A second name for a file; fails with EEXIST when `to` exists (never replaces it). */
  link(from: string, to: string): Promise<void>;
}
