import { Alert, Button, Empty, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PhotoOwner } from '../../../shared/photos/links';
import { PhotoAttachControls } from './PhotoAttachControls';
import type { PendingPhoto } from './pendingPhotos';
import './photos.css';

export interface PendingPhotosProps {
  items: PendingPhoto[];
  /** Which round and assessment the photos will belong to (for the 水印 state shown). */
  inspectionId: string;
  assessmentId: string;
  /** false: only the held photos are listed (new ones go to the saved owner's own area). */
  addable?: boolean;
  onAdd: (files: File[]) => void;
  onRemove: (key: string) => void;
}

/** A held photo before it is saved: the picture as chosen, its name, and why it was not saved if it failed. */
function PendingCard({ item, onRemove }: { item: PendingPhoto; onRemove: () => void }) {
  const [url, setUrl] = useState<string | null>(null);
  const [broken, setBroken] = useState(false);
  useEffect(() => {
    const made = URL.createObjectURL(item.file);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [item.file]);
  return (
    <div className="photo-card" data-testid="pending-photo">
      <div className="photo-thumb" aria-label={`待保存的照片 ${item.file.name}`}>
        {url && !broken ? <img src={url} alt={item.file.name} onError={() => setBroken(true)} /> : <span className="photo-thumb-empty">{broken ? '无法预览' : '加载中…'}</span>}
      </div>
      <div className="photo-card-meta">
        <Typography.Text ellipsis={{ tooltip: item.file.name }} className="photo-card-caption">
          {item.file.name}
        </Typography.Text>
        {item.problem ? (
          <Typography.Text type="danger" className="photo-card-caption" data-testid="pending-photo-problem">
            未保存：{item.problem}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" className="photo-card-caption">
            待保存
          </Typography.Text>
        )}
        <Button size="small" type="link" style={{ padding: 0, alignSelf: 'flex-start' }} onClick={onRemove} aria-label={`移除 ${item.file.name}`}>
          移除
        </Button>
      </div>
    </div>
  );
}

/**
 * Photo evidence chosen in a form before it is saved (记录问题): the same ways to add
 * (picker, drop, paste, camera), held in memory with the form, attached on save.
 */
export function PendingPhotos({ items, inspectionId, assessmentId, addable = true, onAdd, onRemove }: PendingPhotosProps) {
  const owner: PhotoOwner = useMemo(() => ({ ownerType: 'finding', ownerId: `draft:${assessmentId}`, inspectionId, assessmentId }), [inspectionId, assessmentId]);
  const failed = items.filter((i) => i.problem).length;
  const gridRef = useRef<HTMLDivElement>(null);
  const shown = useRef(0);
  // Newly chosen photos appear at the foot of the form: bring them where the inspector looks.
  useEffect(() => {
    if (items.length > shown.current) gridRef.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
    shown.current = items.length;
  }, [items.length]);
  const grid = items.length > 0 && (
    <div className="photo-grid photo-grid-compact" data-testid="pending-photos" ref={gridRef}>
      {items.map((item) => (
        <PendingCard key={item.key} item={item} onRemove={() => onRemove(item.key)} />
      ))}
    </div>
  );
  return (
    <div className="photo-attach" data-testid="pending-photo-area">
      {failed > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          title={`${failed} 张照片未能保存，仍保留在此：可再次点“保存”重试，或移除后保存。`}
          data-testid="pending-photo-alert"
        />
      )}
      {addable ? (
        <PhotoAttachControls owner={owner} onFiles={onAdd}>
          {grid || <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="可选择文件、拖入、粘贴或拍照；照片在保存问题时加水印并保存" />}
          {items.length > 0 && (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6, fontSize: 12 }}>
              已选 {items.length} 张，保存问题时一并保存（加水印、记录校验值）；取消则不保存。
            </Typography.Text>
          )}
        </PhotoAttachControls>
      ) : (
        grid
      )}
    </div>
  );
}

export default PendingPhotos;
