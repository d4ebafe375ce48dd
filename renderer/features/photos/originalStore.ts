import { readAll } from '../../../shared/backup/byteStreams';
import type { InspectorDatabase } from '../../db/database';
import { getPlatform } from '../../platform';

/**
 * Original photo files, kept as evidence: the SHA-256 that captions and reports
 * print can be checked against them at any time. Content-addressed and never
 * changed. The desktop keeps them as files through the main process (IndexedDB
 * then holds metadata and small copies only); the browser build keeps them in
 * IndexedDB.
 */
export interface OriginalsBackend {
  kind: 'files' | 'indexeddb';
  missing(hashes: string[]): Promise<string[]>;
  put(sha256: string, bytes: Uint8Array): Promise<void>;
  read(sha256: string): Promise<Uint8Array | null>;
  usage(): Promise<{ count: number; bytes: number }>;
}

export function indexedDbOriginals(db: InspectorDatabase): OriginalsBackend {
  return {
    kind: 'indexeddb',
    async missing(hashes) {
      const have = await db.originals.bulkGet(hashes);
      return hashes.filter((_, i) => !have[i]);
    },
    async put(sha256, bytes) {
      await db.originals.put({ id: sha256, blob: new Blob([bytes as BlobPart]), bytes: bytes.byteLength, storedAt: new Date().toISOString() });
    },
    async read(sha256) {
      const row = await db.originals.get(sha256);
      return row ? new Uint8Array(await row.blob.arrayBuffer()) : null;
    },
    async usage() {
      let count = 0;
      let bytes = 0;
      await db.originals.each((r) => {
        count++;
        bytes += r.bytes;
      });
      return { count, bytes };
    },
  };
}

/** The platform's store of originals (desktop), or IndexedDB (browser). */
export function originalsFor(db: InspectorDatabase): OriginalsBackend {
  const store = getPlatform().originals;
  if (!store) return indexedDbOriginals(db);
  return {
    kind: 'files',
    missing: (hashes) => store.missing(hashes),
    put: (sha256, bytes) => store.put(sha256, bytes),
    async read(sha256) {
      const source = await store.read(sha256);
      if (!source) return null;
      try {
        return await readAll(source);
      } finally {
        await source.close();
      }
    },
    usage: () => store.usage(),
  };
}
