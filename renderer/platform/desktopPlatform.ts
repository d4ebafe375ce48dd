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
    appVersion: async () => (await api.appInfo()).version,
    dataLocation: async () => {
      const info = await api.appInfo();
      return `${info.dataDir}（自动备份：${info.backupDir}）`;
    },
  };
}
