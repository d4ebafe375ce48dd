import { CameraOutlined, PictureOutlined } from '@ant-design/icons';
import { Alert, Button, Progress, Space, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { formatDuration } from '../../../shared/photos/format';
import type { PhotoOwner } from '../../../shared/photos/links';
import type { WatermarkInfo } from '../../../shared/photos/watermark';
import { CameraCapture } from './CameraCapture';
import { ownerKey, usePhotoBatchStore } from './photoBatchStore';
import { usePhotoRepository } from './photoHooks';
import { sourceFromBlob, type BatchResult } from './photoRepository';
import { localFileStamp } from '../../../shared/util/localTime';

const ACCEPT = 'image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp,.heic,.heif';

/**
 * Ways to bring photos in for one owner: file picker (many at once), drag and
 * drop, paste, and the laptop camera; then a progress bar, and a list of the
 * files that could not be used and why. Children (thumbnails) sit inside the
 * drop area.
 */
export function PhotoAttachControls({
  owner,
  watermark,
  onFiles,
  children,
}: {
  owner: PhotoOwner;
  /** undefined: follow the round's 水印 setting. */
  watermark?: WatermarkInfo | null;
  /** Hold the chosen files instead of attaching them now (a form not saved yet attaches them on save). */
  onFiles?: (files: File[]) => void;
  children?: ReactNode;
}) {
  const repo = usePhotoRepository();
  const key = ownerKey(owner);
  const run = usePhotoBatchStore((s) => s.runs[key]);
  const start = usePhotoBatchStore((s) => s.start);
  const cancel = usePhotoBatchStore((s) => s.cancel);
  const dismiss = usePhotoBatchStore((s) => s.dismiss);
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [camera, setCamera] = useState(false);
  const [roundWatermark, setRoundWatermark] = useState<WatermarkInfo | null | undefined>(undefined);

  useEffect(() => {
    if (watermark !== undefined) return;
    let alive = true;
    repo.watermarkFor(owner.inspectionId, owner.assessmentId).then((w) => alive && setRoundWatermark(w));
    return () => {
      alive = false;
    };
  }, [repo, watermark, owner.inspectionId, owner.assessmentId]);
  const effectiveWatermark = watermark !== undefined ? watermark : roundWatermark;

  async function add(files: File[]) {
    if (files.length === 0) return;
    if (onFiles) {
      onFiles(files);
      return;
    }
    const wm = effectiveWatermark !== undefined ? effectiveWatermark : await repo.watermarkFor(owner.inspectionId, owner.assessmentId);
    await start(key, repo, files.map((f) => sourceFromBlob(f)), owner, wm);
  }

  function onPaste(e: React.ClipboardEvent) {
    const files = Array.from(e.clipboardData.files);
    if (files.length === 0) return;
    e.preventDefault();
    const stamp = localFileStamp(new Date()).replace('T', '');
    add(files.map((f, i) => (f.name && f.name !== 'image.png' ? f : new File([f], `粘贴的图片_${stamp}_${i + 1}.${f.type === 'image/png' ? 'png' : 'jpg'}`, { type: f.type }))));
  }

  const p = run?.progress;
  const percent = p && p.total ? Math.round((p.done / p.total) * 100) : 0;

  return (
    <div
      className={`photo-drop${dragging ? ' photo-drop-active' : ''}`}
      tabIndex={0}
      aria-label="照片添加区：可拖入照片文件，或按 Ctrl+V 粘贴"
      data-testid="photo-drop"
      onPaste={onPaste}
      onDragOver={(e) => {
        if (!Array.from(e.dataTransfer.types).includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        add(Array.from(e.dataTransfer.files));
      }}
    >
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Button icon={<PictureOutlined />} onClick={() => inputRef.current?.click()}>
            选择照片
          </Button>
          <Button icon={<CameraOutlined />} onClick={() => setCamera(true)}>
            拍照
          </Button>
          <Typography.Text type="secondary">可一次选择多张，也可把照片拖到此处，或点击此区域后按 Ctrl+V 粘贴</Typography.Text>
        </Space>
        {effectiveWatermark !== undefined && (
          <Tooltip
            title={
              effectiveWatermark
                ? '保存时在照片底部烧录拍摄时间、被检查单位、检查人员和检查批次；不保留无水印的副本。原始文件的校验值照常记录。'
                : '本检查批次未开启照片水印，照片按原样（缩小后）保存。'
            }
          >
            <Tag color={effectiveWatermark ? 'blue' : 'default'} data-testid="watermark-state">
              {effectiveWatermark ? '水印：开（不保留无水印副本）' : '水印：关'}
            </Tag>
          </Tooltip>
        )}
      </Space>
      <input
        ref={inputRef}
        type="file"
        multiple
        accept={ACCEPT}
        style={{ display: 'none' }}
        data-testid="photo-file-input"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          add(files);
        }}
      />

      {run?.running && p && (
        <div className="photo-progress" role="status" data-testid="photo-progress">
          <Progress percent={percent} size="small" status="active" />
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <Typography.Text type="secondary">
              正在处理第 {Math.min(p.done + 1, p.total)} / {p.total} 张{p.current ? `：${p.current}` : ''}
              {p.timeLeftMs !== null && p.timeLeftMs > 0 ? `，剩余${formatDuration(p.timeLeftMs)}` : ''}
              {p.failed ? `（${p.failed} 张未能导入）` : ''}
            </Typography.Text>
            <Button size="small" onClick={() => cancel(key)}>
              停止
            </Button>
          </Space>
        </div>
      )}
      {run && !run.running && run.result && <BatchSummary result={run.result} onClose={() => dismiss(key)} />}

      {children}
      <CameraCapture open={camera} onClose={() => setCamera(false)} onCapture={(f) => add([f])} />
    </div>
  );
}

function BatchSummary({ result, onClose }: { result: BatchResult; onClose: () => void }) {
  const stored = result.outcomes.filter((o) => o.kind === 'stored').length;
  const linked = result.outcomes.filter((o) => o.kind === 'linked').length;
  const already = result.outcomes.filter((o) => o.kind === 'alreadyLinked').length;
  const parts = [
    stored && `新增 ${stored} 张照片`,
    linked && `${linked} 张与已保存的照片相同，已直接关联（未重复保存）`,
    already && `${already} 张此前已添加，未重复添加`,
  ].filter(Boolean);
  return (
    <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }} data-testid="photo-batch-summary">
      {parts.length > 0 && <Alert type="success" showIcon closable onClose={onClose} title={`${parts.join('；')}。`} />}
      {result.failures.length > 0 && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={onClose}
          title={`${result.failures.length} 个文件未能导入，其余照片不受影响：`}
          description={
            <ul className="photo-failures" data-testid="photo-failures">
              {result.failures.map((f, i) => (
                <li key={i}>
                  <b>{f.name}</b>：{f.reason}
                </li>
              ))}
              {result.notTried.length > 0 && (
                <li>
                  以下 {result.notTried.length} 个文件{result.stoppedForStorage ? '因磁盘空间不足' : '因已停止'}未处理：{result.notTried.join('、')}
                </li>
              )}
            </ul>
          }
        />
      )}
      {result.failures.length === 0 && result.notTried.length > 0 && (
        <Alert type="warning" showIcon closable onClose={onClose} title={`已停止，${result.notTried.length} 个文件未处理：${result.notTried.join('、')}`} />
      )}
    </Space>
  );
}
