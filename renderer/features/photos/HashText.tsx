import { App } from 'antd';
import { hashPrefix } from '../../../shared/photos/format';

/** The original's SHA-256: first 16 hex digits shown; a click copies all 64. (A native title, not a Tooltip: it sits in the viewer, where an open tooltip would take the Esc key.) */
export function HashText({ sha256, full = false }: { sha256: string; full?: boolean }) {
  const { message } = App.useApp();
  async function copy(e: React.MouseEvent) {
    e.stopPropagation();
    try {
      await navigator.clipboard.writeText(sha256);
      message.success('已复制完整 SHA-256 校验值');
    } catch {
      message.error('无法写入剪贴板，请手动选择复制');
    }
  }
  return (
    <button
      type="button"
      className={`photo-hash${full ? ' photo-hash-full' : ''}`}
      onClick={copy}
      data-testid="photo-hash"
      title={full ? '点击复制' : `原始文件 SHA-256：${sha256}（点击复制）`}
      aria-label={`SHA-256 ${sha256}，点击复制`}
    >
      {full ? sha256 : hashPrefix(sha256)}
    </button>
  );
}
