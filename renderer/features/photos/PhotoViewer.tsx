import { DeleteOutlined, DisconnectOutlined, DownloadOutlined, LeftOutlined, LinkOutlined, RightOutlined, ZoomInOutlined, ZoomOutOutlined, ExpandOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Descriptions, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { formatGps } from '../../../shared/photos/exif';
import { formatBytes, hashPrefix } from '../../../shared/photos/format';
import { getPlatform } from '../../platform';
import { useSession } from '../../store/sessionStore';
import { HashText } from './HashText';
import { isoToLocal, usePhotoUrl } from './photoHooks';
import type { PhotoRepository, PhotoView } from './photoRepository';

const MIN_ZOOM = 1;
const MAX_ZOOM = 8;

/**
 * The photo viewer: zoom and pan (wheel, drag, buttons), ←/→ through the list,
 * caption (saved as you type), 用于报告, link to another owner, unlink, delete.
 */
export function PhotoViewer({
  repo,
  views,
  index,
  onIndex,
  onClose,
}: {
  repo: PhotoRepository;
  views: PhotoView[];
  index: number | null;
  onIndex: (i: number) => void;
  onClose: () => void;
}) {
  const open = index !== null && views.length > 0;
  const i = open ? Math.min(index!, views.length - 1) : 0;
  const view = open ? views[i] : null;

  useEffect(() => {
    if (index !== null && views.length === 0) onClose();
  }, [index, views.length, onClose]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
      if (e.key === 'ArrowLeft' && i > 0) onIndex(i - 1);
      if (e.key === 'ArrowRight' && i < views.length - 1) onIndex(i + 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, i, views.length, onIndex]);

  return (
    <Modal
      open={open}
      onCancel={onClose}
      footer={null}
      width={1180}
      centered
      destroyOnHidden
      title={view ? `${view.photo.originalName}（${i + 1} / ${views.length}）` : ''}
      className="photo-viewer-modal"
    >
      {view && (
        <div className="photo-viewer" data-testid="photo-viewer">
          <div className="photo-viewer-left">
            <ZoomStage key={view.photo.id} repo={repo} view={view} />
            <Space className="photo-viewer-nav">
              <Button icon={<LeftOutlined />} disabled={i === 0} onClick={() => onIndex(i - 1)}>
                上一张
              </Button>
              <Typography.Text type="secondary">← → 键切换</Typography.Text>
              <Button disabled={i >= views.length - 1} onClick={() => onIndex(i + 1)}>
                下一张 <RightOutlined />
              </Button>
            </Space>
          </div>
          <ViewerSide key={view.link.id} repo={repo} view={view} />
        </div>
      )}
    </Modal>
  );
}

function ZoomStage({ repo, view }: { repo: PhotoRepository; view: PhotoView }) {
  const url = usePhotoUrl(repo, view.photo.id, 'processed', view.photo.updatedAt);
  const [z, setZ] = useState({ s: 1, x: 0, y: 0 });
  const stageRef = useRef<HTMLDivElement>(null);
  const drag = useRef<{ px: number; py: number; x: number; y: number } | null>(null);

  function zoomAt(factor: number, cx: number, cy: number) {
    setZ((cur) => {
      const s = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, cur.s * factor));
      if (s === MIN_ZOOM) return { s, x: 0, y: 0 };
      // Keep the point under the cursor where it is.
      const k = s / cur.s;
      return { s, x: cx - k * (cx - cur.x), y: cy - k * (cy - cur.y) };
    });
  }

  // React's onWheel is passive; a native listener may prevent the page from scrolling.
  useEffect(() => {
    const el = stageRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      zoomAt(e.deltaY < 0 ? 1.2 : 1 / 1.2, e.clientX - r.left - r.width / 2, e.clientY - r.top - r.height / 2);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  return (
    <div className="photo-stage-wrap">
      <div
        ref={stageRef}
        className={`photo-stage${z.s > 1 ? ' photo-stage-zoomed' : ''}`}
        data-testid="photo-stage"
        onPointerDown={(e) => {
          if (z.s <= 1) return;
          (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
          drag.current = { px: e.clientX, py: e.clientY, x: z.x, y: z.y };
        }}
        onPointerMove={(e) => {
          const d = drag.current;
          if (!d) return;
          setZ((cur) => ({ ...cur, x: d.x + e.clientX - d.px, y: d.y + e.clientY - d.py }));
        }}
        onPointerUp={() => (drag.current = null)}
        onPointerCancel={() => (drag.current = null)}
        onDoubleClick={() => setZ((cur) => (cur.s > 1 ? { s: 1, x: 0, y: 0 } : { s: 2, x: 0, y: 0 }))}
      >
        {url ? (
          <img src={url} alt={view.link.caption || view.photo.originalName} draggable={false} style={{ transform: `translate(${z.x}px, ${z.y}px) scale(${z.s})` }} />
        ) : (
          <span className="photo-thumb-empty">加载中…</span>
        )}
      </div>
      <Space className="photo-zoom-buttons">
        {/* Native titles, not antd Tooltips: an open tooltip would take the Esc key from the viewer. */}
        <Button size="small" icon={<ZoomInOutlined />} aria-label="放大" title="放大（滚轮向上）" onClick={() => zoomAt(1.25, 0, 0)} />
        <Button size="small" icon={<ZoomOutOutlined />} aria-label="缩小" title="缩小（滚轮向下）" onClick={() => zoomAt(1 / 1.25, 0, 0)} />
        <Button size="small" icon={<ExpandOutlined />} aria-label="适应窗口" title="适应窗口（双击图片）" onClick={() => setZ({ s: 1, x: 0, y: 0 })} />
        <Typography.Text type="secondary" data-testid="photo-zoom">
          {Math.round(z.s * 100)}%
        </Typography.Text>
      </Space>
    </div>
  );
}

function ViewerSide({ repo, view }: { repo: PhotoRepository; view: PhotoView }) {
  const { db } = useSession();
  const { message, modal } = App.useApp();
  const { photo, link } = view;
  // Shown at once; the stored value follows (and wins when it changes elsewhere).
  const [forReport, setForReport] = useState(link.forReport);
  useEffect(() => setForReport(link.forReport), [link.forReport]);
  const uses = useLiveQuery(async () => {
    const links = (await db.photoLinks.where('photoId').equals(photo.id).toArray()).filter((l) => !l.deleted);
    const labels = await repo.ownerLabels(links);
    return links.map((l) => ({ link: l, label: labels.get(l.id) ?? '' }));
  }, [db, repo, photo.id]);
  const options = useLiveQuery(() => repo.ownerOptions(link.assessmentId), [repo, link.assessmentId]);

  async function unlinkThis() {
    const last = (uses ?? []).length <= 1;
    modal.confirm({
      title: '取消此处的关联？',
      content: last ? '这是该照片唯一的使用位置，取消关联后照片将移入回收站，可在「照片库 → 回收站」中恢复。' : '照片仍保留在其他使用位置。',
      okText: '取消关联',
      cancelText: '返回',
      onOk: async () => {
        const toBin = await repo.unlink(link.id);
        message.success(toBin ? '已取消关联，照片已移入回收站' : '已取消关联');
      },
    });
  }

  function deletePhoto() {
    modal.confirm({
      title: '删除这张照片？',
      content: `照片将从所有使用位置（${(uses ?? []).length} 处）移除并移入回收站，可在「照片库 → 回收站」中恢复；清空回收站后将永久删除。`,
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        await repo.deletePhoto(photo.id);
        message.success('照片已移入回收站');
      },
    });
  }

  async function exportCopy() {
    const blob = await repo.blob(photo.id, 'processed');
    if (!blob) {
      message.error('照片文件已不存在');
      return;
    }
    const base = photo.originalName.replace(/\.[^.]+$/, '');
    const saved = await getPlatform().saveFile(`${base}_${hashPrefix(photo.id)}.jpg`, new Uint8Array(await blob.arrayBuffer()), [{ name: 'JPEG 照片', extensions: ['jpg'] }]);
    if (saved) message.success('照片已导出');
  }

  const used = new Set((uses ?? []).map((u) => `${u.link.ownerType}:${u.link.ownerId}`));
  const linkable = (options ?? []).filter((o) => !used.has(`${o.owner.ownerType}:${o.owner.ownerId}`));
  const groups = [...new Set(linkable.map((o) => o.group))];

  return (
    <div className="photo-viewer-side">
      <CaptionEditor repo={repo} linkId={link.id} initial={link.caption} />
      <Checkbox
        checked={forReport}
        onChange={async (e) => {
          const on = e.target.checked;
          setForReport(on);
          try {
            await repo.setForReport(link.id, on);
            message.success(on ? '已标记为用于报告' : '已取消用于报告');
          } catch (err) {
            setForReport(!on);
            message.error(`保存失败：${err instanceof Error ? err.message : String(err)}`);
          }
        }}
      >
        用于报告（放入 PDF 检查报告）
      </Checkbox>
      <Descriptions size="small" column={1} bordered className="photo-facts">
        <Descriptions.Item label="拍摄时间">{photo.takenAt ? photo.takenAt.replace('T', ' ') : <Typography.Text type="secondary">照片无拍摄时间</Typography.Text>}</Descriptions.Item>
        <Descriptions.Item label="导入">
          {isoToLocal(photo.attachedAt)}（{photo.attachedBy || '未知'}）
        </Descriptions.Item>
        <Descriptions.Item label="位置">{photo.gps ? formatGps(photo.gps) : <Typography.Text type="secondary">无定位信息</Typography.Text>}</Descriptions.Item>
        {photo.camera && <Descriptions.Item label="设备">{photo.camera}</Descriptions.Item>}
        <Descriptions.Item label="原始文件">
          <span data-testid="photo-original">
            {photo.originalName}，{formatBytes(photo.originalBytes)}，{photo.width}×{photo.height}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label="水印">
          {photo.watermarked ? (
            <Tag color="blue" title={photo.watermarkText.join('\n')}>
              已烧录水印，未保留无水印副本
            </Tag>
          ) : (
            '无'
          )}
        </Descriptions.Item>
      </Descriptions>
      <details className="zw-details" data-testid="photo-details">
        <summary>详细信息</summary>
        原始文件的 SHA-256 校验值（照片导入时计算，用于核验原件未被改动；点击复制）：
        <HashText sha256={photo.id} full />
      </details>
      <div>
        <Typography.Text strong>使用位置</Typography.Text>
        <ul className="photo-uses" data-testid="photo-uses">
          {(uses ?? []).map((u) => (
            <li key={u.link.id}>
              {u.label}
              {u.link.id === link.id && <Tag style={{ marginLeft: 6 }}>当前</Tag>}
            </li>
          ))}
        </ul>
        <Select<string>
          size="small"
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={<><LinkOutlined /> 同时关联到…（问题、考核指标、五统一核查项）</>}
          style={{ width: '100%' }}
          value={null as unknown as string}
          options={groups.map((g) => ({
            label: g,
            options: linkable.filter((o) => o.group === g).map((o) => ({ value: `${o.owner.ownerType}|${o.owner.ownerId}`, label: o.label })),
          }))}
          onChange={async (v) => {
            const o = linkable.find((x) => `${x.owner.ownerType}|${x.owner.ownerId}` === v);
            if (!o) return;
            await repo.link(photo.id, o.owner);
            message.success(`已关联到「${o.label}」`);
          }}
        />
      </div>
      <Space wrap>
        <Button icon={<DownloadOutlined />} onClick={exportCopy} title={photo.watermarked ? '导出保存的照片（含水印）' : '导出保存的照片'}>
          导出
        </Button>
        <Button icon={<DisconnectOutlined />} onClick={unlinkThis}>
          取消关联
        </Button>
        <Button danger icon={<DeleteOutlined />} onClick={deletePhoto}>
          删除照片
        </Button>
      </Space>
    </div>
  );
}

/** The caption saves itself a moment after typing stops, on leaving the field, and when the viewer moves on. */
function CaptionEditor({ repo, linkId, initial }: { repo: PhotoRepository; linkId: string; initial: string }) {
  const [value, setValue] = useState(initial);
  const [state, setState] = useState<'saved' | 'dirty' | 'saving' | 'error'>('saved');
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  async function flush() {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const text = pending.current;
    if (text === null) return;
    pending.current = null;
    setState('saving');
    try {
      await repo.setCaption(linkId, text);
      setState((s) => (s === 'saving' ? 'saved' : s));
    } catch {
      setState('error');
    }
  }

  useEffect(
    () => () => {
      // Leaving this photo: save what was typed.
      if (timer.current) clearTimeout(timer.current);
      if (pending.current !== null) void repo.setCaption(linkId, pending.current);
    },
    [repo, linkId],
  );

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text strong>照片说明</Typography.Text>
        <Typography.Text type={state === 'error' ? 'danger' : 'secondary'} data-testid="caption-state">
          {state === 'saved' ? '已自动保存' : state === 'saving' ? '正在保存…' : state === 'dirty' ? '输入中…' : '保存失败，请重试'}
        </Typography.Text>
      </Space>
      <Input.TextArea
        value={value}
        rows={2}
        maxLength={200}
        placeholder="如：专区未设置统一标识牌"
        aria-label="照片说明"
        onChange={(e) => {
          setValue(e.target.value);
          pending.current = e.target.value;
          setState('dirty');
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(flush, 600);
        }}
        onBlur={flush}
      />
    </div>
  );
}
