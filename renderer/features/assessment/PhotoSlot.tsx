import { CameraOutlined } from '@ant-design/icons';
import { Button, Spin } from 'antd';
import { lazy, Suspense, useEffect, useRef } from 'react';
import type { PhotoOwnerType } from '../../../shared/domain/photos';

// The photos feature's attach component, loaded only when an inspector opens a photo slot.
const PhotoAttach = lazy(() => import('../photos/PhotoAttach'));

export interface PhotoSlotProps {
  ownerType: PhotoOwnerType;
  /** e.g. `${assessmentId}:${itemId}` for a 五统一 item. */
  ownerId: string;
  inspectionId: string;
  assessmentId: string;
}

/** The 照片 toggle of a row. */
export function PhotoToggle({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  return (
    <Button size="small" type={open ? 'primary' : 'text'} ghost={open} icon={<CameraOutlined />} onClick={onToggle}>
      照片
    </Button>
  );
}

/** Photo evidence for one owner: the photos feature's PhotoAttach, mounted on demand. */
export function PhotoSlot(props: PhotoSlotProps) {
  const ref = useRef<HTMLDivElement>(null);
  // Opened from a button that may be far above: bring the upload area where the inspector looks.
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, []);
  return (
    <div ref={ref} className="zw-photo-slot" data-photo-slot={props.ownerId}>
      <Suspense fallback={<Spin size="small" />}>
        <PhotoAttach {...props} emptyText="暂无照片，可选择文件、拖入、粘贴或拍照" />
      </Suspense>
    </div>
  );
}
