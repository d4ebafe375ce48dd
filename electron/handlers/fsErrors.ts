/**
 * Turns Node's file-system error codes into sentences an official can act on.
 */
const REASONS: Readonly<Record<string, string>> = {
  EACCES: '没有访问该位置的权限，请换一个文件夹（如“文档”或桌面），或请单位的电脑管理员开通权限',
  EPERM: '操作被系统拒绝，文件可能正被其他程序（如 Excel、WPS）打开，或没有写入权限；请关闭该文件或换一个文件夹后重试',
  EBUSY: '文件正被其他程序（如 Excel、WPS）占用，请关闭后重试',
  ENOSPC: '磁盘空间不足，请删除不需要的文件、清空回收站，或换用空间更大的磁盘后重试',
  EDQUOT: '磁盘配额已用完，请删除不需要的文件或请管理员增加配额后重试',
  EROFS: '该磁盘为只读（如开了写保护的 U 盘），无法写入，请换一个位置',
  EFBIG: '文件超过该磁盘允许的大小（FAT32 格式的 U 盘单个文件不能超过 4 GB），请换用 NTFS 或 exFAT 格式的磁盘',
  EIO: '磁盘读写出错，U 盘或移动硬盘可能已拔出或损坏，请检查后重试',
  ENXIO: '磁盘已断开（U 盘或移动硬盘可能已拔出），请重新连接后重试',
  ENODEV: '磁盘已断开（U 盘或移动硬盘可能已拔出），请重新连接后重试',
  ENOENT: '文件或文件夹不存在，可能已被移动或删除',
  ENOTDIR: '路径不是文件夹',
  EISDIR: '所选路径是文件夹，请选择一个文件',
  EMFILE: '打开的文件过多，请稍后重试',
  ENFILE: '打开的文件过多，请关闭其他程序后重试',
  ENAMETOOLONG: '文件路径过长，请把文件放到层级较浅的文件夹，或改用较短的文件名',
  EEXIST: '文件已存在',
  ETIMEDOUT: '访问超时（网络共享文件夹可能已断开），请检查网络后重试',
};

export function fsErrorCode(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

export function describeFsError(error: unknown): string {
  const code = fsErrorCode(error);
  return (code && REASONS[code]) || `发生未知的磁盘错误${code ? `（${code}）` : ''}，请重试；如反复出现，请重启电脑或联系技术支持`;
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
