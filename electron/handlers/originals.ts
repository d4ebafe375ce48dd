/**
 * Original photos, kept as evidence: content-addressed files under
 * `<userData>/originals/<first two hex digits>/<sha256>`. A file is written
 * through a sink whose SHA-256 the main process checks before moving it into
 * place; an existing original is never replaced (same hash, same bytes).
 */
import path from 'node:path';
import type { SinkInfo, SourceInfo } from '../../shared/ipc/desktopApi';
import { describeFsError, fsErrorCode } from './fsErrors';
import type { StreamFsLike } from './fsTypes';
import type { StreamTable } from './streams';

const SHA256 = /^[0-9a-f]{64}$/;

export interface OriginalsDeps {
  fs: Pick<StreamFsLike, 'stat' | 'mkdir' | 'readdir'>;
  streams: StreamTable;
  originalsDir: string;
}

function assertHash(hash: string): void {
  if (typeof hash !== 'string' || !SHA256.test(hash)) throw new Error('照片哈希值格式不正确');
}

export function originalPath(originalsDir: string, sha256: string): string {
  assertHash(sha256);
  return path.join(originalsDir, sha256.slice(0, 2), sha256);
}

async function isStored(deps: OriginalsDeps, sha256: string): Promise<boolean> {
  try {
    return (await deps.fs.stat(originalPath(deps.originalsDir, sha256))).isFile();
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') return false;
    throw new Error(`无法读取原始照片文件夹：${describeFsError(error)}`);
  }
}

export async function missingOriginals(args: { hashes: string[] }, deps: OriginalsDeps): Promise<string[]> {
  args.hashes.forEach(assertHash);
  const missing: string[] = [];
  for (const hash of new Set(args.hashes)) if (!(await isStored(deps, hash))) missing.push(hash);
  return missing;
}

export async function createOriginal(args: { sha256: string; bytes: number }, deps: OriginalsDeps): Promise<SinkInfo | null> {
  const target = originalPath(deps.originalsDir, args.sha256);
  if (await isStored(deps, args.sha256)) return null;
  try {
    await deps.fs.mkdir(path.dirname(target), { recursive: true });
  } catch (error) {
    throw new Error(`无法保存原始照片：${describeFsError(error)}（${deps.originalsDir}）`);
  }
  return deps.streams.beginSink({
    target,
    displayName: args.sha256,
    expectedSha256: args.sha256,
    expectedBytes: args.bytes,
    existingIsSame: true,
    failure: '无法保存原始照片',
  });
}

export async function openOriginal(args: { sha256: string }, deps: OriginalsDeps): Promise<SourceInfo | null> {
  if (!(await isStored(deps, args.sha256))) return null;
  return deps.streams.openSource(originalPath(deps.originalsDir, args.sha256), args.sha256, '无法读取原始照片');
}

export async function originalsUsage(deps: OriginalsDeps): Promise<{ count: number; bytes: number }> {
  let count = 0;
  let bytes = 0;
  let buckets: string[];
  try {
    buckets = await deps.fs.readdir(deps.originalsDir);
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') return { count, bytes };
    throw new Error(`无法读取原始照片文件夹：${describeFsError(error)}`);
  }
  for (const bucket of buckets) {
    if (!/^[0-9a-f]{2}$/.test(bucket)) continue;
    let names: string[];
    try {
      names = await deps.fs.readdir(path.join(deps.originalsDir, bucket));
    } catch {
      continue;
    }
    for (const name of names) {
      if (!SHA256.test(name) || !name.startsWith(bucket)) continue;
      try {
        const stat = await deps.fs.stat(path.join(deps.originalsDir, bucket, name));
        if (stat.isFile()) {
          count += 1;
          bytes += stat.size;
        }
      } catch {
        // Removed meanwhile.
      }
    }
  }
  return { count, bytes };
}
