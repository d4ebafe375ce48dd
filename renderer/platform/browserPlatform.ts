import { FileTooLargeError, STREAM_CHUNK_BYTES, type FileFilter, type FileSink, type FileSource, type Platform } from './platform';

declare const __APP_VERSION__: string;

interface WritableLike {
  write(data: BlobPart): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}
type SaveFilePicker = (options: { suggestedName: string; types?: { description: string; accept: Record<string, string[]> }[] }) => Promise<{
  createWritable(): Promise<WritableLike>;
}>;

function download(doc: Document, blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Chunks as Blob parts (the browser may keep them on disk), downloaded as one file at close. */
function downloadSink(doc: Document, name: string): FileSink {
  let parts: Blob[] | null = [];
  let bytes = 0;
  const type = mimeFor(name);
  return {
    async write(chunk) {
      if (!parts) throw new Error('文件已关闭，无法继续写入');
      parts.push(new Blob([chunk.slice() as BlobPart]));
      bytes += chunk.byteLength;
    },
    async close() {
      if (!parts) throw new Error('文件已关闭，无法继续写入');
      download(doc, new Blob(parts, { type }), name);
      parts = null;
      return { name, bytes };
    },
    async abort() {
      parts = null;
    },
  };
}

/** File System Access: the bytes go straight to the file the user picked. */
function writableSink(writable: WritableLike, name: string): FileSink {
  let bytes = 0;
  return {
    async write(chunk) {
      await writable.write(chunk.slice() as BlobPart);
      bytes += chunk.byteLength;
    },
    async close() {
      await writable.close();
      return { name, bytes };
    },
    abort: () => writable.abort().catch(() => undefined),
  };
}

function acceptOf(filters: FileFilter[]): string {
  return filters.flatMap((f) => f.extensions.map((e) => (e === '*' ? '' : `.${e}`))).filter(Boolean).join(',');
}

/** Asks for one file with a hidden <input type=file>; resolves null when the chooser is cancelled. */
function chooseFile(doc: Document, filters: FileFilter[]): Promise<File | null> {
  return new Promise((resolve) => {
    const input = doc.createElement('input');
    input.type = 'file';
    input.accept = acceptOf(filters);
    input.style.display = 'none';
    input.addEventListener('change', () => {
      input.remove();
      resolve(input.files?.[0] ?? null);
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(null);
    });
    doc.body.appendChild(input);
    input.click();
  });
}

export function fileSource(file: File): FileSource {
  return {
    name: file.name,
    size: file.size,
    async read(offset, length) {
      if (offset > file.size) throw new Error(`读取位置超出文件“${file.name}”的末尾`);
      return new Uint8Array(await file.slice(offset, offset + Math.min(length, STREAM_CHUNK_BYTES)).arrayBuffer());
    },
    close: async () => undefined,
  };
}

export function createBrowserPlatform(doc: Document = document): Platform {
  return {
    kind: 'browser',
    streamsToFile: typeof (doc.defaultView as (Window & { showSaveFilePicker?: SaveFilePicker }) | null)?.showSaveFilePicker === 'function',
    async saveFile(defaultName, data) {
      download(doc, new Blob([data as BlobPart], { type: mimeFor(defaultName) }), defaultName);
      return true;
    },
    async saveStream(defaultName, filters = []) {
      const picker = (doc.defaultView as (Window & { showSaveFilePicker?: SaveFilePicker }) | null)?.showSaveFilePicker;
      if (typeof picker === 'function') {
        try {
          const handle = await picker({
            suggestedName: defaultName,
            types: filters
              .filter((f) => !f.extensions.includes('*'))
              .map((f) => ({ description: f.name, accept: { [mimeFor(`x.${f.extensions[0]}`)]: f.extensions.map((e) => `.${e}`) } })),
          });
          return writableSink(await handle.createWritable(), defaultName);
        } catch (error) {
          if (error instanceof DOMException && error.name === 'AbortError') return null;
          // No user gesture any more, or the picker is blocked: fall back to a download.
        }
      }
      return downloadSink(doc, defaultName);
    },
    async openStream(filters = []) {
      const file = await chooseFile(doc, filters);
      return file ? fileSource(file) : null;
    },
    pickFiles({ filters = [], multiple = false, maxBytes }) {
      return new Promise((resolve, reject) => {
        const input = doc.createElement('input');
        input.type = 'file';
        input.multiple = multiple;
        input.accept = acceptOf(filters);
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
