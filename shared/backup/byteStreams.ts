/**
 * The two ends an archive is streamed through. They have the same shape as the
 * platform's FileSink and FileSource (renderer/platform), so a native file, a
 * download or an in-memory buffer (tests) can stand behind them.
 */
export interface ByteSink {
  /** Chunks arrive in order; each is at most MAX_CHUNK_BYTES. */
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<{ name: string; bytes: number }>;
  abort(): Promise<void>;
}

export interface ByteSource {
  name: string;
  size: number;
  /** Random access; `length` is at most MAX_CHUNK_BYTES. */
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Largest chunk handed to a sink or asked of a source (one IPC call on the desktop). */
export const MAX_CHUNK_BYTES = 8 * 1024 * 1024;

/** An in-memory sink (tests, small files). `bytes()` joins what was written. */
export function memorySink(name = 'memory'): ByteSink & { bytes(): Uint8Array; closed: boolean; aborted: boolean; chunks: number } {
  const parts: Uint8Array[] = [];
  let size = 0;
  const sink = {
    closed: false,
    aborted: false,
    chunks: 0,
    async write(chunk: Uint8Array) {
      if (sink.closed || sink.aborted) throw new Error('sink already finished');
      if (chunk.byteLength > MAX_CHUNK_BYTES) throw new Error('chunk too large');
      parts.push(chunk.slice());
      size += chunk.byteLength;
      sink.chunks++;
    },
    async close() {
      sink.closed = true;
      return { name, bytes: size };
    },
    async abort() {
      sink.aborted = true;
      parts.length = 0;
    },
    bytes() {
      const out = new Uint8Array(size);
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.byteLength;
      }
      return out;
    },
  };
  return sink;
}

/** A source over bytes already in memory (tests, browser fallbacks). Counts what was read. */
export function memorySource(bytes: Uint8Array, name = 'memory'): ByteSource & { bytesRead: number } {
  const src = {
    name,
    size: bytes.byteLength,
    bytesRead: 0,
    async read(offset: number, length: number) {
      if (length > MAX_CHUNK_BYTES) throw new Error('read too large');
      const part = bytes.subarray(offset, Math.min(bytes.byteLength, offset + length));
      src.bytesRead += part.byteLength;
      return part;
    },
    async close() {},
  };
  return src;
}

/** Reads a whole (small) source into memory, in chunks. */
export async function readAll(source: ByteSource): Promise<Uint8Array> {
  const out = new Uint8Array(source.size);
  for (let at = 0; at < source.size; at += MAX_CHUNK_BYTES) {
    out.set(await source.read(at, Math.min(MAX_CHUNK_BYTES, source.size - at)), at);
  }
  return out;
}

/** A source rather than bytes (duck-typed: typed arrays from another realm fail instanceof). */
export function isSource(x: ByteSource | Uint8Array): x is ByteSource {
  return typeof (x as ByteSource).read === 'function';
}
