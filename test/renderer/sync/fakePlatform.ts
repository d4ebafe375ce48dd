import { memorySink, memorySource } from '../../../shared/backup/byteStreams';
import { setPlatform, type BackupOriginalStore, type BackupSeries, type FileSink, type OriginalStore, type Platform } from '../../../renderer/platform';
import { sha256Hex } from '../../../shared/util/sha256';

/** A real JPEG start (what the byte sniffer looks for) followed by `fill`. */
export function jpeg(...fill: number[]): Uint8Array {
  return new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...fill]);
}

export interface FakeBackupFile {
  name: string;
  series: BackupSeries;
  bytes: Uint8Array;
  modifiedAt: string;
  /** The originals it references in the store beside the backups. */
  references: readonly string[];
}

/** In-memory stand-ins for the desktop platform: backup folder, original files, save and open. */
export function fakeDesktop(options: { failSeries?: BackupSeries[] } = {}) {
  const files: FakeBackupFile[] = [];
  const originals = new Map<string, Uint8Array>();
  /** The store of originals beside the backups, and each put into it (to see what a backup copied). */
  const backupStore = new Map<string, Uint8Array>();
  const storePuts: string[] = [];
  const saved: { name: string; bytes: Uint8Array }[] = [];
  let toOpen: { name: string; bytes: Uint8Array } | null = null;
  let n = 0;
  const sinkFor = (name: string, done: (bytes: Uint8Array) => void): FileSink => {
    const sink = memorySink(name);
    return {
      write: (c) => sink.write(c),
      abort: () => sink.abort(),
      async close() {
        const r = await sink.close();
        done(sink.bytes());
        return r;
      },
    };
  };
  const store: OriginalStore = {
    async missing(hashes) {
      return hashes.filter((h) => !originals.has(h));
    },
    async put(sha, bytes) {
      if ((await sha256Hex(bytes)) !== sha) throw new Error('hash mismatch');
      originals.set(sha, bytes.slice());
    },
    async read(sha) {
      const b = originals.get(sha);
      return b ? memorySource(b, sha) : null;
    },
    async usage() {
      let bytes = 0;
      for (const b of originals.values()) bytes += b.byteLength;
      return { count: originals.size, bytes };
    },
  };
  const backupOriginals: BackupOriginalStore = {
    missing: async (hashes) => hashes.filter((h) => !backupStore.has(h)),
    async put(sha, bytes) {
      if ((await sha256Hex(bytes)) !== sha) throw new Error('hash mismatch');
      storePuts.push(sha);
      backupStore.set(sha, bytes.slice());
    },
    read: async (sha) => {
      const b = backupStore.get(sha);
      return b ? memorySource(b, sha) : null;
    },
  };
  const platform: Platform = {
    kind: 'desktop',
    saveFile: async (name, bytes) => {
      saved.push({ name, bytes });
      return true;
    },
    pickFiles: async () => [],
    printPdf: async () => {},
    appVersion: async () => 'test',
    dataLocation: async () => 'test',
    saveStream: async (name) => sinkFor(name, (bytes) => saved.push({ name, bytes })),
    openStream: async () => (toOpen ? memorySource(toOpen.bytes, toOpen.name) : null),
    backups: {
      async create(series, references = []) {
        if (options.failSeries?.includes(series)) throw Object.assign(new Error('ENOSPC: no space left on device'), { name: 'QuotaExceededError' });
        if (references.some((h) => !backupStore.has(h))) throw new Error('referenced original not in the store');
        const name = `${series}-${String(++n).padStart(4, '0')}.zwgkbak`;
        return sinkFor(name, (bytes) => files.push({ name, series, bytes, modifiedAt: new Date().toISOString(), references: [...references] }));
      },
      list: async () => files.map((f) => ({ name: f.name, series: f.series, bytes: f.bytes.byteLength, modifiedAt: f.modifiedAt, protected: f.series.startsWith('pre-') })),
      open: async (name) => memorySource(files.find((f) => f.name === name)!.bytes, name),
      originals: backupOriginals,
    },
    originals: store,
  };
  setPlatform(platform);
  return {
    platform,
    files,
    originals,
    saved,
    store,
    backupStore,
    storePuts,
    chooseFile(name: string, bytes: Uint8Array) {
      toOpen = { name, bytes };
    },
    failSeries(series: BackupSeries[]) {
      options.failSeries = series;
    },
  };
}
