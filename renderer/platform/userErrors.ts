/**
 * Turns what the browser, IndexedDB (Dexie) and file reading throw into one
 * Chinese sentence with the cause and what to do. The one mapper for every
 * error that reaches the user (backups, restores, merges, imports); where the
 * situation changes what the cause means (a duplicate key while restoring is
 * a damaged or edited backup, not a repeated import) it says so.
 */
const BY_NAME: Readonly<Record<string, string>> = {
  QuotaExceededError:
    '本机存储空间不足（磁盘或浏览器分配的存储空间已用完），未写入任何数据。请清理磁盘空间、删除不再需要的照片或旧检查任务后重试；网页版可在浏览器设置中允许本站使用更多存储空间',
  ConstraintError: '数据与本机已有的记录冲突（同一编号的记录已存在），未写入任何数据。请确认没有重复导入同一文件；如反复出现，请先「立即备份」再联系技术支持',
  DatabaseClosedError: '本机数据库已关闭（可能在另一个窗口中升级或恢复了数据），请关闭其他窗口后刷新页面再试',
  InvalidStateError: '本机数据库已关闭（可能在另一个窗口中升级或恢复了数据），请关闭其他窗口后刷新页面再试',
  VersionError: '本机数据由更新版本的软件写入，当前版本无法打开，请升级软件后再试',
  OpenFailedError: '无法打开本机数据库（磁盘可能已满或出错），请检查磁盘空间后重启软件再试',
  UnknownError: '读写本机数据库时出错（磁盘可能已满或出错），请检查磁盘空间后重启软件再试',
  DataCloneError: '数据中含有无法保存的内容，未写入任何数据，请重试；如反复出现，请联系技术支持',
  NotReadableError: '无法读取所选文件（文件可能已被移动、修改，或 U 盘已拔出），请重新选择文件',
  NotFoundError: '找不到所选文件（可能已被移动或删除），请重新选择文件',
  NotAllowedError: '浏览器不允许此操作（权限被拒绝），请在浏览器设置中允许后再试',
  SecurityError: '浏览器不允许此操作（权限被拒绝），请在浏览器设置中允许后再试',
  TimeoutError: '操作超时，未写入任何数据，请稍后重试',
  SyntaxError: '文件内容不是有效的数据格式，无法读取（文件可能已损坏或被改动），请使用原始文件',
};

/** Where an error happened, when that changes what the user should hear. */
export type ErrorSituation = 'restore';

const IN_SITUATION: Readonly<Record<ErrorSituation, Readonly<Record<string, string>>>> = {
  restore: {
    ConstraintError: '备份中有编号重复的记录，无法写入（备份文件可能被改动过）。请改用另一份备份（例如自动备份列表中较早的一份）；如反复出现，请联系技术支持',
    BulkError: '备份中有编号重复的记录，无法写入（备份文件可能被改动过）。请改用另一份备份（例如自动备份列表中较早的一份）；如反复出现，请联系技术支持',
  },
};

const HAS_CHINESE = /[\u4e00-\u9fff]/;

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  inner?: unknown;
  failures?: unknown;
}

function nameOf(e: ErrorLike): string {
  return typeof e.name === 'string' ? e.name : '';
}

/** The innermost cause Dexie carries (`inner`, or the first failure of a bulk operation). */
function causes(error: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const like = e as ErrorLike;
    out.push(like);
    const failures = Array.isArray(like.failures) ? like.failures : like.failures && typeof like.failures === 'object' ? Object.values(like.failures) : [];
    e = like.inner ?? failures[0];
  }
  return out;
}

/** A Chinese sentence for any error, for message.error and alerts. */
export function userMessage(error: unknown, situation?: ErrorSituation): string {
  const chain = causes(error);
  const specific = situation ? IN_SITUATION[situation] : {};
  // The deepest known cause explains best (a transaction aborted because the disk is full).
  for (const e of [...chain].reverse()) {
    const known = specific[nameOf(e)] ?? BY_NAME[nameOf(e)];
    if (known) return known;
    if (typeof e.message === 'string' && /quota/i.test(e.message)) return BY_NAME.QuotaExceededError;
  }
  const top = chain[0];
  const message = top && typeof top.message === 'string' ? top.message : typeof error === 'string' ? error : '';
  if (HAS_CHINESE.test(message)) return message;
  if (top && nameOf(top) === 'RangeError' && /allocation|array length|memory/i.test(message)) {
    return '内存不足，无法一次处理这么大的文件，请关闭其他程序后再试';
  }
  if (top && nameOf(top) === 'AbortError') return '操作已中止，未写入任何数据，请重试';
  const code = top ? nameOf(top) : '';
  return `发生未知错误，请重试；如反复出现，请联系技术支持${code && code !== 'Error' ? `（错误类型：${code}）` : ''}`;
}
