import { CameraOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { exifDateTime, withExif } from '../../../shared/photos/exifWrite';

/**
 * The laptop's camera in a dialog: live preview, "拍照" grabs a frame as a
 * JPEG. The frame gets an EXIF capture time (like a phone photo's), so its
 * watermark and gallery show when it was taken.
 */
export function CameraCapture({ open, onClose, onCapture }: { open: boolean; onClose: () => void; onCapture: (file: File) => void }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const [taken, setTaken] = useState(0);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    setError(null);
    setReady(false);
    setTaken(0);
    (async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        setError('当前环境不支持调用摄像头');
        return;
      }
      try {
        const stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false });
        if (cancelled) {
          stream.getTracks().forEach((t) => t.stop());
          return;
        }
        streamRef.current = stream;
        if (videoRef.current) {
          videoRef.current.srcObject = stream;
          await videoRef.current.play().catch(() => undefined);
        }
        setReady(true);
      } catch (e) {
        const name = (e as { name?: string }).name;
        setError(
          name === 'NotAllowedError'
            ? '未获得摄像头使用权限：请在系统或浏览器设置中允许本程序使用摄像头后重试'
            : name === 'NotFoundError' || name === 'OverconstrainedError'
              ? '未检测到可用的摄像头'
              : name === 'NotReadableError'
                ? '摄像头正被其他程序占用，请关闭其他程序后重试'
                : `无法打开摄像头：${(e as Error).message ?? String(e)}`,
        );
      }
    })();
    return () => {
      cancelled = true;
      streamRef.current?.getTracks().forEach((t) => t.stop());
      streamRef.current = null;
    };
  }, [open]);

  async function capture() {
    const video = videoRef.current;
    if (!video || !video.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d')!.drawImage(video, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
    if (!blob) return;
    const now = new Date();
    const bytes = withExif(new Uint8Array(await blob.arrayBuffer()), { dateTimeOriginal: exifDateTime(now), orientation: 1 });
    const stamp = exifDateTime(now).replace(/[: ]/g, '');
    onCapture(new File([bytes as Uint8Array<ArrayBuffer>], `摄像头拍摄_${stamp}.jpg`, { type: 'image/jpeg' }));
    setTaken((n) => n + 1);
  }

  return (
    <Modal open={open} title="用摄像头拍照" onCancel={onClose} footer={null} width={760} destroyOnHidden>
      {error ? (
        <Alert type="error" showIcon title={error} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <video ref={videoRef} className="photo-camera-video" muted playsInline />
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <Typography.Text type="secondary">{taken ? `已拍摄 ${taken} 张，正在后台保存` : '对准需要取证的位置后点击「拍照」，可连续拍摄'}</Typography.Text>
            <Space>
              <Button onClick={onClose}>完成</Button>
              <Button type="primary" icon={<CameraOutlined />} disabled={!ready} onClick={capture}>
                拍照
              </Button>
            </Space>
          </Space>
        </Space>
      )}
    </Modal>
  );
}
