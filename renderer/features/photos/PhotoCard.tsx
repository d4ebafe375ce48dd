import { Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { PhotoRow } from '../../../shared/domain/photos';
import { isoToLocal, shortLocal, usePhotoUrl } from './photoHooks';
import type { PhotoRepository } from './photoRepository';

/** One thumbnail with its capture time (the hash is a technical detail: it is in the viewer's 详细信息 fold). */
export function PhotoCard({
  repo,
  photo,
  caption,
  label,
  forReport,
  onOpen,
  actions,
}: {
  repo: PhotoRepository;
  photo: PhotoRow;
  caption?: string;
  label?: string;
  forReport?: boolean;
  onOpen?: () => void;
  actions?: ReactNode;
}) {
  const url = usePhotoUrl(repo, photo.id, 'thumb', photo.updatedAt);
  const time = photo.takenAt ? `拍摄 ${shortLocal(photo.takenAt)}` : `导入 ${isoToLocal(photo.attachedAt).slice(0, 16)}`;
  return (
    <div className="photo-card" data-testid="photo-card">
      <button type="button" className="photo-thumb" onClick={onOpen} aria-label={`查看照片 ${photo.originalName}`} disabled={!onOpen}>
        {url ? <img src={url} alt={caption || photo.originalName} loading="lazy" /> : <span className="photo-thumb-empty">加载中…</span>}
        {forReport && (
          <Tag color="green" className="photo-report-tag">
            用于报告
          </Tag>
        )}
      </button>
      <div className="photo-card-meta">
        <Typography.Text className="photo-card-time" title={photo.takenAt ? '照片 EXIF 记录的拍摄时间' : '照片无拍摄时间，显示导入时间'}>
          {time}
        </Typography.Text>
        {label && (
          <Typography.Text type="secondary" ellipsis={{ tooltip: label }} className="photo-card-label">
            {label}
          </Typography.Text>
        )}
        {caption && (
          <Typography.Text ellipsis={{ tooltip: caption }} className="photo-card-caption">
            {caption}
          </Typography.Text>
        )}
        {actions}
      </div>
    </div>
  );
}
