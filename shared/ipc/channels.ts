/**
 * The channel table of the desktop contract, without the schemas: the
 * sandboxed preload imports only this, so zod stays out of it.
 */
export const IPC_CHANNELS = {
  appInfo: 'app:info',
  saveFile: 'file:save',
  openFiles: 'file:open',
  printPdf: 'print:pdf',
  listSystemFonts: 'fonts:list',
  readSystemFont: 'fonts:read',
  // Streamed files: a sink is written chunk by chunk, a source read piece by piece.
  saveStream: 'stream:save',
  openStream: 'stream:open',
  writeStream: 'stream:write',
  closeStream: 'stream:close',
  abortStream: 'stream:abort',
  readStream: 'stream:read',
  releaseStream: 'stream:release',
  // Backups in the app's own folder, named and pruned by the main process.
  createBackup: 'backup:create',
  listBackups: 'backup:list',
  openBackup: 'backup:open',
  // Original photos, content-addressed in the user-data folder.
  missingOriginals: 'originals:missing',
  createOriginal: 'originals:create',
  openOriginal: 'originals:open',
  originalsUsage: 'originals:usage',
  // Small secrets wrapped by the operating system (Electron safeStorage).
  secretsAvailable: 'secrets:available',
  sealSecret: 'secrets:seal',
  openSecret: 'secrets:open',
} as const;

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];
export type DesktopMethod = keyof typeof IPC_CHANNELS;

/** Methods that take no argument: the preload sends nothing but the channel. */
export const NO_ARG_METHODS: ReadonlySet<DesktopMethod> = new Set(['appInfo', 'listBackups', 'listSystemFonts', 'originalsUsage', 'secretsAvailable']);

