/**
 * Electron prefixes errors thrown by an `ipcMain.handle` listener with
 * "Error invoking remote method 'channel': Error: ". The preload strips that
 * so the renderer shows the main process's Chinese sentence as it is.
 */
const PREFIX = /^Error invoking remote method '[^']*':\s*(?:[A-Za-z]*Error:\s*)?/;
const HAS_CHINESE = /[\u4e00-\u9fff]/;

export function cleanIpcErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cleaned = message.replace(PREFIX, '').trim();
  if (!cleaned) return '操作失败，请重试';
  if (HAS_CHINESE.test(cleaned)) return cleaned;
  // Electron itself can fail a call (e.g. a value it cannot send): never show English to the user.
  return /could not be cloned|serialize/i.test(cleaned)
    ? '操作失败：数据无法在窗口与后台之间传递，请重试；如反复出现，请联系技术支持'
    : '操作失败：后台处理出错，请重试；如反复出现，请重启软件或联系技术支持';
}
