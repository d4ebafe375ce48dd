import { Alert } from 'antd';
import { getPlatform } from '../../platform';

/**
 * Said plainly where the browser cannot write a backup or a bundle to the file
 * as it is made: the whole file is collected in the browser and downloaded at
 * the end.
 */
export function DownloadNote() {
  const platform = getPlatform();
  if (platform.kind !== 'browser' || platform.streamsToFile) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="download-note"
      title="此浏览器不能边生成边写入文件"
      description="备份文件和同步数据包须在浏览器中全部生成后才一次性下载：照片较多时占用内存较多、等待较久，下载完成前请勿关闭或刷新页面。照片较多时请使用桌面版，或改用能直接写入所选文件的 Chrome、Edge 浏览器。"
    />
  );
}
