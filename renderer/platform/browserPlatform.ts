import { FileTooLargeError, type Platform } from './platform';

declare const __APP_VERSION__: string;

export function createBrowserPlatform(doc: Document = document): Platform {
  return {
    kind: 'browser',
    async saveFile(defaultName, data) {
      const blob = new Blob([data as BlobPart], { type: mimeFor(defaultName) });
      const url = URL.createObjectURL(blob);
      const a = doc.createElement('a');
      a.href = url;
      a.download = defaultName;
      a.style.display = 'none';
      doc.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return true;
    },
    pickFiles({ filters = [], multiple = false, maxBytes }) {
      return new Promise((resolve, reject) => {
        const input = doc.createElement('input');
        input.type = 'file';
        input.multiple = multiple;
        input.accept = filters.flatMap((f) => f.extensions.map((e) => (e === '*' ? '' : `.${e}`))).filter(Boolean).join(',');
        input.style.display = 'none';
        input.addEventListener('change', async () => {
          const files = Array.from(input.files ?? []);
          input.remove();
          try {
            const tooBig = maxBytes ? files.find((f) => f.size > maxBytes) : undefined;
            if (tooBig && maxBytes) throw new FileTooLargeError(tooBig.name, maxBytes);
            resolve(await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))));
          } catch (e) {
            reject(e);
          }
        });
        input.addEventListener('cancel', () => {
          input.remove();
          resolve([]);
        });
        doc.body.appendChild(input);
        input.click();
      });
    },
    async printPdf(data) {
      const url = URL.createObjectURL(new Blob([data as BlobPart], { type: 'application/pdf' }));
      window.open(url, '_blank');
    },
    // Stand-ins until the platform's own streamed implementations land: a download
    // assembled from Blob parts (the browser may keep them on disk), and File.slice.
    async saveStream(defaultName) {
      const parts: BlobPart[] = [];
      let bytes = 0;
      return {
        async write(chunk) {
          parts.push(chunk.slice() as BlobPart);
          bytes += chunk.byteLength;
        },
        async close() {
          const url = URL.createObjectURL(new Blob(parts, { type: mimeFor(defaultName) }));
          const a = doc.createElement('a');
          a.href = url;
          a.download = defaultName;
          a.style.display = 'none';
          doc.body.appendChild(a);
          a.click();
          a.remove();
          setTimeout(() => URL.revokeObjectURL(url), 60_000);
          return { name: defaultName, bytes };
        },
        async abort() {
          parts.length = 0;
        },
      };
    },
    openStream(filters = []) {
      return new Promise((resolve) => {
        const input = doc.createElement('input');
        input.type = 'file';
        input.accept = filters.flatMap((f) => f.extensions.map((e) => (e === '*' ? '' : `.${e}`))).filter(Boolean).join(',');
        input.style.display = 'none';
        input.addEventListener('change', () => {
          const file = input.files?.[0];
          input.remove();
          if (!file) return resolve(null);
          resolve({
            name: file.name,
            size: file.size,
            read: async (offset, length) => new Uint8Array(await file.slice(offset, offset + length).arrayBuffer()),
            close: async () => {},
          });
        });
        input.addEventListener('cancel', () => {
          input.remove();
          resolve(null);
        });
        doc.body.appendChild(input);
        input.click();
      });
    },
    appVersion: async () => (typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev'),
    dataLocation: async () => '浏览器本地存储（IndexedDB），仅限本机本浏览器',
  };
}

function mimeFor(name: string): string {
  if (name.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (name.endsWith('.pdf')) return 'application/pdf';
  if (name.endsWith('.json')) return 'application/json';
  return 'application/octet-stream';
}
