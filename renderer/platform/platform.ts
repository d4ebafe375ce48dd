/**
 * What differs between the desktop app and the plain browser build. Screens use
 * only this interface; `getPlatform()` picks the implementation at start-up.
 */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

export type BackupSeries = 'auto-data' | 'auto-full' | 'manual' | 'pre-restore' | 'pre-merge';

/** The largest chunk a sink takes and a source returns in one call. */
export const STREAM_CHUNK_BYTES = 8 * 1024 * 1024;

/** A file being written, in order, chunk by chunk. */
export interface FileSink {
  /** Chunks up to 8 MiB (larger ones are split); desktop: one IPC call per chunk. */
  write(chunk: Uint8Array): Promise<void>;
  /** Desktop: fsync + rename from a temporary name. */
  close(): Promise<{ name: string; bytes: number }>;
  /** Removes the temporary file. */
  abort(): Promise<void>;
}

/** Random-access reading (a zip reader needs the central directory first). */
export interface FileSource {
  name: string;
  size: number;
  /** Up to `length` bytes (at most 8 MiB) from `offset`; fewer at the end of the file. */
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Desktop: content-addressed files in userData/originals via the main process. */
export interface OriginalStore {
  /** Which of these hashes are not stored. */
  missing(hashes: string[]): Promise<string[]>;
  /** The main process verifies the hash before keeping the file. */
  put(sha256: string, bytes: Uint8Array): Promise<void>;
  read(sha256: string): Promise<FileSource | null>;
  usage(): Promise<{ count: number; bytes: number }>;
}

/** Desktop: the content-addressed store of originals beside the automatic backups (main checks each hash as it is written). */
export type BackupOriginalStore = Pick<OriginalStore, 'missing' | 'put' | 'read'>;

/** Small secrets (a key's bytes, base64) wrapped by the operating system's credential store. */
export interface SecretStore {
  available(): Promise<boolean>;
  seal(plain: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

export interface BackupListEntry {
  name: string;
  series: BackupSeries;
  bytes: number;
  modifiedAt: string;
  protected: boolean;
}

export interface Platform {
  kind: 'desktop' | 'browser';
  /** Save bytes under a suggested name (native dialog on desktop, a download in a browser). Resolves false if cancelled. */
  saveFile(defaultName: string, data: Uint8Array, filters?: FileFilter[]): Promise<boolean>;
  /** Ask the user for files. Must be called from a click handler in a browser. */
  pickFiles(options: { filters?: FileFilter[]; multiple?: boolean; maxBytes?: number }): Promise<PickedFile[]>;
  /** Print a PDF (desktop: system print dialog; browser: opens the PDF for the browser's print). */
  printPdf(data: Uint8Array, title: string): Promise<void>;
  appVersion(): Promise<string>;
  /** Where the data lives, in words for the settings page. */
  dataLocation(): Promise<string>;
  /**
   * Whether saveStream writes each piece straight to the chosen file (desktop; a
   * browser with the File System Access picker). false: the browser collects the
   * whole file and downloads it at the end, which the screens say plainly.
   */
  streamsToFile?: boolean;
  /** Ask where to save (desktop: save dialog; browser: a download, streamed where the browser allows). null = cancelled. */
  saveStream(defaultName: string, filters?: FileFilter[]): Promise<FileSink | null>;
  /** Ask for one file to read in pieces (desktop: open dialog; browser: <input type=file> + File.slice). null = cancelled. */
  openStream(filters?: FileFilter[]): Promise<FileSource | null>;
  /** Desktop only (browser: undefined): backups named and pruned by the main process. */
  backups?: {
    /**
     * Main picks `${series}-${localTimestamp}.zwgkbak`. `originals`: the
     * originals the backup references in the store (kept while it is).
     */
    create(series: BackupSeries, originals?: readonly string[]): Promise<FileSink>;
    list(): Promise<BackupListEntry[]>;
    open(name: string): Promise<FileSource>;
    /** Originals of automatic full backups, once each. */
    originals: BackupOriginalStore;
  };
  /** Desktop only (browser: undefined → originals are kept in IndexedDB by the photo repository). */
  originals?: OriginalStore;
  /** Desktop only: secrets wrapped by the operating system (Electron safeStorage; DPAPI on Windows). */
  secrets?: SecretStore;
}

/** Reads a whole source into one buffer (only for files known to be small enough). */
export async function readAll(source: FileSource): Promise<Uint8Array> {
  const out = new Uint8Array(source.size);
  let offset = 0;
  while (offset < source.size) {
    const piece = await source.read(offset, Math.min(STREAM_CHUNK_BYTES, source.size - offset));
    if (piece.byteLength === 0) break;
    out.set(piece, offset);
    offset += piece.byteLength;
  }
  return offset === source.size ? out : out.subarray(0, offset);
}

/** Writes `data` to a sink in chunks the sink accepts, then closes it; aborts on failure. */
export async function writeAll(sink: FileSink, data: Uint8Array): Promise<{ name: string; bytes: number }> {
  try {
    for (let i = 0; i < data.byteLength; i += STREAM_CHUNK_BYTES) await sink.write(data.subarray(i, i + STREAM_CHUNK_BYTES));
    return await sink.close();
  } catch (error) {
    await sink.abort().catch(() => undefined);
    throw error;
  }
}

export class FileTooLargeError extends Error {
  constructor(
    readonly fileName: string,
    readonly maxBytes: number,
  ) {
    super(`文件「${fileName}」超过 ${Math.round(maxBytes / 1048576)} MB 上限`);
  }
}
