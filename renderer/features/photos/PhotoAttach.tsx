import { Empty } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useMemo, useState } from 'react';
import type { PhotoOwnerType } from '../../../shared/domain/photos';
import type { PhotoOwner } from '../../../shared/photos/links';
import type { WatermarkInfo } from '../../../shared/photos/watermark';
import { PhotoAttachControls } from './PhotoAttachControls';
import { PhotoCard } from './PhotoCard';
import { PhotoViewer } from './PhotoViewer';
import { usePhotoRepository } from './photoHooks';
import './photos.css';

export interface PhotoAttachProps {
  ownerType: PhotoOwnerType;
  /** assessmentId, `${assessmentId}:${indicatorId}`, `${assessmentId}:${itemId}` or findingId (see scopedOwnerId). */
  ownerId: string;
  inspectionId: string;
  assessmentId: string;
  /**
   * What to burn into new photos. Leave it out to follow the round's 水印
   * setting (unit name, current inspector, round title); null: no watermark.
   */
  watermark?: WatermarkInfo | null;
  /** Shown when there is no photo yet. */
  emptyText?: string;
}

/**
 * Photo evidence for one assessment, indicator, checklist item or finding:
 * the linked thumbnails, the ways to add more (file picker, drag and drop,
 * paste, camera) and the viewer.
 */
export function PhotoAttach({ ownerType, ownerId, inspectionId, assessmentId, watermark, emptyText = '暂无照片' }: PhotoAttachProps) {
  const repo = usePhotoRepository();
  const owner: PhotoOwner = useMemo(() => ({ ownerType, ownerId, inspectionId, assessmentId }), [ownerType, ownerId, inspectionId, assessmentId]);
  const views = useLiveQuery(() => repo.listForOwner(ownerType, ownerId), [repo, ownerType, ownerId]);
  const [index, setIndex] = useState<number | null>(null);
  const close = useCallback(() => setIndex(null), []);

  return (
    <div className="photo-attach" data-testid="photo-attach">
      <PhotoAttachControls owner={owner} watermark={watermark}>
        {views && views.length > 0 ? (
          <div className="photo-grid photo-grid-compact">
            {views.map((v, i) => (
              <PhotoCard key={v.link.id} repo={repo} photo={v.photo} caption={v.link.caption} forReport={v.link.forReport} onOpen={() => setIndex(i)} />
            ))}
          </div>
        ) : (
          views && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
        )}
      </PhotoAttachControls>
      <PhotoViewer repo={repo} views={views ?? []} index={index} onIndex={setIndex} onClose={close} />
    </div>
  );
}

export default PhotoAttach;
