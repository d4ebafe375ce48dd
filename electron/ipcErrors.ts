/**
 * Electron prefixes errors thrown by an `ipcMain.handle` listener with
 * "Error invoking remote method 'channel': Error: ". The preload strips that
 * so the renderer shows the main process's Chinese sentence as it is.
 */
const PREFIX = /^Error invoking remote method '[^']*':\s*(?:[A-Za-z]*Error:\s*)?/;

export function cleanIpcErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cleaned = message.replace(PREFIX, '').trim();
  return cleaned || '操作失败，请重试';
}
