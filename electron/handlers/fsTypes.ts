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
