import type { DesktopApi, SinkInfo, SourceInfo } from '../../shared/ipc/desktopApi';
import { STREAM_CHUNK_BYTES, readAll, type BackupOriginalStore, type FileSink, type FileSource, type Platform } from './platform';

/** pickFiles asks the main process for whole files up to this size; larger ones are read in pieces. */
const WHOLE_FILE_LIMIT = 512 * 1024 * 1024;

function sink(api: DesktopApi, info: SinkInfo): FileSink {
  return {
    async write(chunk) {
      for (let i = 0; i < chunk.byteLength; i += STREAM_CHUNK_BYTES) {
        const piece = chunk.subarray(i, i + STREAM_CHUNK_BYTES);
        // A view into a larger buffer is copied so only the piece crosses the IPC boundary.
        await api.writeStream({ handle: info.handle, chunk: piece.byteLength === piece.buffer.byteLength ? piece : piece.slice() });
      }
    },
    close: () => api.closeStream({ handle: info.handle }),
    abort: () => api.abortStream({ handle: info.handle }),
  };
}

function source(api: DesktopApi, info: SourceInfo): FileSource {
  return {
    name: info.name,
    size: info.size,
    async read(offset, length) {
      if (length <= STREAM_CHUNK_BYTES) return api.readStream({ handle: info.handle, offset, length });
      // Longer reads than the contract allows are assembled from pieces.
      const end = Math.min(info.size, offset + length);
      const out = new Uint8Array(Math.max(0, end - offset));
      let at = offset;
      while (at < end) {
        const piece = await api.readStream({ handle: info.handle, offset: at, length: Math.min(STREAM_CHUNK_BYTES, end - at) });
        if (piece.byteLength === 0) break;
        out.set(piece, at - offset);
        at += piece.byteLength;
      }
      return out.subarray(0, at - offset);
    },
    close: () => api.releaseStream({ handle: info.handle }),
  };
}

export function createDesktopPlatform(api: DesktopApi): Platform {
  const openStream: Platform['openStream'] = async (filters = []) => {
    const info = await api.openStream({ filters });
    return info ? source(api, info) : null;
  };
  return {
    kind: 'desktop',
    streamsToFile: true,
    async saveFile(defaultName, data, filters = []) {
      return (await api.saveFile({ defaultName, data: data as Uint8Array<ArrayBuffer>, filters })).saved;
    },
    async pickFiles({ filters = [], multiple = false, maxBytes }) {
      if (maxBytes === undefined || maxBytes <= WHOLE_FILE_LIMIT) {
        const files = await api.openFiles({ filters, multiple, maxBytes });
        return files.map((f) => ({ name: f.name, bytes: f.data }));
      }
      // Beyond what one IPC call may carry: read the one chosen file in pieces.
      const src = await openStream(filters);
      if (!src) return [];
      try {
        if (src.size > maxBytes) throw new Error(`文件“${src.name}”超过 ${Math.round(maxBytes / 1048576)} MB 上限，未打开`);
        return [{ name: src.name, bytes: await readAll(src) }];
      } finally {
        await src.close();
      }
    },
    printPdf: (data, title) => api.printPdf({ data: data as Uint8Array<ArrayBuffer>, title }),
    appVersion: async () => (await api.appInfo()).version,
    dataLocation: async () => {
      const info = await api.appInfo();
      return `${info.dataDir}（自动备份：${info.backupDir}）`;
    },
    async saveStream(defaultName, filters = []) {
      const info = await api.saveStream({ defaultName, filters });
      return info ? sink(api, info) : null;
    },
    openStream,
    backups: {
      create: async (series, originals) => sink(api, await api.createBackup(originals?.length ? { series, originals: [...originals] } : { series })),
      list: () => api.listBackups(),
      open: async (name) => source(api, await api.openBackup({ name })),
      originals: originalStore(api, 'backups'),
    },
    originals: { ...originalStore(api), usage: () => api.originalsUsage() },
    secrets: {
      available: () => api.secretsAvailable(),
      seal: (plain) => api.sealSecret({ plain }),
      open: (sealed) => api.openSecret({ sealed }),
    },
  };
}

/** Original photo files through main: the originals themselves, or the store beside the backups. */
function originalStore(api: DesktopApi, store?: 'backups'): BackupOriginalStore {
  const where = store ? { store } : {};
  return {
    missing: (hashes) => api.missingOriginals({ hashes, ...where }),
    async put(sha256, bytes) {
      const info = await api.createOriginal({ sha256, bytes: bytes.byteLength, ...where });
      if (!info) return; // stored already: same hash, same bytes
      const s = sink(api, info);
      try {
        await s.write(bytes);
        await s.close();
      } catch (error) {
        await s.abort().catch(() => undefined);
        throw error;
      }
    },
    read: async (sha256) => {
      const info = await api.openOriginal({ sha256, ...where });
      return info ? source(api, info) : null;
    },
  };
}
