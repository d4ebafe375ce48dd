import type { DesktopApi } from '../../shared/ipc/desktopApi';
import type { Platform } from './platform';

export function createDesktopPlatform(api: DesktopApi): Platform {
  return {
    kind: 'desktop',
    async saveFile(defaultName, data, filters = []) {
      return (await api.saveFile({ defaultName, data: data as Uint8Array<ArrayBuffer>, filters })).saved;
    },
    async pickFiles({ filters = [], multiple = false, maxBytes }) {
      const files = await api.openFiles({ filters, multiple, maxBytes });
      return files.map((f) => ({ name: f.name, bytes: f.data }));
    },
    printPdf: (data, title) => api.printPdf({ data: data as Uint8Array<ArrayBuffer>, title }),
    // Stand-ins until the main process streams files: buffered, then one call.
    async saveStream(defaultName, filters = []) {
      const parts: Uint8Array[] = [];
      let bytes = 0;
      return {
        async write(chunk) {
          parts.push(chunk.slice());
          bytes += chunk.byteLength;
        },
        async close() {
          const all = new Uint8Array(bytes);
          let at = 0;
          for (const p of parts) {
            all.set(p, at);
            at += p.byteLength;
          }
          await api.saveFile({ defaultName, data: all, filters });
          return { name: defaultName, bytes };
        },
        async abort() {
          parts.length = 0;
        },
      };
    },
    async openStream(filters = []) {
      const [file] = await api.openFiles({ filters, multiple: false, maxBytes: 512 * 1024 * 1024 });
      if (!file) return null;
      const data = file.data;
      return { name: file.name, size: data.byteLength, read: async (o, l) => data.subarray(o, o + l), close: async () => {} };
    },
    appVersion: async () => (await api.appInfo()).version,
    dataLocation: async () => {
      const info = await api.appInfo();
      return `${info.dataDir}（自动备份：${info.backupDir}）`;
    },
  };
}
