/**
 * Turns Node's file-system error codes into sentences an official can act on.
 */
const REASONS: Readonly<Record<string, string>> = {
  EACCES: '没有访问该位置的权限',
  EPERM: '操作被系统拒绝，文件可能正被其他程序（如 Excel、WPS）打开，或没有写入权限',
  EBUSY: '文件正被其他程序（如 Excel、WPS）占用，请关闭后重试',
  ENOSPC: '磁盘空间不足',
  EROFS: '该磁盘为只读，无法写入',
  ENOENT: '文件或文件夹不存在',
  ENOTDIR: '路径不是文件夹',
  EISDIR: '所选路径是文件夹',
  EMFILE: '打开的文件过多，请稍后重试',
  ENAMETOOLONG: '文件路径过长',
  EEXIST: '文件已存在',
};

export function fsErrorCode(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

export function describeFsError(error: unknown): string {
  const code = fsErrorCode(error);
  return (code && REASONS[code]) || '发生未知错误';
}

/** Formats a byte count the way file sizes are shown in Windows Explorer. */
export function formatSize(bytes: number): string {
  const MB = 1024 * 1024;
  if (bytes >= MB) {
    const mb = Math.round((bytes / MB) * 10) / 10;
    return `${mb} MB`;
  }
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} 字节`;
}
